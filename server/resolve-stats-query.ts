import { isoWeek } from '../src/domain/aggregate';
import { HttpError } from './http-error';
import { addWeeks, isIsoWeek, parseQuarter, quarterOf, type Quarter } from './iso-weeks';
import type { BatchStore, TerritoryScope } from './batch-store';
import { isCommuneCode, isDepartementCode } from './territory-codes';

/**
 * What to publish: a territory, and either one whole quarter of ISO weeks (`from`, `to` its first and last weeks) or
 * one week of it. `quarter` is the quarter the figures are protected in, whatever is shown of it.
 */
export interface StatsQuery {
  readonly scope: TerritoryScope;
  readonly from: string;
  readonly to: string;
  readonly quarter: Quarter;
}

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
 * The territory and period asked by `?territory=&quarter=` or `?territory=&from=&to=`. Only fixed periods are published
 * (docs/PRIVACY.md, "Differences between tables"): a whole quarter of ISO weeks (`quarter=2026-Q4`, or `from` and `to`
 * its first and last weeks), or a single week (`from` = `to`). Without any: the quarter of the last week holding
 * batches of that territory (or of last week). Throws a 400 HttpError that says what is wrong, and what to ask instead.
 */
export async function resolveStatsQuery(query: Readonly<Record<string, unknown>>, store: BatchStore, now: Date): Promise<StatsQuery> {
  const scope = scopeOf(parameter(query, 'territory').toUpperCase());
  const quarterText = parameter(query, 'quarter').toUpperCase();
  const toText = parameter(query, 'to');
  const fromText = parameter(query, 'from');
  if (quarterText) {
    const quarter = parseQuarter(quarterText);
    if (!quarter) throw new HttpError(400, 'invalid-query', `« quarter » doit être un trimestre de semaines ISO, par exemple 2026-Q4.`);
    if (fromText || toText) throw new HttpError(400, 'invalid-query', 'Donnez soit « quarter », soit « from » et « to », pas les deux.');
    return { scope, from: quarter.from, to: quarter.to, quarter };
  }
  if (!fromText && !toText) {
    const quarter = quarterOf((await store.latestWeek(scope)) ?? addWeeks(isoWeek(now), -1));
    return { scope, from: quarter.from, to: quarter.to, quarter };
  }
  const to = toText ? week(toText, 'to') : week(fromText, 'from');
  const from = fromText ? week(fromText, 'from') : to;
  if (from > to) throw new HttpError(400, 'invalid-query', `La période est à l’envers : ${from} vient après ${to}.`);
  const quarter = quarterOf(from);
  if (from === to || (from === quarter.from && to === quarter.to)) return { scope, from, to, quarter };
  throw new HttpError(
    400,
    'invalid-query',
    `Seules des périodes fixes sont publiées, une semaine ou un trimestre entier (par exemple ${quarter.from} à ${quarter.to}, « ${quarter.name} ») : deux périodes qui se chevauchent permettraient, par différence, de retrouver des nombres masqués.`,
  );
}
