import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { completeJourney, countStore, fr, openKiosk, putDeviceSettings, readStore, searchPlaces, welcomeStart } from './support';
import { openMediatorSpace } from './mediator-space';

const UNSAFE_LINKS = [
  'javascript:alert(document.domain)//',
  'JaVaScRiPt:alert(1)',
  ' java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
];

test('a dataset already on the device with script links: no such link is drawn, the safe one is, nothing runs', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await openKiosk(page);
  // the demo places reach IndexedDB when the browser is idle after the first screen
  await expect.poll(() => countStore(page, 'places')).toBeGreaterThan(4);
  // An older version imported links as given: write them straight into the store, as such a device holds them.
  await page.evaluate(
    (links) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('repere');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('places', 'readwrite');
          const store = tx.objectStore('places');
          const all = store.getAll();
          all.onsuccess = () => {
            (all.result as Array<Record<string, unknown>>).forEach((place, index) => {
              const accessModes = [...((place.accessModes as string[] | undefined) ?? []), 'Prendre un RDV en ligne'];
              const bookingUrl = index === 0 ? 'https://rdv.example.org/sur' : links[index % links.length];
              store.put({ ...place, accessModes, bookingUrl, phone: index === 1 ? 'javascript:alert(2)' : place.phone });
            });
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    UNSAFE_LINKS,
  );
  // A mediator's tablet draws links (a public kiosk shows booking sites as QR codes: checked below).
  await setDeviceMode(page, 'mediatorTablet');
  await page.reload();
  await welcomeStart(page).click();
  await completeJourney(page);
  await searchPlaces(page, '25000');
  const places = page.locator('.places .place');
  await expect(places.first()).toBeVisible();
  const hrefs = await page.locator('.places a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) expect(href).toMatch(/^(https?:\/\/|tel:\+?\d+$)/);
  // the one safe booking link is still offered, when its place is listed
  const booking = page.getByRole('link', { name: fr('result.places.book') });
  for (const link of await booking.all()) await expect(link).toHaveAttribute('href', 'https://rdv.example.org/sur');
  for (const link of await page.locator('.places a').all()) {
    const href = (await link.getAttribute('href')) ?? '';
    if (href.startsWith('tel:')) await link.evaluate((a) => a.addEventListener('click', (e) => e.preventDefault()));
  }
  expect(dialogs).toEqual([]);

  // On a public kiosk: no link at all (a booking site would outlive the wipe, a phone link dials nothing); the safe
  // booking site is offered as a QR code to scan with one's own phone.
  await page.getByRole('button', { name: fr('session.finish') }).click();
  await setDeviceMode(page, 'publicKiosk');
  await page.reload();
  await welcomeStart(page).click();
  await completeJourney(page);
  await searchPlaces(page, '25000');
  await expect(page.locator('.places .place').first()).toBeVisible();
  await expect(page.locator('.places a[href]')).toHaveCount(0);
  const scan = page.getByRole('button', { name: fr('result.places.bookOnPhone') });
  if ((await scan.count()) > 0) {
    await scan.first().click();
    await expect(page.locator('.place-booking .qr svg')).toBeVisible();
  }
  expect(dialogs).toEqual([]);
});

/** The device's mode, as a mediator sets it in the settings. */
const setDeviceMode = (page: Page, mode: 'publicKiosk' | 'mediatorTablet') => putDeviceSettings(page, { mode }, { merge: true });

test('the app is served under its Content-Security-Policy: no inline script, no plugin, no base, no framing', async ({ page, cspViolations }) => {
  const response = await page.goto('/');
  const header = response?.headers()['content-security-policy'] ?? '';
  expect(header).toContain("script-src 'self';");
  expect(header).toContain("object-src 'none'");
  expect(header).toContain("base-uri 'none'");
  expect(header).toContain("frame-ancestors 'none'");
  expect(header).not.toContain('unsafe-inline');
  expect(header).not.toContain('unsafe-eval');
  // the same policy travels inside the page, for a static host that sends no header and for the offline copy
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(header.startsWith(meta ?? '-')).toBe(true);
  // an injected inline script does not run
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  // and the guard every end-to-end test runs under saw it (then forgets it: this one was on purpose)
  await expect.poll(() => cspViolations.some((text) => /script-src/.test(text))).toBe(true);
  cspViolations.length = 0;
});

test('a kiosk clock moved a year ahead deletes no result; the mediator is asked, and confirming the date runs the purge', async ({ page }) => {
  const start = new Date('2026-11-30T10:00:00+01:00');
  await page.clock.install({ time: start });
  await openKiosk(page);
  await openMediatorSpace(page);
  await page.getByRole('button', { name: fr('mediator.home.close') }).click();
  await welcomeStart(page).click();
  await completeJourney(page);
  await page.getByRole('button', { name: fr('session.finish') }).click();
  await expect(welcomeStart(page)).toBeVisible();
  expect(await countStore(page, 'results')).toBe(1);
  // the device has seen this day (its start-up housekeeping remembers it)
  await page.reload();
  await expect
    .poll(async () => (await readStore<{ key: string; value: { latestSeenAt?: string } }>(page, 'settings')).find((r) => r.key === 'clock')?.value.latestSeenAt ?? null)
    .not.toBeNull();

  // a year later, unseen: the retention of 90 days would delete everything
  await page.clock.setSystemTime(new Date(start.getTime() + 365 * 86_400_000));
  await page.reload();
  await expect(welcomeStart(page)).toBeVisible();
  // the start-up housekeeping runs when the browser is idle (3 s at most)
  await page.waitForTimeout(4_000);
  expect(await countStore(page, 'results')).toBe(1);

  await openMediatorSpace(page);
  const question = page.getByText(fr('mediator.home.clock.question').split('{{')[0]!.trim());
  await expect(question).toBeVisible();
  await page.getByRole('button', { name: fr('mediator.home.clock.confirm') }).click();
  await expect(page.getByText(fr('mediator.home.clock.confirmed').split('{{')[0]!.trim())).toBeVisible();
  await expect.poll(() => countStore(page, 'results')).toBe(0);
});
