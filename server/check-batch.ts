import type { AggregateBatch } from '../src/domain/aggregate';
import { COUNT_GROUPS, countName, groupOf } from './count-groups';
import { isIsoWeek } from './iso-weeks';
import { isCommuneCode, isDepartementCode } from './territory-codes';
/** Repère did not exist before: an older week is a device clock gone wrong. */
const FIRST_YEAR = 2020;

export interface BatchRules {
  /** The collector's k: the fewest results a batch may count. */
  readonly k: number;
  /** The week in progress on the server: a batch cannot cover a later one. */
  readonly currentWeek: string;
}

function checkTerritory({ level, code }: AggregateBatch['territory']): string | null {
  if (level === 'commune' && !isCommuneCode(code)) {
    return `Le territoire « ${code} » n'est pas un code INSEE de commune (5 caractères, par exemple 21231, 2A004 ou 97411).`;
  }
  if (level === 'departement' && !isDepartementCode(code)) {
    return `Le territoire « ${code} » n'est pas un code de département (par exemple 21, 2A ou 971).`;
  }
  return null;
}

function checkWeeks({ from, to }: AggregateBatch['weeks'], currentWeek: string): string | null {
  for (const week of [from, to]) {
    if (!isIsoWeek(week) || Number(week.slice(0, 4)) < FIRST_YEAR) return `La semaine « ${week} » n'existe pas ou est trop ancienne.`;
  }
  if (from > to) return `La période est à l'envers : ${from} vient après ${to}.`;
  if (to > currentWeek) return `La semaine ${to} n'a pas encore commencé : vérifiez la date et l'heure de l'appareil.`;
  return null;
}

function checkCounts(batch: AggregateBatch): string | null {
  const { total } = batch;
  for (const group of COUNT_GROUPS) {
    const values = groupOf(batch.counts, group);
    if (group.partition) {
      const sum = group.keys.reduce((acc, key) => acc + values[key]!, 0);
      if (sum !== total) return `Les nombres de « counts.${group.path.join('.')} » totalisent ${sum} au lieu de ${total}.`;
    } else {
      const over = group.keys.find((key) => values[key]! > total);
      if (over !== undefined) return `« counts.${countName(group, over)} » (${values[over]}) dépasse le total (${total}).`;
    }
  }
  return null;
}

/**
 * What the schema cannot say: a real territory code for its level, real weeks in order and not in the future, at least
 * k results, and counts consistent with `total` (each distribution sums to it; barriers and illectronism stay within
 * it). Returns null when the batch holds together, otherwise the reason in French, shown to the mediator on the device.
 */
export function checkBatch(batch: AggregateBatch, rules: BatchRules): string | null {
  if (batch.total < rules.k) {
    return `Le lot compte ${batch.total} résultats ; l'observatoire en demande au moins ${rules.k} par lot pour garantir l'anonymat.`;
  }
  return checkTerritory(batch.territory) ?? checkWeeks(batch.weeks, rules.currentWeek) ?? checkCounts(batch);
}
