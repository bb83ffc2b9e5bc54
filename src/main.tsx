import { render } from 'preact';
import { APP_BASE, appUrl } from './app/app-base';
import { isDeviceInstalled, isSetupAddress, opensOnSetup, withoutSetupParameter } from './app/device-setup';
import { observable } from './app/observable';
import { createI18nSource } from './i18n/i18n-source';
import { loadMessages } from './i18n/messages';
import type { ServiceWorkerBridge } from './pwa/sw-bridge';
import { SERVICE_WORKER_FILE } from './sw/messages';
import { openPageStorage } from './storage/page-storage';
import { requestPersistence } from './storage/persistence';
import { latestSession } from './storage/sessions';
import { readDeviceSettings } from './storage/settings';
import type { SyncCycleOutcome } from './sync/sync-cycle';
import { App, loadJourney, type AppProps, type AppServices } from './ui/App';
import { lazyReadAloud } from './ui/services/lazy-read-aloud';
import './ui/styles.css';

/** The composition root: opens storage, resumes a session left by a reload, wires the service worker, renders. */
async function main() {
  const staleDatabase = observable(false);
  const updateReady = observable(false);
  const [french, storage] = await Promise.all([
    loadMessages('fr'),
    openPageStorage({ onStale: () => staleDatabase.set(true) }),
  ]);
  // i18next comes after the first screen when that screen is the French welcome (i18n/i18n-source.ts).
  const i18n = createI18nSource(french, (messages) => import('./i18n/i18n').then(({ createI18n }) => createI18n(messages)));
  const [settings, installed] = await Promise.all([readDeviceSettings(storage), isDeviceInstalled(storage).catch(() => false)]);
  // The setup path (…/?installation), or an iPad's home-screen app, opens the PIN creation of a new device; once
  // installed, the address is the public one.
  const setupRequested = !installed && opensOnSetup(location.href, navigator as { standalone?: unknown });
  if (installed && isSetupAddress(location.href)) history.replaceState(null, '', withoutSetupParameter(location.href));
  const now = () => new Date();
  let resolvePageSync!: (value: Promise<{ runNow: () => Promise<SyncCycleOutcome | null> } | null>) => void;
  const pageSync = new Promise<{ runNow: () => Promise<SyncCycleOutcome | null> } | null>((resolve) => {
    resolvePageSync = resolve;
  });

  // A reload or a crash mid-questionnaire resumes where the person was (the journey chunk is loaded only then).
  let resumed: AppProps['resumed'];
  const stored = await latestSession(storage).catch(() => undefined);
  if (stored) {
    const journey = await loadJourney(i18n);
    resumed = { session: await journey.resumeSession({ storage, now }, journey.QUESTIONNAIRE, stored), journey };
  }
  const firstLanguage = resumed?.session.language ?? settings.defaultLanguage;
  if (firstLanguage !== 'fr' || resumed) {
    const [instance, { switchLanguage }] = await Promise.all([i18n.ready(), import('./i18n/i18n')]);
    await switchLanguage(instance, firstLanguage, document.documentElement);
  }

  const services: AppServices = {
    storage,
    i18n,
    now,
    newId: () => crypto.randomUUID(),
    // The bridge (workbox-window) is loaded after the first screen; an update can only be ready once it is there.
    serviceWorker: { applyUpdate: () => bridge?.applyUpdate(), checkForUpdate: async () => bridge?.checkForUpdate() },
    readAloud: lazyReadAloud(() => import('./ui/services/read-aloud').then(({ createReadAloud }) => createReadAloud(globalThis.speechSynthesis))),
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
  const firstVisit = import.meta.env.PROD && 'serviceWorker' in navigator && navigator.serviceWorker.controller === null;
  // The service worker is registered at the page's `load`, as Workbox does: registering earlier (tried) gains ~0.3 s of
  // a first visit's install on a slow link, but the install then competes with the page's own start and Lighthouse's
  // total blocking time doubles. On a first visit the page registers it itself, not a round trip later when the
  // bridge's chunk has come; later visits leave it to the bridge, which must see an update's whole life cycle.
  if (firstVisit) {
    const register = () => void navigator.serviceWorker.register(appUrl(SERVICE_WORKER_FILE), { scope: APP_BASE }).catch(() => {});
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register, { once: true });
  }
  if (import.meta.env.PROD) {
    void import('./pwa/sw-bridge').then(({ registerServiceWorker }) => {
      bridge = registerServiceWorker({
        onUpdateReady: () => updateReady.set(true),
        // every file stored: tests (and curious mediators) can see that the kiosk now works with the network cut
        onOfflineReady: () => (root.dataset.offlineReady = 'true'),
      });
    });
  }
  // i18next for every other text: once the page has loaded (or at once, a touch on "Commencer" asks for it).
  if (document.readyState === 'complete') void i18n.ready();
  else window.addEventListener('load', () => void i18n.ready(), { once: true });
  void requestPersistence(navigator.storage);
  // Housekeeping when the browser is idle after the first screen, at most 3 s later (app/housekeeping.ts). On a first
  // visit, the service worker's downloads go first on a slow link (a new device has nothing to clean or send yet): it
  // waits until the worker is active, at most 10 s.
  const workerInstalled = firstVisit ? Promise.race([navigator.serviceWorker.ready, new Promise((resolve) => setTimeout(resolve, 10_000))]) : null;
  const housekeeping = () =>
    resolvePageSync(
      import('./app/housekeeping').then(({ startHousekeeping }) => startHousekeeping({ storage, now, appVersion: __APP_VERSION__ }).pageSync),
    );
  const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(housekeeping, { timeout: 3_000 }) : setTimeout(housekeeping, 1_000));
  if (workerInstalled) void workerInstalled.then(idle);
  else idle();
}

void main();
