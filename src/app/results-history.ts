import type { ClockTrust } from '../domain/clock-trust';
import type { Observation } from '../domain/observation';
import type { ResultsRange } from '../domain/history-range';
import type { FinishedResult } from '../domain/result';
import { retentionCutoff } from '../domain/retention';
import type { RepereStorage } from '../storage/open-storage';
import { checkDeviceClock } from './device-clock';

/** Once a day is enough for results kept in days; start-up runs it too. */
export const RETENTION_CHECK_MS = 24 * 3_600_000;

/** What retention did: deleted some results (maybe none), or waited for a clock it could trust. */
export type RetentionOutcome =
  | { readonly kind: 'applied'; readonly deleted: number }
  | { readonly kind: 'held'; readonly clock: Exclude<ClockTrust, 'plausible'> };

/**
 * Deletes the results older than the retention delay. What was already counted in anonymous batches stays counted
 * (the batch names no one); the outbox is not touched. Nothing is deleted while the device's clock reads more than a
 * day before the latest time it has seen, or far ahead of it (domain/clock-trust.ts): a clock set a year ahead would
 * otherwise delete the whole history for good. The next run with a plausible clock does the work.
 */
export async function applyRetention(deps: {
  storage: Pick<RepereStorage, 'results' | 'resultQueries' | 'settings' | 'sessions' | 'outbox'>;
  retentionDays: number;
  now: () => Date;
}): Promise<RetentionOutcome> {
  const clock = await checkDeviceClock(deps);
  if (clock.trust !== 'plausible') return { kind: 'held', clock: clock.trust };
  // By the date index: a year of results is not loaded to delete a day of them.
  const deleted = await deps.storage.resultQueries.deleteFinishedBefore(retentionCutoff(deps.retentionDays, clock.now));
  return { kind: 'applied', deleted };
}

/**
 * Keeps the mediator's observation with the result it is about, with the time of the change (not who made it).
 * false when the result is gone (retention, deleted meanwhile): nothing is written then. A full storage rejects with a
 * StorageError('quota') and the result keeps its previous observation.
 */
export async function saveObservation(
  storage: Pick<RepereStorage, 'results'>,
  resultId: string,
  observation: Observation,
  now: Date,
): Promise<boolean> {
  const result = await storage.results.get(resultId);
  if (!result) return false;
  await storage.results.put({ ...result, observation: { ...observation, updatedAt: now.toISOString() } });
  return true;
}

/** Gives the page a turn between two batches, so a read of 50 000 results never becomes one long task. */
export const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** How many results a batch of a streamed read holds: under 200 ms of work each on a tablet 6× slower than a PC (500 took 215). */
export const HISTORY_BATCH_SIZE = 250;

/** What a file export needs of a writer (domain/results-export.ts): a header, rows batch by batch, a footer. */
export interface StreamedFileWriter {
  readonly header: string;
  rows(results: readonly FinishedResult[], first: boolean): string;
  readonly footer: string;
}

/**
 * Writes the results of a range (oldest first), or the results picked by id, into the parts of a file, batch by batch,
 * yielding to the page between batches and saying how many are done. A result deleted meanwhile is left out. Returns
 * the parts, UTF-8 encoded batch by batch (for a Blob), and how many results went in.
 */
export async function writeResultsFile(
  deps: { storage: Pick<RepereStorage, 'results' | 'resultQueries'>; yieldToPage?: () => Promise<void> },
  source: { readonly range: ResultsRange } | { readonly ids: readonly string[] },
  writer: StreamedFileWriter,
  onProgress: (done: number) => void = () => {},
): Promise<{ parts: Uint8Array<ArrayBuffer>[]; count: number }> {
  const pause = deps.yieldToPage ?? yieldToPage;
  // Each part encoded as it is written: a Blob of 15 MB of text would encode it all at once, in one long task.
  const encoder = new TextEncoder();
  const parts: Uint8Array<ArrayBuffer>[] = [encoder.encode(writer.header)];
  let count = 0;
  const take = async (batch: FinishedResult[]) => {
    if (batch.length === 0) return;
    parts.push(encoder.encode(writer.rows(batch, count === 0)));
    count += batch.length;
    onProgress(count);
    await pause();
  };
  if ('range' in source) {
    await deps.storage.resultQueries.batches(source.range, HISTORY_BATCH_SIZE, take);
  } else {
    const picked = (await Promise.all(source.ids.map((id) => deps.storage.results.get(id)))).filter((r): r is FinishedResult => r !== undefined);
    picked.sort((a, b) => (a.finishedAt < b.finishedAt ? -1 : a.finishedAt > b.finishedAt ? 1 : a.id < b.id ? -1 : 1));
    for (let i = 0; i < picked.length; i += HISTORY_BATCH_SIZE) await take(picked.slice(i, i + HISTORY_BATCH_SIZE));
  }
  parts.push(encoder.encode(writer.footer));
  return { parts, count };
}

/** Folds every result of a range into a value, batch by batch, yielding to the page between batches (the counts). */
export async function foldResults<T>(
  deps: { storage: Pick<RepereStorage, 'resultQueries'>; yieldToPage?: () => Promise<void> },
  range: ResultsRange,
  initial: T,
  fold: (value: T, batch: readonly FinishedResult[]) => T,
  isCancelled: () => boolean = () => false,
): Promise<T> {
  const pause = deps.yieldToPage ?? yieldToPage;
  let value = initial;
  await deps.storage.resultQueries.batches(range, HISTORY_BATCH_SIZE, async (batch) => {
    if (isCancelled()) return false;
    value = fold(value, batch);
    await pause();
    return !isCancelled();
  });
  return value;
}

export async function deleteResults(storage: Pick<RepereStorage, 'results'>, ids: readonly string[] | 'all'): Promise<void> {
  if (ids === 'all') await storage.results.clear();
  else for (const id of ids) await storage.results.delete(id);
}
