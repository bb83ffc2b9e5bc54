import { isoWeek } from '../src/domain/aggregate';
import { HttpError } from './http-error';
import { addWeeks, isIsoWeek } from './iso-weeks';
import type { BatchStore, TerritoryScope } from './open-batch-store';
import { isCommuneCode, isDepartementCode } from './territory-codes';

export interface StatsQuery {
  readonly scope: TerritoryScope;
  readonly from: string;
  readonly to: string;
}

/** The weeks shown when none are asked: the last twelve. */
const DEFAULT_WEEKS = 12;
/** The longest period asked at once: five years of weeks. */
const MAX_WEEKS = 261;

function parameter(query: Readonly<Record<string, unknown>>, name: string): string {
  const value = query[name] ?? '';
  if (typeof value !== 'string') throw new HttpError(400, 'invalid-query', `Le paramètre « ${name} » est donné plusieurs fois.`);
  return value.trim();
}

function scopeOf(territory: string): TerritoryScope {
  if (territory === '') return { level: 'all' };
  if (isDepartementCode(territory)) return { level: 'departement', code: territory };
  if (isCommuneCode(territory)) return { level: 'commune', code: territory };
  throw new HttpError(400, 'invalid-query', `« ${territory} » n’est ni un code de département (21, 2A, 971) ni un code INSEE de commune (21231).`);
}

function week(value: string, name: string): string {
  if (!isIsoWeek(value)) throw new HttpError(400, 'invalid-query', `« ${name} » doit être une semaine ISO existante, par exemple 2026-W47.`);
  return value;
}

/**
 * The territory and weeks asked by `?territory=&from=&to=`. Without `to`: the last week holding batches of that
 * territory (or last week); without `from`: DEFAULT_WEEKS weeks up to `to`. Throws a 400 HttpError that says what is wrong.
 */
export function resolveStatsQuery(query: Readonly<Record<string, unknown>>, store: BatchStore, now: Date): StatsQuery {
  const scope = scopeOf(parameter(query, 'territory').toUpperCase());
  const toText = parameter(query, 'to');
  const fromText = parameter(query, 'from');
  const to = toText ? week(toText, 'to') : (store.latestWeek(scope) ?? addWeeks(isoWeek(now), -1));
  const from = fromText ? week(fromText, 'from') : addWeeks(to, 1 - DEFAULT_WEEKS);
  if (from > to) throw new HttpError(400, 'invalid-query', `La période est à l’envers : ${from} vient après ${to}.`);
  if (addWeeks(from, MAX_WEEKS - 1) < to) throw new HttpError(400, 'invalid-query', `La période dépasse ${MAX_WEEKS} semaines.`);
  return { scope, from, to };
}
