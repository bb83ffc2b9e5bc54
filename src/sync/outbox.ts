import { buildBatches, type Territory } from '../domain/aggregate';
import type { RepereStorage } from '../storage/open-storage';
import type { OutboxEntry } from '../storage/schema';

/**
 * The outbox of anonymous batches (STYLE.md "Sync"): batches are built from the finished results not counted yet and
 * written to IndexedDB with their random id before any send; a flush sends those due, marks each sent only once the
 * collector acknowledged it, retries network errors and 5xx with exponential backoff and jitter, and parks a batch the
 * collector refuses (4xx other than 408/429) with the collector's reason for mediators to see.
 */

export const OUTBOX_LOCK = 'repere-outbox';
/** First retry after about 30 s, doubling, never more than 6 h apart. */
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 6 * 3_600_000;
/** Sent batches are kept this long, for the mediator's "last successful upload", then forgotten. */
export const KEEP_SENT_DAYS = 30;
/** A lease outlives a flush of many batches, and lapses soon after a tab that died holding it. */
export const LEASE_TTL_MS = 60_000;

export interface SyncTarget {
  readonly collectorUrl: string;
  readonly token: string;
}

export interface QueueDeps {
  readonly storage: Pick<RepereStorage, 'results' | 'queueBatches'>;
  readonly territory: Territory | null;
  readonly k: number;
  readonly appVersion: string;
  readonly now: () => Date;
  readonly newId: () => string;
}

/** Builds the batches that may leave now and queues them with their results marked counted (one transaction). */
export async function queueNewBatches(deps: QueueDeps): Promise<{ queued: number; waiting: number }> {
  const results = await deps.storage.results.getAll();
  const { batches, waiting } = buildBatches({
    results,
    territory: deps.territory,
    k: deps.k,
    appVersion: deps.appVersion,
    now: deps.now(),
    newId: deps.newId,
  });
  if (batches.length === 0) return { queued: 0, waiting };
  const createdAt = deps.now().toISOString();
  const byId = new Map(results.map((result) => [result.id, result]));
  const entries: OutboxEntry[] = batches.map(({ batch }) => ({
    id: batch.id,
    createdAt,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: null,
    refusedReason: null,
    batch,
  }));
  const counted = batches.flatMap(({ batch, resultIds }) => resultIds.map((id) => ({ ...byId.get(id)!, countedInBatch: batch.id })));
  await deps.storage.queueBatches(entries, counted);
  return { queued: entries.length, waiting };
}

/** Delay before the n-th retry (n ≥ 1): base × 2^(n-1), capped, times a jitter in [0.5, 1) so devices do not stampede. */
export function backoffMs(attempt: number, random: () => number): number {
  const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.5 + random() / 2));
}

/** What the collector's answer means for a batch. */
export type SendOutcome =
  | { readonly kind: 'sent' }
  | { readonly kind: 'retry'; readonly error: string; readonly retryAfterMs: number | null }
  | { readonly kind: 'refused'; readonly reason: string };

/** Reads a collector answer: 201 stored, 200 already had it, 408/429/5xx later, other 4xx never (docs/API.md). */
export async function outcomeOf(response: Response): Promise<SendOutcome> {
  if (response.status === 200 || response.status === 201) return { kind: 'sent' };
  const body = await response.text().catch(() => '');
  let message = body.slice(0, 300);
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
    else if (typeof parsed.error === 'string') message = parsed.error;
  } catch {
    // not JSON: the text itself, shortened
  }
  const reason = `HTTP ${response.status}${message ? ` — ${message}` : ''}`;
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    const retryAfter = Number(response.headers.get('Retry-After'));
    return { kind: 'retry', error: reason, retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null };
  }
  return { kind: 'refused', reason };
}

export interface FlushDeps {
  readonly storage: Pick<RepereStorage, 'outbox'>;
  readonly target: SyncTarget;
  readonly fetcher: typeof fetch;
  readonly now: () => Date;
  readonly random: () => number;
}

export interface FlushReport {
  readonly sent: number;
  readonly retrying: number;
  readonly refused: number;
  /** Waiting for their next try, not due yet. */
  readonly notDue: number;
}

/**
 * Sends every pending batch that is due, one at a time, in the order they were made. Run it under `withOutboxLock`.
 * After a network failure the remaining batches are not tried in this flush: the collector is unreachable anyway.
 */
export async function flushOutbox(deps: FlushDeps): Promise<FlushReport> {
  const report = { sent: 0, retrying: 0, refused: 0, notDue: 0 };
  const entries = (await deps.storage.outbox.getAll())
    .filter((entry) => entry.status === 'pending')
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  const endpoint = `${deps.target.collectorUrl.replace(/\/+$/, '')}/api/v1/batches`;
  let unreachable = false;
  for (const entry of entries) {
    const now = deps.now();
    if (unreachable || (entry.nextAttemptAt !== null && Date.parse(entry.nextAttemptAt) > now.getTime())) {
      report.notDue += 1;
      continue;
    }
    let outcome: SendOutcome;
    try {
      const response = await deps.fetcher(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${deps.target.token}` },
        body: JSON.stringify(entry.batch),
        cache: 'no-store',
        credentials: 'omit',
      });
      outcome = await outcomeOf(response);
    } catch (error) {
      unreachable = true;
      outcome = { kind: 'retry', error: error instanceof Error ? error.message : String(error), retryAfterMs: null };
    }
    const at = deps.now();
    if (outcome.kind === 'sent') {
      await deps.storage.outbox.put({ ...entry, status: 'sent', sentAt: at.toISOString(), nextAttemptAt: null });
      report.sent += 1;
    } else if (outcome.kind === 'refused') {
      await deps.storage.outbox.put({ ...entry, status: 'refused', refusedReason: outcome.reason, attempts: entry.attempts + 1 });
      report.refused += 1;
    } else {
      const attempts = entry.attempts + 1;
      const delay = Math.max(outcome.retryAfterMs ?? 0, backoffMs(attempts, deps.random));
      await deps.storage.outbox.put({
        ...entry,
        attempts,
        lastError: outcome.error,
        nextAttemptAt: new Date(at.getTime() + delay).toISOString(),
      });
      report.retrying += 1;
    }
  }
  return report;
}

/**
 * Gives refused batches another chance after a mediator changed where or how the device sends (a mistyped token gets
 * 401, a wrong address 404): they go back to waiting, due at once. Anonymous counts are not lost to a typo; a batch
 * the collector refuses again is parked again.
 */
export async function requeueRefused(storage: Pick<RepereStorage, 'outbox'>): Promise<number> {
  const refused = (await storage.outbox.getAll()).filter((entry) => entry.status === 'refused');
  for (const entry of refused) {
    await storage.outbox.put({ ...entry, status: 'pending', attempts: 0, nextAttemptAt: null, refusedReason: null });
  }
  return refused.length;
}

/** Forgets sent batches older than KEEP_SENT_DAYS: they are the collector's now. */
export async function pruneSent(storage: Pick<RepereStorage, 'outbox'>, now: Date): Promise<number> {
  const limit = now.getTime() - KEEP_SENT_DAYS * 86_400_000;
  const old = (await storage.outbox.getAll()).filter((e) => e.status === 'sent' && e.sentAt && Date.parse(e.sentAt) < limit);
  for (const entry of old) await storage.outbox.delete(entry.id);
  return old.length;
}

/** What a page or the service worker has to make two flushes exclusive. */
export interface LockDeps {
  readonly locks: LockManager | undefined;
  readonly storage: Pick<RepereStorage, 'acquireLease' | 'releaseLease'>;
  readonly holder: string;
  readonly now: () => Date;
}

/**
 * Runs `work` while no other tab (or the service worker) flushes: the Web Locks API where the browser has it, else a
 * lease in IndexedDB. Resolves 'busy' without waiting when someone else is at it: their flush sends the same batches.
 */
export async function withOutboxLock<T>(deps: LockDeps, work: () => Promise<T>): Promise<T | 'busy'> {
  if (deps.locks) {
    return deps.locks.request(OUTBOX_LOCK, { ifAvailable: true }, async (lock) => (lock ? work() : 'busy' as const));
  }
  if (!(await deps.storage.acquireLease(OUTBOX_LOCK, deps.holder, deps.now(), LEASE_TTL_MS))) return 'busy';
  try {
    return await work();
  } finally {
    await deps.storage.releaseLease(OUTBOX_LOCK, deps.holder).catch(() => {});
  }
}
