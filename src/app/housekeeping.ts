import { loadDemoPlaces } from '../content/demo-places';
import type { RepereStorage } from '../storage/open-storage';
import { readDeviceSettings } from '../storage/settings';
import type { startPageSync } from '../sync/page-sync';
import { ensurePlacesDataset, fetchShippedPlaces } from './places-dataset';

/**
 * The page's housekeeping, started by main.tsx when the browser is idle after the first screen (its own chunk: the
 * first screen never waits for it): results older than the retention delay go (then every day; not while the clock
 * looks wrong, see device-clock.ts), the anonymous counts start their rounds, a new device gets its places, and a
 * places source set by a mediator is asked again. Returns the page's sync, which "send now" uses (null when its code
 * could not be loaded).
 *
 * The retention and the sync come in chunks of their own: a first session needs neither (a new device has nothing to
 * delete or send), so the service worker may store them after it (src/sw/precache-plan.ts). A start with the network
 * cut before they were stored skips them, and the next start runs them.
 */
export function startHousekeeping(deps: { storage: RepereStorage; now: () => Date; appVersion: string }) {
  const { storage, now } = deps;
  void import('./results-history').then(
    ({ applyRetention, RETENTION_CHECK_MS }) => {
      const retain = async () =>
        applyRetention({ storage, retentionDays: (await readDeviceSettings(storage)).retentionDays, now }).catch((error: unknown) =>
          console.warn('Repère: retention not applied', error),
        );
      void retain();
      setInterval(() => void retain(), RETENTION_CHECK_MS);
    },
    (error: unknown) => console.warn('Repère: retention not applied at this start', error),
  );

  const pageSync: Promise<ReturnType<typeof startPageSync> | null> = import('../sync/page-sync').then(
    ({ startPageSync }) => startPageSync({ storage, readSettings: () => readDeviceSettings(storage), appVersion: deps.appVersion }),
    (error: unknown) => {
      console.warn('Repère: the anonymous counts are not sent at this start', error);
      return null;
    },
  );

  // A places source configured by a mediator is asked again at start-up and every day, when online; any failure keeps
  // the dataset in use (the settings screen says what happened when a mediator refreshes by hand).
  const refreshPlaces = async () => {
    const url = (await readDeviceSettings(storage)).placesSourceUrl;
    if (!url || !navigator.onLine) return;
    const [{ refreshPlacesFromSource, placesSourceName, DEFAULT_PLACES_LICENCE }, { runImportInWorker }] = await Promise.all([
      import('./places-import'),
      import('../places/run-import-worker'),
    ]);
    const outcome = await refreshPlacesFromSource(
      { storage, run: runImportInWorker, now, fetcher: (input, init) => fetch(input, init) },
      { url, source: placesSourceName(url), licence: DEFAULT_PLACES_LICENCE },
    );
    if (outcome.kind === 'failed') console.warn(`Repère: places not refreshed from ${url} (${outcome.reason})`);
  };
  void ensurePlacesDataset({ storage, loadShipped: () => fetchShippedPlaces(fetch), loadDemo: loadDemoPlaces })
    .catch((error: unknown) => console.warn('Repère: demo places not loaded', error))
    .then(() => refreshPlaces());
  // once a day: a conditional request costs a few bytes when nothing changed
  setInterval(() => void refreshPlaces(), 24 * 3_600_000);

  return { pageSync };
}
