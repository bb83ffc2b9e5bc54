import { expect, type Page } from '@playwright/test';
import { DEFAULT_PX_PER_MM } from '../../src/domain/tries';
import { test } from './fixtures';
import { answerFirst, ar, axeViolations, fr, nextScreen, openKiosk, questionLegend, readStore, resultHeading, triesScreen, welcomeStart } from './support';

type T = typeof fr;

/**
 * Answers the questions until the tries show: the first answer each time (a daily internet user), or, given
 * `notOnline`, someone with a smartphone who has not been online and does not use apps (offered all five tries).
 */
async function toTries(page: Page, t: T = fr, { notOnline = false } = {}): Promise<void> {
  const chosen: Record<string, string> = notOnline ? { internetUse: 'never', usesApps: 'no' } : {};
  for (let i = 0; i < 10; i += 1) {
    await nextScreen(page);
    if (await triesScreen(page).isVisible()) return;
    const title = (await questionLegend(page).innerText()).trim();
    const id = Object.keys(chosen).find((question) => t(`questions.${question}.title`) === title);
    if (!id) {
      await answerFirst(page, t, 'tap');
      continue;
    }
    await page.getByRole('radio', { name: t(`questions.${id}.options.${chosen[id]}`), exact: true }).tap();
    await page.getByRole('button', { name: t('question.next'), exact: true }).tap();
    await expect(page.getByText(title, { exact: true })).toHaveCount(0);
  }
  throw new Error('the tries never came');
}

/** Answers the questions after the tries (first answer each time) until the result shows. */
async function toResult(page: Page, t: T = fr): Promise<void> {
  for (let i = 0; i < 25; i += 1) {
    await nextScreen(page);
    if (await resultHeading(page, t).isVisible()) return;
    await answerFirst(page, t, 'tap');
  }
  throw new Error('no result');
}

const mm = (millimetres: number) => millimetres * DEFAULT_PX_PER_MM;

/** Taps each target of the touch try, `offsetMm` to the side of its centre (0: right on it), until the try ends. */
async function touchTry(page: Page, offsetMm: number): Promise<void> {
  for (let taps = 0; taps < 12 && (await page.locator('main.tries[data-try="touch"]').count()); taps += 1) {
    // on a phone the play area may start below the introduction: the person scrolls to it first
    await page.locator('.touch-target').scrollIntoViewIfNeeded();
    const box = await page.locator('.touch-target').boundingBox();
    if (!box) throw new Error('no target');
    await page.touchscreen.tap(box.x + box.width / 2 + mm(offsetMm), box.y + box.height / 2);
    await page.waitForTimeout(50);
  }
}

/** Scrolls down to the bicycle and taps it. */
async function scrollTry(page: Page, t: T): Promise<void> {
  const bike = page.locator('.scroll-card[data-card="bike"]');
  // below the fold when the try begins
  const viewport = page.viewportSize();
  expect((await bike.boundingBox())!.y).toBeGreaterThan(viewport!.height);
  await expect(page.getByText(t('tries.scroll.cards.apple'))).toBeVisible();
  await bike.tap();
}

async function writeTry(page: Page, t: T, text: string): Promise<void> {
  await page.getByLabel(t('tries.write.label')).fill('');
  await page.getByLabel(t('tries.write.label')).pressSequentially(text);
  await page.getByRole('button', { name: t('tries.write.done') }).tap();
}

async function scamTry(page: Page, t: T, answers: ReadonlyArray<'click' | 'noClick'>): Promise<void> {
  for (const answer of answers) {
    await page.getByRole('button', { name: t(`tries.scam.${answer}`), exact: true }).tap();
  }
}

async function iconsTry(page: Page, t: T, meanings: readonly string[]): Promise<void> {
  for (const meaning of meanings) await page.getByRole('button', { name: t(`tries.icons.meanings.${meaning}`), exact: true }).tap();
}

/** The session's tries as stored on the device. */
async function storedTries(page: Page): Promise<Record<string, { status: string; record?: { durationMs: number } & Record<string, unknown> }>> {
  const [session] = await readStore<{ tries?: Record<string, never> }>(page, 'sessions');
  return session?.tries ?? {};
}

test.describe('on a kiosk, by touch', () => {
  test.use({ viewport: { width: 1080, height: 1920 }, hasTouch: true });

  test('someone not online lately who taps accurately passes all five tries, in under 3 minutes; the result says it went well and keeps the level', async ({ page }) => {
    await openKiosk(page);
    await welcomeStart(page).tap();
    await toTries(page, fr, { notOnline: true });
    await expect(page.getByRole('heading', { level: 1, name: fr('tries.intro.title') })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await touchTry(page, 0);
    await expect(page.locator('main.tries[data-try="scroll"]')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await scrollTry(page, fr);
    await expect(page.locator('main.tries[data-try="write"]')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await writeTry(page, fr, 'lilas 21');
    await expect(page.locator('main.tries[data-try="scam"]')).toBeVisible();
    await expect(page.getByText('remboursement-sante-urgent.info')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await scamTry(page, fr, ['noClick', 'noClick', 'click']);
    await expect(page.locator('main.tries[data-try="icons"]')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await iconsTry(page, fr, ['back', 'menu', 'close', 'download']);
    await expect(triesScreen(page)).toHaveCount(0);
    await expect.poll(async () => Object.keys(await storedTries(page)).sort()).toEqual(['icons', 'scam', 'scroll', 'touch', 'write']);
    const tries = await storedTries(page);
    expect(Object.values(tries).every((t) => t.status === 'done')).toBe(true);
    // nothing typed is kept: only whether it matched
    expect(JSON.stringify(tries)).not.toMatch(/lilas/i);
    const total = Object.values(tries).reduce((sum, t) => sum + (t.record?.durationMs ?? 0), 0);
    expect(total).toBeLessThan(180_000);
    await toResult(page);
    await expect(page.locator('.seen li')).toHaveText([fr('result.tries.seen.handlingWell')]);
    // not online in 3 months: "Premiers pas" by what she said, and the tries do not change it
    await expect(page.locator('.level-name')).toHaveText(fr('result.levels.firstSteps'));
  });

  for (const [pattern, answers] of [
    ['spots both scams and trusts the real notice', ['noClick', 'noClick', 'click']],
    ['never clicks', ['noClick', 'noClick', 'noClick']],
    ['would pay the parcel fee', ['noClick', 'click', 'click']],
  ] as const) {
    test(`the scam try: someone who ${pattern}`, async ({ page }) => {
      await openKiosk(page);
      await welcomeStart(page).tap();
      await toTries(page);
      for (let i = 0; i < 3; i += 1) await page.getByRole('button', { name: fr('tries.skipOne') }).tap();
      await expect(page.locator('main.tries[data-try="scam"]')).toBeVisible();
      await scamTry(page, fr, answers);
      // a daily internet user: the scam try is the last one offered
      await expect(triesScreen(page)).toHaveCount(0);
      await expect.poll(async () => (await storedTries(page)).scam?.status).toBe('done');
      const { scam } = await storedTries(page);
      expect(scam?.record?.answers).toEqual({ refund: answers[0], parcelFee: answers[1], appointment: answers[2] });
      await toResult(page);
      const clickedScam = (answers as readonly string[]).slice(0, 2).includes('click');
      const steps = page.locator('.next-steps li');
      if (clickedScam) {
        await expect(steps.filter({ hasText: fr('result.nextSteps.safety') })).toHaveCount(1);
        await expect(page.locator('.seen li')).toHaveText([fr('result.tries.seen.scamClicked')]);
      } else {
        await expect(page.locator('.seen')).toHaveCount(0);
      }
    });
  }

  test('a reload in the middle of a try starts that try again, the ones before kept; nothing counts as failed', async ({ page }) => {
    await openKiosk(page);
    await welcomeStart(page).tap();
    await toTries(page);
    await touchTry(page, 0);
    await expect(page.locator('main.tries[data-try="scroll"]')).toBeVisible();
    await page.locator('.scroll-card[data-card="apple"]').tap();
    await expect.poll(async () => Object.keys(await storedTries(page))).toEqual(['touch']);
    await page.reload();
    await expect(page.locator('main.tries[data-try="scroll"]')).toBeVisible();
    const tries = await storedTries(page);
    expect(Object.keys(tries)).toEqual(['touch']);
  });
});

test.describe('interrupted, rotated, two fingers', () => {
  test.use({ viewport: { width: 1080, height: 1920 }, hasTouch: true });

  test('the inactivity warning during a try: "Je suis là" goes on with the same try where it was; no answer wipes the session', async ({ page }) => {
    await page.clock.install();
    await openKiosk(page);
    await welcomeStart(page).tap();
    await toTries(page);
    await touchTry(page, 0);
    await expect(page.locator('main.tries[data-try="scroll"]')).toBeVisible();
    await page.locator('.scroll-card[data-card="apple"]').tap();
    await page.clock.fastForward(91_000);
    await page.getByRole('button', { name: fr('inactivity.stay') }).click();
    await expect(page.locator('main.tries[data-try="scroll"]')).toBeVisible();
    await page.locator('.scroll-card[data-card="bike"]').tap();
    await expect(page.locator('main.tries[data-try="write"]')).toBeVisible();
    await expect.poll(async () => (await storedTries(page)).scroll?.record).toMatchObject({ found: true, misses: 1 });
    // then nobody: the session (and its tries) is wiped, as on the questions
    await page.clock.fastForward(91_000);
    await expect(page.getByRole('dialog', { name: fr('inactivity.title') })).toBeVisible();
    await page.clock.fastForward(21_000);
    await expect(welcomeStart(page)).toBeVisible();
    expect(await readStore(page, 'sessions')).toEqual([]);
  });

  test('a screen turned from portrait to landscape mid-try: the target stays on the screen and can be touched', async ({ page }) => {
    await openKiosk(page);
    await welcomeStart(page).tap();
    await toTries(page);
    await page.locator('.touch-target').tap();
    await page.setViewportSize({ width: 1920, height: 1080 });
    const area = (await page.locator('.touch-area').boundingBox())!;
    const target = (await page.locator('.touch-target').boundingBox())!;
    expect(target.x).toBeGreaterThanOrEqual(area.x);
    expect(target.x + target.width).toBeLessThanOrEqual(area.x + area.width);
    await touchTry(page, 0);
    await expect.poll(async () => (await storedTries(page)).touch?.status).toBe('done');
    const targets = ((await storedTries(page)).touch?.record as unknown as { targets: Array<{ reached: boolean }> }).targets;
    expect(targets.every((t) => t.reached)).toBe(true);
  });

  test('two fingers at once beside the target count as one miss at most, never two, and never as the target touched', async ({ page }) => {
    await openKiosk(page);
    await welcomeStart(page).tap();
    await toTries(page);
    await page.locator('.touch-area').scrollIntoViewIfNeeded();
    const area = (await page.locator('.touch-area').boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    const points = [
      { x: area.x + 30, y: area.y + area.height - 30, id: 1 },
      { x: area.x + area.width - 30, y: area.y + area.height - 30, id: 2 },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForTimeout(300);
    expect(['0', '1']).toContain(await page.locator('.touch-area').getAttribute('data-misses'));
    await expect(page.locator('.touch-area')).toHaveAttribute('data-round', '1');
    // one finger on the target and one beside it: not a touch of the target
    const target = (await page.locator('.touch-target').boundingBox())!;
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchStart',
      touchPoints: [
        { x: target.x + target.width / 2, y: target.y + target.height / 2, id: 3 },
        { x: area.x + 30, y: area.y + area.height - 30, id: 4 },
      ],
    });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForTimeout(300);
    await expect(page.locator('.touch-area')).toHaveAttribute('data-round', '1');
  });
});

test.describe('on a phone, in Arabic, by touch', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('taps 6 mm beside the targets: the touch try is not passed, larger text is offered, and the result says so kindly', async ({ page }) => {
    await openKiosk(page);
    await page.getByRole('button', { name: 'العربية' }).tap();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByRole('button', { name: ar('welcome.start'), exact: true }).tap();
    await toTries(page, ar);
    expect(await axeViolations(page)).toEqual([]);
    await touchTry(page, 6);
    // offered at the top of the next try, not as a screen of its own, and it has the focus
    await expect(page.locator('main.tries[data-try="scroll"]')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: ar('tries.largerText.title') })).toBeFocused();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: ar('tries.largerText.yes') }).tap();
    await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
    await expect(page.getByRole('heading', { level: 2, name: ar('tries.largerText.title') })).toHaveCount(0);
    await expect.poll(async () => (await storedTries(page)).touch?.status).toBe('done');
    const { touch } = await storedTries(page);
    const targets = (touch?.record as unknown as { targets: Array<{ sizeMm: number; reached: boolean }> }).targets;
    expect(targets.find((target) => target.sizeMm === 20)?.reached).toBe(true);
    expect(targets.find((target) => target.sizeMm === 8)?.reached).toBe(false);
    await page.getByRole('button', { name: ar('tries.skipAll') }).first().tap();
    await toResult(page, ar);
    await expect(page.locator('.next-steps li').filter({ hasText: ar('result.nextSteps.basics') })).toHaveCount(1);
    await expect(page.locator('.seen li')).toHaveCount(1);
    // the level shown is lowered by what was seen (a daily user who ticks first answers is "Autonome" by what she says)
    await expect(page.locator('.level-name')).not.toHaveText(ar('result.levels.autonomous'));
    expect(await axeViolations(page)).toEqual([]);
  });
});

test('on a device without touch, the tries work with a mouse; "Passer les essais" leaves every try "non passé"', async ({ page }) => {
  await openKiosk(page);
  await welcomeStart(page).click();
  for (let i = 0; i < 10 && !(await triesScreen(page).isVisible()); i += 1) {
    await answerFirst(page);
    await nextScreen(page);
  }
  const target = page.locator('.touch-target');
  await target.click();
  await expect(page.locator('.touch-area')).toHaveAttribute('data-round', '2');
  await page.getByRole('button', { name: fr('tries.skipAll') }).first().click();
  await expect(questionLegend(page)).toBeVisible();
  // a daily internet user is offered four tries (no icons): all four "non passé", the touch one too though begun
  await expect.poll(async () => Object.keys(await storedTries(page)).length).toBe(4);
  const tries = await storedTries(page);
  expect(tries.touch?.status).toBe('notTaken');
  expect(tries.icons).toBeUndefined();
  expect(Object.values(tries).every((t) => t.status === 'notTaken')).toBe(true);
});

test.describe('without the tries\' files', () => {
  test.use({ serviceWorkers: 'block' });

  test('the tries\' files not on the device and no network: the tries are "non proposés" and the questions go on', async ({ page, context }) => {
    // the chunk's request fails as when offline with nothing stored (no worker here: it would answer from its cache)
    await context.route(/TriesScreen-[\w-]+\.(js|css)$/, (route) => route.abort('internetdisconnected'));
    await openKiosk(page);
    await welcomeStart(page).click();
    for (let i = 0; i < 10 && !(await page.getByRole('heading', { level: 1, name: fr('questions.skills.information.title') }).isVisible()); i += 1) {
      await answerFirst(page);
      await nextScreen(page);
    }
    await expect(questionLegend(page)).toHaveText(fr('questions.skills.information.title'));
    await expect.poll(async () => Object.values(await storedTries(page)).map((t) => t.status)).toEqual(['notTaken', 'notTaken', 'notTaken', 'notTaken']);
    expect(((await storedTries(page)).touch as unknown as { reason: string }).reason).toBe('notOffered');
  });
});
