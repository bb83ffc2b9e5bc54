import { isoWeek } from '../src/domain/aggregate';
import { HttpError } from './http-error';
import { addWeeks, isIsoWeek, parseQuarter, quarterOf, type Quarter } from './iso-weeks';
import type { BatchStore, TerritoryScope } from './batch-store';
import type { StatsScope } from './compute-stats';
import { isCommuneCode, isDepartementCode } from './territory-codes';
import { communeStatus, communesOfEpci, departementsOfRegion } from './territory-levels';
import { epciName } from './epci-history';

/**
 * What to publish: a territory, and either one whole quarter of ISO weeks (`from`, `to` its first and last weeks) or
 * one week of it. `quarter` is the quarter the figures are protected in, whatever is shown of it.
 */
export interface StatsQuery {
  readonly scope: StatsScope;
  readonly from: string;
  readonly to: string;
  readonly quarter: Quarter;
  /** Said when the territory asked is not the one shown: a commune merged since, an arrondissement, a code the map lacks. */
  readonly territoryNote?: string;
}

function parameter(query: Readonly<Record<string, unknown>>, name: string): string {
  const value = query[name] ?? '';
  if (typeof value !== 'string') throw new HttpError(400, 'invalid-query', `Le paramètre « ${name} » est donné plusieurs fois.`);
  return value.trim();
}

const REGION = /^REGION-([0-9]{2})$/;
const EPCI = /^(?:EPCI-)?([0-9]{9})$/;

/**
 * The territory of `?territory=`: nothing for all, `region-27`, a département (21, 2A, 971), `epci-247000722` (or the
 * SIREN alone), or a commune's INSEE code. A commune merged since (or an arrondissement) is shown as the commune it
 * belongs to today, saying so; a commune code the map does not know is kept (its batches are still counted).
 */
function scopeOf(territory: string): { scope: StatsScope; note?: string } {
  if (territory === '') return { scope: { level: 'all' } };
  const region = REGION.exec(territory);
  if (region) {
    if (departementsOfRegion(region[1]!).length === 0) throw new HttpError(400, 'invalid-query', `« ${region[1]} » n’est pas un code de région (par exemple 27 pour la Bourgogne-Franche-Comté).`);
    return { scope: { level: 'region', code: region[1]! } };
  }
  const epci = EPCI.exec(territory);
  if (epci) {
    // Today's EPCI, or one of an earlier year (epci-history.ts): its past quarters are still published.
    if (communesOfEpci(epci[1]!).length === 0 && epciName(epci[1]!) === null) {
      throw new HttpError(400, 'invalid-query', `« ${epci[1]} » n’est le SIREN d’aucun EPCI, au 1er janvier 2026 ni depuis 2021.`);
    }
    return { scope: { level: 'epci', code: epci[1]! } };
  }
  if (isDepartementCode(territory)) return { scope: { level: 'departement', code: territory } };
  if (isCommuneCode(territory)) {
    const status = communeStatus(territory);
    if (status.kind === 'merged') {
      const name = status.name ? `${status.name} (${territory})` : `La commune ${territory}`;
      return { scope: { level: 'commune', code: status.into.code }, note: `${name} : commune fusionnée dans ${status.into.name} (${status.into.code}). Ses résultats sont comptés avec ceux de ${status.into.name}.` };
    }
    if (status.kind === 'arrondissement') {
      return { scope: { level: 'commune', code: status.into.code }, note: `${status.name} (${territory}) est un arrondissement de ${status.into.name} (${status.into.code}) : ses résultats sont comptés avec ceux de la commune.` };
    }
    if (status.kind === 'unknown') return { scope: { level: 'commune', code: territory }, note: `Le code ${territory} n’est pas celui d’une commune au 1er janvier 2026, ni d’une commune fusionnée : ses résultats sont montrés tels qu’envoyés.` };
    return { scope: { level: 'commune', code: territory } };
  }
  throw new HttpError(
    400,
    'invalid-query',
    `« ${territory} » n’est ni une région (region-27), ni un code de département (21, 2A, 971), ni un EPCI (epci- et son SIREN), ni un code INSEE de commune (21231).`,
  );
}

/** The store's scope to look for the latest week in: a région or an EPCI spans départements, so the whole collector. */
const storeScopeOf = (scope: StatsScope): TerritoryScope =>
  scope.level === 'all' || scope.level === 'region' || scope.level === 'epci' ? { level: 'all' } : { level: scope.level, code: scope.code };

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
  const { scope, note } = scopeOf(parameter(query, 'territory').toUpperCase());
  const said = note ? { territoryNote: note } : {};
  const quarterText = parameter(query, 'quarter').toUpperCase();
  const toText = parameter(query, 'to');
  const fromText = parameter(query, 'from');
  if (quarterText) {
    const quarter = parseQuarter(quarterText);
    if (!quarter) throw new HttpError(400, 'invalid-query', `« quarter » doit être un trimestre de semaines ISO, par exemple 2026-Q4.`);
    if (fromText || toText) throw new HttpError(400, 'invalid-query', 'Donnez soit « quarter », soit « from » et « to », pas les deux.');
    return { scope, from: quarter.from, to: quarter.to, quarter, ...said };
  }
  if (!fromText && !toText) {
    const quarter = quarterOf((await store.latestWeek(storeScopeOf(scope))) ?? addWeeks(isoWeek(now), -1));
    return { scope, from: quarter.from, to: quarter.to, quarter, ...said };
  }
  const to = toText ? week(toText, 'to') : week(fromText, 'from');
  const from = fromText ? week(fromText, 'from') : to;
  if (from > to) throw new HttpError(400, 'invalid-query', `La période est à l’envers : ${from} vient après ${to}.`);
  const quarter = quarterOf(from);
  if (from === to || (from === quarter.from && to === quarter.to)) return { scope, from, to, quarter, ...said };
  throw new HttpError(
    400,
    'invalid-query',
    `Seules des périodes fixes sont publiées, une semaine ou un trimestre entier (par exemple ${quarter.from} à ${quarter.to}, « ${quarter.name} ») : deux périodes qui se chevauchent permettraient, par différence, de retrouver des nombres masqués.`,
  );
}
