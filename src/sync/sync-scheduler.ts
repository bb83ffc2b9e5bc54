import { FLUSH_EVERY_MS, type SyncCycleOutcome } from './sync-cycle';

export interface SchedulerDeps {
  /** One sync cycle (runSyncCycle with the settings of the moment). */
  readonly run: () => Promise<SyncCycleOutcome>;
  readonly isOnline: () => boolean;
  /** Calls back when the network comes back; returns how to stop listening. */
  readonly onOnline: (listener: () => void) => () => void;
  /** Asks the browser to run the cycle from the service worker once connectivity returns (Background Sync), where it can. */
  readonly requestBackgroundSync?: () => Promise<void>;
  readonly setInterval: (callback: () => void, ms: number) => unknown;
  readonly clearInterval: (handle: unknown) => void;
  readonly onOutcome?: (outcome: SyncCycleOutcome) => void;
}

/**
 * Runs the sync cycle at start-up, when the network comes back, and every 5 minutes while online; one cycle at a time
 * in this page (the outbox lock keeps other tabs and the service worker out). When batches are left to retry, it asks
 * for a Background Sync so they leave even if the kiosk's page is closed meanwhile.
 */
export function startSyncScheduler(deps: SchedulerDeps): { runNow: () => Promise<SyncCycleOutcome | null>; stop: () => void } {
  let running: Promise<SyncCycleOutcome | null> | null = null;
  let stopped = false;
  const runNow = (): Promise<SyncCycleOutcome | null> => {
    if (stopped || !deps.isOnline()) return Promise.resolve(null);
    running ??= deps
      .run()
      .then((outcome) => {
        deps.onOutcome?.(outcome);
        if (outcome.kind === 'done' && outcome.flush.retrying + outcome.flush.notDue > 0) void deps.requestBackgroundSync?.().catch(() => {});
        return outcome;
      })
      .catch(() => {
        void deps.requestBackgroundSync?.().catch(() => {});
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const unsubscribe = deps.onOnline(() => void runNow());
  const timer = deps.setInterval(() => void runNow(), FLUSH_EVERY_MS);
  void runNow();
  return {
    runNow,
    stop: () => {
      stopped = true;
      unsubscribe();
      deps.clearInterval(timer);
    },
  };
}
