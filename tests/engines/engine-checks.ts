// What every engine must do, as checks over EngineDriver (issue 21): the offline journey, the results kept across a
// restart of the browser, the memory fallback when IndexedDB is refused, an update that waits for the welcome screen,
// the mediator space to its CSV export. Each check gets a fresh profile and its own preview server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineDriver, LaunchEngine } from './engine-driver';
import {
  answerFirst,
  captureDownloads,
  capturedDownloads,
  completeGuidedSession,
  completeJourney,
  countStore,
  currentQuestion,
  doTriesWell,
  installDevice,
  mediatorHome,
  openApp,
  openKiosk,
  readStore,
  searchPlaces,
  waitForServiceWorkerControl,
  welcomeStart,
} from './journey-steps';
import { MARKERS, NAMES, target } from '../support/journey-names';
import { fr } from '../support/messages';
import { updateBuild } from './update-build';
import { expectNoPageErrors } from './page-errors';
import { freePort, startPreview, type PreviewServer } from './preview-server';

export interface CheckContext {
  readonly launch: LaunchEngine;
  /** The built app to serve (dist/, or REPERE_ENGINES_DIST). */
  readonly outDir: string;
}

export interface EngineCheck {
  readonly name: string;
  /** Past this the check fails with its reason (the runner's default: 120 s). */
  readonly timeoutMs?: number;
  run(context: CheckContext): Promise<void>;
}

/** Thrown by a check that cannot run here (something it needs is missing): reported as skipped, with the reason. */
export class CheckSkipped extends Error {}

function expect(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Runs work with a fresh profile folder, a served build and the browsers it launched, all cleaned up afterwards. */
async function withSetup(
  context: CheckContext,
  work: (setup: { profileDir: string; port: number; servers: PreviewServer[]; drivers: EngineDriver[] }) => Promise<void>,
): Promise<void> {
  const profileDir = mkdtempSync(join(tmpdir(), 'repere-engine-profile-'));
  const setup = { profileDir, port: await freePort(), servers: [] as PreviewServer[], drivers: [] as EngineDriver[] };
  try {
    await work(setup);
  } finally {
    for (const driver of setup.drivers) await driver.close().catch(() => undefined);
    for (const server of setup.servers) await server.stop();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

async function serverIsDown(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    () => false,
    () => true,
  );
}

export const offlineJourney: EngineCheck = {
  name: 'offline journey: service worker in control, a reload resumes, the server stopped, the result and its places',
  async run(context) {
    await withSetup(context, async ({ profileDir, port, servers, drivers }) => {
      const server = await startPreview(context.outDir, port);
      servers.push(server);
      const driver = await context.launch({ profileDir });
      drivers.push(driver);

      // given a first visit that installed the service worker and gave the kiosk its places (the start-up
      // housekeeping, a second after the worker on WebKit, which has no requestIdleCallback: a run faster than that
      // reached the result before the places were there, and was told "la liste des lieux n'est pas encore chargée")
      await openKiosk(driver, server.url);
      await waitForServiceWorkerControl(driver);
      for (let tries = 0; (await countStore(driver, 'places')) === 0; tries += 1) {
        expect(tries < 100, 'the kiosk got no places within 10 s of its first visit');
        await new Promise((done) => setTimeout(done, 100));
      }

      // when two questions are answered and the kiosk reloads in the middle
      await driver.click(welcomeStart);
      await answerFirst(driver);
      await answerFirst(driver);
      const third = await currentQuestion(driver);
      expect(third !== null, 'the result showed after two questions');
      await expectNoPageErrors(driver, 'before the reload');
      await driver.reload();

      // then the same (third) question comes back
      const resumed = await currentQuestion(driver);
      expect(resumed === third, `after the reload: "${resumed ?? 'the result'}" instead of "${third}"`);
      await expectNoPageErrors(driver, 'after the reload');

      // and with the server stopped (the network cut) the rest is answered, the result shows with its places
      await server.stop();
      expect(await serverIsDown(server.url), 'the preview server still answers after being stopped');
      await completeJourney(driver);
      await searchPlaces(driver, '25000');
    });
  },
};

export const resultsKeptAcrossRestart: EngineCheck = {
  name: 'storage: the result is kept across a restart of the browser on the same profile',
  async run(context) {
    await withSetup(context, async ({ profileDir, port, servers, drivers }) => {
      // given a whole journey to the result
      servers.push(await startPreview(context.outDir, port));
      const first = await context.launch({ profileDir, keepStorage: true });
      drivers.push(first);
      await openKiosk(first, servers[0]!.url);
      await first.click(welcomeStart);
      await completeJourney(first);
      const before = await countStore(first, 'results');
      expect(before >= 1, `no result stored after the journey (results: ${before})`);

      // when the browser and the server stop, and both start again on the same profile and origin
      await first.close();
      drivers.pop();
      await servers.pop()!.stop();
      const server = await startPreview(context.outDir, port);
      servers.push(server);
      const again = await context.launch({ profileDir, keepStorage: true });
      drivers.push(again);
      // (the app comes back on the result it showed, as after a reload: only the stored records matter here)
      await openApp(again, server.url);

      // then the stored result is still there
      const after = await countStore(again, 'results');
      expect(after >= 1, `the result was lost across the restart (results: ${after}, before: ${before})`);
      await expectNoPageErrors(again, 'after the restart');
    });
  },
};

/** What tests/e2e/storage.spec.ts does in Chromium: opening IndexedDB throws, as in a private window. */
const REFUSE_INDEXEDDB = `IDBFactory.prototype.open = function () { throw new DOMException('denied', 'SecurityError'); };
window.__repereIndexedDbRefused = true;`;

export const memoryFallback: EngineCheck = {
  name: 'storage: IndexedDB refused (private mode): the app says it keeps nothing, a whole questionnaire reaches the result',
  async run(context) {
    await withSetup(context, async ({ profileDir, port, servers, drivers }) => {
      // given a page where opening IndexedDB throws before the app's first script runs
      const server = await startPreview(context.outDir, port, { preload: REFUSE_INDEXEDDB });
      servers.push(server);
      const driver = await context.launch({ profileDir });
      drivers.push(driver);
      await openKiosk(driver, server.url);
      const refused = await driver.evaluate(() => (window as unknown as { __repereIndexedDbRefused?: boolean }).__repereIndexedDbRefused === true, null);
      expect(refused, 'the preload that refuses IndexedDB did not run before the app');

      // then the app says, discreetly, that it keeps nothing
      await driver.waitFor({ text: fr('notices.memoryOnly') });
      // and a whole questionnaire still reaches the result, without any error
      await driver.click(welcomeStart);
      await completeJourney(driver);
      const alert = await driver.evaluate(() => document.querySelector('[role="alert"]')?.textContent?.trim() ?? '', null);
      expect(alert === '', `an alert showed in memory mode: "${alert}"`);
    });
  },
};

/** What tests/e2e/storage.spec.ts's other variant does: no IndexedDB at all (an old browser, a locked-down kiosk). */
const NO_INDEXEDDB = `Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
window.__repereIndexedDbRefused = true;`;

export const memoryFallbackWithoutIndexedDb: EngineCheck = {
  name: 'storage: IndexedDB missing altogether: the app says it keeps nothing, and answers are taken',
  async run(context) {
    await withSetup(context, async ({ profileDir, port, servers, drivers }) => {
      // given a page where window.indexedDB is undefined before the app's first script runs
      const server = await startPreview(context.outDir, port, { preload: NO_INDEXEDDB });
      servers.push(server);
      const driver = await context.launch({ profileDir });
      drivers.push(driver);
      await openKiosk(driver, server.url);
      const missing = await driver.evaluate(() => (window as unknown as { __repereIndexedDbRefused?: boolean }).__repereIndexedDbRefused === true && !window.indexedDB, null);
      expect(missing, 'the preload that removes IndexedDB did not run before the app');

      // then the same notice as when it is refused, and the questions go on (the whole journey is memoryFallback's)
      await driver.waitFor({ text: fr('notices.memoryOnly') });
      await driver.click(welcomeStart);
      expect((await currentQuestion(driver)) !== null, 'no question after "Commencer" without IndexedDB');
      // answerFirst waits for the next question and reads the in-page error recorder
      await answerFirst(driver);
      await answerFirst(driver);
      await expectNoPageErrors(driver, 'without IndexedDB');
    });
  },
};

export const updateWaitsForWelcome: EngineCheck = {
  name: 'update: a new version deployed mid-questionnaire waits, and is applied back on the welcome screen',
  async run(context) {
    const update = await updateBuild();
    await withSetup(context, async ({ profileDir, port, servers, drivers }) => {
      // given a kiosk controlled by its service worker, with a person on the first question
      servers.push(await startPreview(context.outDir, port));
      const driver = await context.launch({ profileDir });
      drivers.push(driver);
      await openKiosk(driver, servers[0]!.url);
      await waitForServiceWorkerControl(driver);
      await driver.click(welcomeStart);
      const first = await currentQuestion(driver);
      expect(first !== null, 'no question after "Commencer"');
      await driver.evaluate(() => {
        (window as unknown as { __repereNotReloaded?: boolean }).__repereNotReloaded = true;
      }, null);

      // when the new version is deployed on the same origin and the kiosk looks for it
      await servers.pop()!.stop();
      servers.push(await startPreview(update.outDir, port));
      await driver.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())?.update();
      }, null);
      await driver.waitForFunction(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting), null, {
        timeoutMs: 30_000,
        message: 'the new version was never installed (no waiting service worker)',
      });

      // then the person is not interrupted: same page, same question, and the next answer works on the old version
      await new Promise((done) => setTimeout(done, 1_000));
      const notReloaded = () => (window as unknown as { __repereNotReloaded?: boolean }).__repereNotReloaded === true;
      expect(await driver.evaluate(notReloaded, null), 'the page reloaded in the middle of the questionnaire');
      expect((await currentQuestion(driver)) === first, 'the question changed when the update arrived');
      await answerFirst(driver);
      expect(await driver.evaluate(notReloaded, null), 'the page reloaded after an answer, before the welcome screen');

      // and back on the welcome screen the new version takes over: its build id in the footer
      await driver.click(target(NAMES.back));
      await driver.click(target(NAMES.backToWelcome));
      await driver.waitFor({ text: update.buildId }, { timeoutMs: 30_000 });
      await driver.waitFor(welcomeStart);
      expect(!(await driver.evaluate(notReloaded, null)), 'the footer shows the new build id without a reload');
      const stillWaiting = await driver.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting), null);
      expect(!stillWaiting, 'a service worker is still waiting after the update was applied');
      await expectNoPageErrors(driver, 'after the update');
    });
  },
};

/** The columns the "Tableur, codes" export starts with (docs/EXPORT.md). */
const CSV_CODES_FIRST_COLUMNS = ['id', 'finishedAt', 'mode'];

export const mediatorSpace: EngineCheck = {
  name: 'mediator space: the PIN created on the setup path, a guided session to its result, the history lists it, a CSV export',
  async run(context) {
    await withSetup(context, async ({ profileDir, port, servers, drivers }) => {
      // given a new device installed by staff on the setup path
      const server = await startPreview(context.outDir, port);
      servers.push(server);
      const driver = await context.launch({ profileDir });
      drivers.push(driver);
      await installDevice(driver, server.url);

      // when a guided session is answered to its detailed result and finished
      await completeGuidedSession(driver);
      await driver.click(target(NAMES.guidedFinish));
      await driver.waitFor(mediatorHome);
      const [stored, ...more] = await readStore(driver, 'results');
      expect(stored !== undefined && more.length === 0, `results stored after one guided session: ${more.length + (stored ? 1 : 0)}`);
      expect(stored.mode === 'guided', `the stored result's mode is ${String(stored.mode)}`);

      // then the history lists it
      await driver.click(target(NAMES.mediatorHistory));
      await driver.waitFor({ role: 'heading', name: fr('mediator.history.title') });
      await driver.waitFor({ css: MARKERS.historyRow });
      const rows = await driver.evaluate((row) => document.querySelectorAll(row).length, MARKERS.historyRow);
      expect(rows === 1, `the history lists ${rows} rows for 1 result`);
      const rowText = await driver.textOf({ css: MARKERS.historyRow });
      expect(rowText.includes(fr('mediator.history.modes.guided')), `the history's row does not say "${fr('mediator.history.modes.guided')}": ${rowText}`);

      // and the CSV export (codes) is a UTF-8 file with its BOM, a header line and the result's row
      // (by its text: the radio's accessible name also holds its hint, which is inside its label)
      await driver.click({ text: fr('mediator.history.export.formats.csvCodes') });
      await driver.waitForFunction(() => document.querySelector<HTMLInputElement>('input[type="radio"][value="csvCodes"]')?.checked === true, null, {
        message: `"${fr('mediator.history.export.formats.csvCodes')}" was not chosen by a click on its label`,
      });
      await captureDownloads(driver);
      await driver.click(target(NAMES.exportSubmit));
      await driver.waitForFunction(() => ((window as unknown as { __repereDownloads?: unknown[] }).__repereDownloads ?? []).length > 0, null, {
        message: 'no file saved after "Exporter"',
      });
      const [file] = await capturedDownloads(driver);
      expect(/^repere-resultats-\d{4}-\d{2}-\d{2}\.csv$/.test(file!.name), `the file is named ${file!.name}`);
      expect(file!.firstBytes.join() === '239,187,191', `the CSV does not start with a UTF-8 BOM: ${file!.firstBytes.join()}`);
      const lines = file!.text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line !== '');
      const header = lines[0]!.split(';');
      expect(CSV_CODES_FIRST_COLUMNS.every((column, i) => header[i] === column), `the CSV's header line: ${lines[0]}`);
      expect(lines.length === 2, `the CSV has ${lines.length - 1} rows for 1 result`);
      const row = Object.fromEntries(lines[1]!.split(';').map((value, i) => [header[i], value]));
      expect(row.id === stored.id && row.mode === 'guided' && row.finishedAt === stored.finishedAt, `the CSV's row is not the stored result: ${lines[1]}`);
      await expectNoPageErrors(driver, 'after the export');
    });
  },
};



export const handsOnTries: EngineCheck = {
  name: 'the hands-on tries by pointer: the three handling tries and the scam try passed, kept as done, said on the result',
  async run(context) {
    await withSetup(context, async ({ profileDir, port, servers, drivers }) => {
      const server = await startPreview(context.outDir, port);
      servers.push(server);
      const driver = await context.launch({ profileDir });
      drivers.push(driver);
      await openKiosk(driver, server.url);

      // given a daily internet user up to the tries (right after the internet use)
      await driver.click(welcomeStart);
      for (let i = 0; i < 10; i += 1) {
        await driver.waitFor({ css: 'legend.question-title, main h1' });
        if (await driver.evaluate((tries) => document.querySelector(tries) !== null, MARKERS.triesScreen)) break;
        await answerFirst(driver);
      }

      // when the tries are done well, by pointer
      await doTriesWell(driver);

      // then the session holds four tries done, each as measured (targets reached, card found, model matched)
      const [session] = await readStore(driver, 'sessions');
      const tries = (session?.tries ?? {}) as Record<string, { status: string; record?: Record<string, unknown> }>;
      const done = Object.entries(tries).filter(([, outcome]) => outcome.status === 'done').map(([id]) => id).sort();
      expect(done.join() === 'scam,scroll,touch,write', `tries done: ${done.join(', ') || 'none'}`);
      const targets = (tries.touch?.record?.targets ?? []) as Array<{ reached: boolean }>;
      expect(targets.length === 3 && targets.every((one) => one.reached), `touch targets: ${JSON.stringify(targets)}`);
      expect(tries.scroll?.record?.found === true && tries.write?.record?.matched === true, 'the card or the copy was not counted');

      // and the result says it went well, once the questions are answered
      await completeJourney(driver);
      await driver.waitFor({ text: fr('result.tries.seen.handlingWell') });
      const [result] = await readStore(driver, 'results');
      // (compared key by key: WebKit's IndexedDB gives the keys back in another order)
      const observed = (result?.observed ?? {}) as Record<string, unknown>;
      const expected: Record<string, unknown> = { handling: 'passed3', scam: 'right3', icons: 'notTaken', selfReportGap: false };
      const keys = [...new Set([...Object.keys(observed), ...Object.keys(expected)])];
      expect(keys.every((key) => observed[key] === expected[key]), `kept: ${JSON.stringify(observed)}`);
      await expectNoPageErrors(driver, 'on the result after the tries');
    });
  },
};
