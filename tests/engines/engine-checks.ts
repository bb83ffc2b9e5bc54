// What every engine must do, as checks over EngineDriver: the offline journey and the results kept across a restart
// of the browser (issue 21). Each check gets a fresh profile and its own preview server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineDriver, LaunchEngine } from './engine-driver';
import { answerFirst, completeJourney, countStore, currentQuestion, openApp, openKiosk, searchPlaces, waitForServiceWorkerControl, welcomeStart } from './journey-steps';
import { expectNoPageErrors } from './page-errors';
import { freePort, startPreview, type PreviewServer } from './preview-server';

export interface CheckContext {
  readonly launch: LaunchEngine;
  /** The built app to serve (dist/, or REPERE_ENGINES_DIST). */
  readonly outDir: string;
}

export interface EngineCheck {
  readonly name: string;
  run(context: CheckContext): Promise<void>;
}

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
      const first = await context.launch({ profileDir });
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
      const again = await context.launch({ profileDir });
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

export const ENGINE_CHECKS: readonly EngineCheck[] = [offlineJourney, resultsKeptAcrossRestart];
