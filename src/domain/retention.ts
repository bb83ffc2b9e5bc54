/** The shortest and longest time a finished result may stay on the device, in days (a setting of the device). */
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 365;

const DAY_MS = 86_400_000;

/** Why a retention delay is refused: not a whole number of days, or outside 1–365. */
export type RetentionDaysError = 'notAnInteger' | 'outOfRange';

/** Whether a number of days may be the device's retention delay: a whole number from 1 to 365. */
export function validateRetentionDays(
  days: number,
): { readonly ok: true; readonly days: number } | { readonly ok: false; readonly error: RetentionDaysError } {
  if (!Number.isInteger(days)) return { ok: false, error: 'notAnInteger' };
  if (days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) return { ok: false, error: 'outOfRange' };
  return { ok: true, days };
}

/**
 * The instant before which a result is expired: `retentionDays` days (of 24 hours) before `now`, as an ISO string.
 * The device deletes by its date index every result finished before it (storage/results-queries.ts), whether it was
 * counted in an anonymous batch or not (its count stays in the batch, which names no one), and any result whose date
 * cannot be read, since nothing shows it is still within the delay.
 */
export function retentionCutoff(retentionDays: number, now: Date): string {
  const valid = validateRetentionDays(retentionDays);
  if (!valid.ok) throw new RangeError(`retentionDays must be an integer from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}`);
  return new Date(now.getTime() - valid.days * DAY_MS).toISOString();
}
