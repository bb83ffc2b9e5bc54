import { checkDeviceClock } from '../app/device-clock';
import { territoryOf } from '../domain/aggregate';
import type { ClockTrust } from '../domain/clock-trust';
import type { DeviceSettings } from '../domain/device-settings';
import type { RepereStorage } from '../storage/open-storage';
import type { OutboxEntry } from '../storage/schema';
import { flushOutbox, pruneSent, queueNewBatches, withOutboxLock, type FlushReport } from './outbox';

/** While online, the outbox is looked at this often (and at start-up, and when the network comes back). */
export const FLUSH_EVERY_MS = 5 * 60_000;
/** The Background Sync tag the service worker answers to. */
export const BACKGROUND_SYNC_TAG = 'repere-outbox';

export interface SyncCycleDeps {
  readonly storage: RepereStorage;
  readonly settings: DeviceSettings;
  readonly fetcher: typeof fetch;
  readonly appVersion: string;
  readonly now: () => Date;
  readonly random: () => number;
  readonly newId: () => string;
  readonly locks: LockManager | undefined;
  /** Who flushes (a tab or the service worker), for the lease where Web Locks are missing. */
  readonly holder: string;
}

export type SyncCycleOutcome =
  | { readonly kind: 'off' }
  /** Another tab, or the service worker, is flushing right now. */
  | { readonly kind: 'busy' }
  /**
   * `clock`: whether the device's clock was trusted; when it was not, no batch was built and no sent batch forgotten,
   * only the batches already queued were sent (domain/clock-trust.ts).
   */
  | {
      readonly kind: 'done';
      readonly queued: number;
      readonly waitingResults: number;
      readonly flush: FlushReport;
      readonly clock: ClockTrust;
    };

/**
 * One round of the anonymous counts: queue the batches that may leave (whole weeks, at least k results), send those
 * due, forget the ones sent long ago. Nothing happens while sending is off or not configured. While the device's clock
 * cannot be trusted (domain/clock-trust.ts) no batch is built, since its weeks would be wrong, and nothing is forgotten;
 * batches already queued are still sent.
 */
export async function runSyncCycle(deps: SyncCycleDeps): Promise<SyncCycleOutcome> {
  const { sync } = deps.settings;
  if (!sync.enabled || !sync.collectorUrl || !sync.token) return { kind: 'off' };
  const target = { collectorUrl: sync.collectorUrl, token: sync.token };
  const outcome = await withOutboxLock(deps, async () => {
    const clock = await checkDeviceClock(deps);
    const trusted = clock.trust === 'plausible';
    const { queued, waiting } = trusted
      ? await queueNewBatches({
          storage: deps.storage,
          territory: territoryOf(deps.settings.inseeCode, deps.settings.territoryLevel),
          k: deps.settings.k,
          appVersion: deps.appVersion,
          now: deps.now,
          newId: deps.newId,
        })
      : { queued: 0, waiting: (await deps.storage.results.getAll()).filter((result) => result.countedInBatch === null).length };
    const flush = await flushOutbox({ storage: deps.storage, target, fetcher: deps.fetcher, now: deps.now, random: deps.random });
    if (trusted) await pruneSent(deps.storage, deps.now());
    return { kind: 'done' as const, queued, waitingResults: waiting, flush, clock: clock.trust };
  });
  return outcome === 'busy' ? { kind: 'busy' } : outcome;
}

/** What mediator settings show about sending. */
export interface SyncStatus {
  readonly lastSentAt: string | null;
  readonly waiting: number;
  readonly lastError: string | null;
  readonly refused: ReadonlyArray<Pick<OutboxEntry, 'id' | 'createdAt' | 'refusedReason'> & { readonly weeks: string }>;
}

export async function readSyncStatus(storage: Pick<RepereStorage, 'outbox'>): Promise<SyncStatus> {
  const entries = await storage.outbox.getAll();
  let lastSentAt: string | null = null;
  let lastError: string | null = null;
  for (const entry of entries) {
    if (entry.sentAt && (lastSentAt === null || entry.sentAt > lastSentAt)) lastSentAt = entry.sentAt;
    if (entry.status === 'pending' && entry.lastError) lastError = entry.lastError;
  }
  return {
    lastSentAt,
    waiting: entries.filter((entry) => entry.status === 'pending').length,
    lastError,
    refused: entries
      .filter((entry) => entry.status === 'refused')
      .map(({ id, createdAt, refusedReason, batch }) => ({
        id,
        createdAt,
        refusedReason,
        weeks: batch.weeks.from === batch.weeks.to ? batch.weeks.from : `${batch.weeks.from} – ${batch.weeks.to}`,
      })),
  };
}
