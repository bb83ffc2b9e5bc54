import { render } from 'preact';
import { isDeviceInstalled, isSetupAddress, withoutSetupParameter } from './app/device-setup';
import { ensurePlacesDataset, fetchShippedPlaces } from './app/places-dataset';
import { observable } from './app/observable';
import { loadDemoPlaces } from './content/demo-places';
import { createI18n, loadMessages, switchLanguage } from './i18n/i18n';
import type { ServiceWorkerBridge } from './pwa/sw-bridge';
import { openStorage } from './storage/open-storage';
import { requestPersistence } from './storage/persistence';
import { latestSession } from './storage/sessions';
import { readDeviceSettings } from './storage/settings';
import type { SyncCycleOutcome } from './sync/sync-cycle';
import { App, loadJourney, type AppProps, type AppServices } from './ui/App';
import { createReadAloud } from './ui/services/read-aloud';
import './ui/styles.css';

/** The composition root: opens storage, resumes a session left by a reload, wires the service worker, renders. */
async function main() {
  const staleDatabase = observable(false);
  const updateReady = observable(false);
  const [french, storage] = await Promise.all([
    loadMessages('fr'),
    openStorage({ onStale: () => staleDatabase.set(true) }),
  ]);
  const i18n = createI18n(french);
  const [settings, installed] = await Promise.all([readDeviceSettings(storage), isDeviceInstalled(storage).catch(() => false)]);
  // The setup path (…/?installation) opens the PIN creation of a new device; once installed, the address is the public one.
  const setupRequested = !installed && isSetupAddress(location.href);
  if (installed && isSetupAddress(location.href)) history.replaceState(null, '', withoutSetupParameter(location.href));
  const now = () => new Date();
  let resolvePageSync!: (value: Promise<{ runNow: () => Promise<SyncCycleOutcome | null> }>) => void;
  const pageSync = new Promise<{ runNow: () => Promise<SyncCycleOutcome | null> } | null>((resolve) => {
    resolvePageSync = resolve;
  });

  // A reload or a crash mid-questionnaire resumes where the person was (the journey chunk is loaded only then).
  let resumed: AppProps['resumed'];
  const stored = await latestSession(storage).catch(() => undefined);
  if (stored) {
    const journey = await loadJourney();
    resumed = { session: await journey.resumeSession({ storage, now }, journey.QUESTIONNAIRE, stored), journey };
  }
  await switchLanguage(i18n, resumed?.session.language ?? settings.defaultLanguage, document.documentElement);

  const services: AppServices = {
    storage,
    i18n,
    now,
    newId: () => crypto.randomUUID(),
    // The bridge (workbox-window) is loaded after the first screen; an update can only be ready once it is there.
    serviceWorker: { applyUpdate: () => bridge?.applyUpdate(), checkForUpdate: async () => bridge?.checkForUpdate() },
    readAloud: createReadAloud(globalThis.speechSynthesis),
    settings,
    installed,
    setupRequested,
    staleDatabase,
    updateReady,
    syncNow: async () => (await pageSync)?.runNow() ?? null,
  };
  const root = document.getElementById('app');
  if (!root) throw new Error('#app is missing from index.html');
  // The build prerendered the welcome screen into #app: render() reuses those nodes instead of redrawing them.
  render(<App services={services} resumed={resumed} />, root);
  // Tells tests (and curious mediators) that the prerendered screen is now live.
  root.dataset.ready = 'true';

  // After the first screen: nothing here may delay it.
  let bridge: ServiceWorkerBridge | null = null;
  if (import.meta.env.PROD) {
    void import('./pwa/sw-bridge').then(({ registerServiceWorker }) => {
      bridge = registerServiceWorker({ onUpdateReady: () => updateReady.set(true) });
    });
  }
  void requestPersistence(navigator.storage);
  // Housekeeping when the browser is idle after the first screen (at most 3 s later): results older than the retention
  // delay go (then every day; not while the clock looks wrong, see app/device-clock.ts), the anonymous counts start
  // their rounds, a new device gets its places.
  const whenIdle = (work: () => void) =>
    'requestIdleCallback' in window ? requestIdleCallback(work, { timeout: 3_000 }) : setTimeout(work, 1_000);
  whenIdle(() => {
    void import('./app/results-history').then(({ applyRetention, RETENTION_CHECK_MS }) => {
      const retain = async () =>
        applyRetention({ storage, retentionDays: (await readDeviceSettings(storage)).retentionDays, now }).catch((error: unknown) =>
          console.warn('Repère: retention not applied', error),
        );
      void retain();
      setInterval(() => void retain(), RETENTION_CHECK_MS);
    });
    resolvePageSync(
      import('./sync/page-sync').then(({ startPageSync }) =>
        startPageSync({ storage, readSettings: () => readDeviceSettings(storage), appVersion: __APP_VERSION__ }),
      ),
    );
    void ensurePlacesDataset({ storage, loadShipped: () => fetchShippedPlaces(fetch), loadDemo: loadDemoPlaces })
      .catch((error: unknown) => console.warn('Repère: demo places not loaded', error))
      .then(() => refreshPlaces());
  });
  // A places source configured by a mediator is asked again at start-up and every day, when online; any failure keeps
  // the dataset in use (the settings screen says what happened when a mediator refreshes by hand).
  const refreshPlaces = async () => {
    const url = (await readDeviceSettings(storage)).placesSourceUrl;
    if (!url || !navigator.onLine) return;
    const [{ refreshPlacesFromSource, placesSourceName, DEFAULT_PLACES_LICENCE }, { runImportInWorker }] = await Promise.all([
      import('./app/places-import'),
      import('./places/run-import-worker'),
    ]);
    const outcome = await refreshPlacesFromSource(
      { storage, run: runImportInWorker, now, fetcher: (input, init) => fetch(input, init) },
      { url, source: placesSourceName(url), licence: DEFAULT_PLACES_LICENCE },
    );
    if (outcome.kind === 'failed') console.warn(`Repère: places not refreshed from ${url} (${outcome.reason})`);
  };
  // once a day: a conditional request costs a few bytes when nothing changed
  setInterval(() => void refreshPlaces(), 24 * 3_600_000);
}

void main();
