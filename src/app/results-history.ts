import type { ClockTrust } from '../domain/clock-trust';
import type { Observation } from '../domain/observation';
import type { FinishedResult } from '../domain/result';
import { expiredResults } from '../domain/retention';
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
  storage: Pick<RepereStorage, 'results' | 'settings' | 'sessions' | 'outbox'>;
  retentionDays: number;
  now: () => Date;
}): Promise<RetentionOutcome> {
  const clock = await checkDeviceClock(deps);
  if (clock.trust !== 'plausible') return { kind: 'held', clock: clock.trust };
  const results = await deps.storage.results.getAll();
  const expired = expiredResults(results, deps.retentionDays, clock.now);
  for (const id of expired) await deps.storage.results.delete(id);
  return { kind: 'applied', deleted: expired.length };
}

/** The results on this device, newest first (the mediator's history). */
export async function listResults(storage: Pick<RepereStorage, 'results'>): Promise<FinishedResult[]> {
  const results = await storage.results.getAll();
  return results.sort((a, b) => (a.finishedAt < b.finishedAt ? 1 : a.finishedAt > b.finishedAt ? -1 : 0));
}

/** Keeps the mediator's observation with the result it is about. false when the result is gone (retention, deleted). */
export async function saveObservation(
  storage: Pick<RepereStorage, 'results'>,
  resultId: string,
  observation: Observation,
): Promise<boolean> {
  const result = await storage.results.get(resultId);
  if (!result) return false;
  await storage.results.put({ ...result, observation });
  return true;
}

export async function deleteResults(storage: Pick<RepereStorage, 'results'>, ids: readonly string[] | 'all'): Promise<void> {
  if (ids === 'all') await storage.results.clear();
  else for (const id of ids) await storage.results.delete(id);
}

/**
 * "Réinitialiser l'appareil" (a forgotten PIN): erases everything this device keeps — sessions, results, settings,
 * the PIN, batches not sent, places. The app then starts as new (demo places, default settings).
 */
export async function resetDevice(storage: RepereStorage): Promise<void> {
  await Promise.all([
    storage.sessions.clear(),
    storage.results.clear(),
    storage.settings.clear(),
    storage.outbox.clear(),
    storage.places.clear(),
    storage.placesMeta.clear(),
  ]);
}
