import { messageSW, Workbox } from 'workbox-window';
import { APP_BASE, appUrl } from '../app/app-base';
import { PRECACHE_COMPLETE_MESSAGE, PRECACHE_LATER_MESSAGE, SERVICE_WORKER_FILE } from '../sw/messages';

/** What the app can ask of the service worker. */
export interface ServiceWorkerBridge {
  /** Activates the waiting version and reloads the page once it controls it. Call only where a reload is harmless. */
  applyUpdate(): void;
  /** Asks the server whether a new version was deployed. */
  checkForUpdate(): Promise<void>;
}

export interface BridgeCallbacks {
  /** A new version is installed and waiting: the app decides when to apply it. */
  onUpdateReady(): void;
  /** Every file of the app is on the device (at each start, once the worker says so): it works with the network cut. */
  onOfflineReady?(): void;
}

/** Kiosks stay on for days: look for a new version every hour, and when the network comes back. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Registers the service worker and reports its life cycle through callbacks. This is the only page module that talks to
 * the service worker; it knows nothing of the screens. Returns null where service workers are not available.
 */
export function registerServiceWorker(callbacks: BridgeCallbacks, scriptUrl = appUrl(SERVICE_WORKER_FILE)): ServiceWorkerBridge | null {
  if (!('serviceWorker' in navigator)) return null;
  const wb = new Workbox(scriptUrl, { scope: APP_BASE });
  let reloading = false;

  // Fired for a version that finished installing while an older one controls the page, and for one found waiting at
  // registration (a tab closed before it was applied).
  wb.addEventListener('waiting', () => callbacks.onUpdateReady());

  void wb.register().catch((error: unknown) => console.warn('Repère: service worker not registered', error));
  // At each start: the worker stores what the first session did not need (other languages, the mediator space), if it
  // has not yet (a first visit, or one cut short by the network); it does nothing when all is there.
  void navigator.serviceWorker.ready
    .then(async (registration) => (registration.active ? messageSW(registration.active, { type: PRECACHE_LATER_MESSAGE }) : null))
    .then((reply) => {
      if ((reply as { type?: unknown } | null)?.type === PRECACHE_COMPLETE_MESSAGE) callbacks.onOfflineReady?.();
    });

  const checkForUpdate = async () => {
    try {
      await wb.update();
    } catch {
      // offline or server down: the next check will try again
    }
  };
  setInterval(() => void checkForUpdate(), UPDATE_CHECK_INTERVAL_MS);
  window.addEventListener('online', () => void checkForUpdate());

  return {
    applyUpdate() {
      // The page reloads once the new version controls it. workbox-window's own "controlling" event misses the case
      // of a page that was not controlled at load (first visit), so listen to the container itself.
      navigator.serviceWorker.addEventListener(
        'controllerchange',
        () => {
          if (reloading) return;
          reloading = true;
          window.location.reload();
        },
        { once: true },
      );
      wb.messageSkipWaiting();
    },
    checkForUpdate,
  };
}

/**
 * Asks the browser to wake the service worker with a Background Sync once the network is back (Chromium has it;
 * elsewhere this does nothing and the page's own timer and `online` listener do the work).
 */
export async function requestBackgroundSync(tag: string): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
    sync?: { register(tag: string): Promise<void> };
  };
  await registration.sync?.register(tag);
}
