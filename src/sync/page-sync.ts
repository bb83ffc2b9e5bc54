import type { DeviceSettings } from '../domain/device-settings';
import { requestBackgroundSync } from '../pwa/sw-bridge';
import type { RepereStorage } from '../storage/open-storage';
import { BACKGROUND_SYNC_TAG, runSyncCycle, type SyncCycleOutcome } from './sync-cycle';
import { startSyncScheduler } from './sync-scheduler';

/**
 * The page's side of the anonymous counts: the scheduler wired to this window (network events, timer, Web Locks,
 * Background Sync). Loaded after the first screen, like the service-worker bridge.
 */
export function startPageSync(deps: {
  storage: RepereStorage;
  readSettings: () => Promise<DeviceSettings>;
  appVersion: string;
  onOutcome?: (outcome: SyncCycleOutcome) => void;
}) {
  const holder = `page-${crypto.randomUUID()}`;
  return startSyncScheduler({
    run: async () =>
      runSyncCycle({
        storage: deps.storage,
        settings: await deps.readSettings(),
        fetcher: (input, init) => fetch(input, init),
        appVersion: deps.appVersion,
        now: () => new Date(),
        random: Math.random,
        newId: () => crypto.randomUUID(),
        locks: navigator.locks,
        holder,
      }),
    isOnline: () => navigator.onLine,
    onOnline: (listener) => {
      window.addEventListener('online', listener);
      return () => window.removeEventListener('online', listener);
    },
    requestBackgroundSync: import.meta.env.PROD ? () => requestBackgroundSync(BACKGROUND_SYNC_TAG) : undefined,
    setInterval: (callback, ms) => window.setInterval(callback, ms),
    clearInterval: (handle) => window.clearInterval(handle as number),
    onOutcome: deps.onOutcome,
  });
}
