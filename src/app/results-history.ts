import type { Observation } from '../domain/observation';
import type { FinishedResult } from '../domain/result';
import { expiredResults } from '../domain/retention';
import type { RepereStorage } from '../storage/open-storage';

/** Once a day is enough for results kept in days; start-up runs it too. */
export const RETENTION_CHECK_MS = 24 * 3_600_000;

/**
 * Deletes the results older than the retention delay. What was already counted in anonymous batches stays counted
 * (the batch names no one); the outbox is not touched.
 */
export async function applyRetention(deps: {
  storage: Pick<RepereStorage, 'results'>;
  retentionDays: number;
  now: () => Date;
}): Promise<number> {
  const results = await deps.storage.results.getAll();
  const expired = expiredResults(results, deps.retentionDays, deps.now());
  for (const id of expired) await deps.storage.results.delete(id);
  return expired.length;
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
