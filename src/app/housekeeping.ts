import { loadDemoPlaces } from '../content/demo-places';
import type { RepereStorage } from '../storage/open-storage';
import { readDeviceSettings } from '../storage/settings';
import { startPageSync } from '../sync/page-sync';
import { ensurePlacesDataset, fetchShippedPlaces } from './places-dataset';
import { applyRetention, RETENTION_CHECK_MS } from './results-history';

/**
 * The page's housekeeping, started by main.tsx when the browser is idle after the first screen (its own chunk: the
 * first screen never waits for it): results older than the retention delay go (then every day; not while the clock
 * looks wrong, see device-clock.ts), the anonymous counts start their rounds, a new device gets its places, and a
 * places source set by a mediator is asked again. Returns the page's sync, which "send now" uses.
 */
export function startHousekeeping(deps: { storage: RepereStorage; now: () => Date; appVersion: string }) {
  const { storage, now } = deps;
  const retain = async () =>
    applyRetention({ storage, retentionDays: (await readDeviceSettings(storage)).retentionDays, now }).catch((error: unknown) =>
      console.warn('Repère: retention not applied', error),
    );
  void retain();
  setInterval(() => void retain(), RETENTION_CHECK_MS);

  const pageSync = startPageSync({ storage, readSettings: () => readDeviceSettings(storage), appVersion: deps.appVersion });

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
