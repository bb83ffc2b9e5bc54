/// <reference lib="webworker" />
import { readDeviceSettings } from '../storage/settings';
import { openStorage } from '../storage/open-storage';
import { BACKGROUND_SYNC_TAG, runSyncCycle } from '../sync/sync-cycle';

/** The Background Sync event (Chromium); not in TypeScript's worker library. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

/**
 * Sends the outbox from the service worker when the browser says the network is back (Background Sync), even with no
 * page open. Same cycle and lock as the page; a batch still waiting makes the sync fail, so the browser tries later.
 */
export function flushOutboxOnSync(scope: ServiceWorkerGlobalScope, appVersion: string): void {
  scope.addEventListener('sync' as keyof ServiceWorkerGlobalScopeEventMap, (event) => {
    const sync = event as unknown as SyncEvent;
    if (sync.tag !== BACKGROUND_SYNC_TAG) return;
    sync.waitUntil(
      (async () => {
        const storage = await openStorage();
        try {
          const outcome = await runSyncCycle({
            storage,
            settings: await readDeviceSettings(storage),
            fetcher: (input, init) => scope.fetch(input, init),
            appVersion,
            now: () => new Date(),
            random: Math.random,
            newId: () => scope.crypto.randomUUID(),
            locks: scope.navigator.locks,
            holder: 'service-worker',
          });
          if (outcome.kind === 'done' && outcome.flush.retrying > 0) throw new Error('batches still waiting');
        } finally {
          storage.close();
        }
      })(),
    );
  });
}
