import { batchFormatOf, batchFormatsOf, type AggregateBatch } from '../src/domain/aggregate';
import { WIRE_FORMATS, WIRE_LAYOUTS, countName, groupOf, withheldGroupOf, type CountGroup } from './count-groups';
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

/**
 * A batch counts the results of one questionnaire version in the format the device counts that version in
 * (`batchFormatOf`: questionnaire 1 in format 1, questionnaire 2 in format 2). Run on the parsed body before the schema,
 * so that a batch mixing versions is told so rather than which count its format lacks. Null when they agree, or when
 * the body is too far from a batch to tell (the schema then says what is wrong).
 */
export function checkFormatAgreement(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { format, questionnaireVersion } = body as { format?: unknown; questionnaireVersion?: unknown };
  if (!WIRE_FORMATS.includes(format as never) || typeof questionnaireVersion !== 'string') return null;
  if (batchFormatsOf(questionnaireVersion).includes(format as never)) return null;
  const expected = batchFormatOf(questionnaireVersion);
  return `Le lot mêle les versions : il est au format ${String(format)}, mais les résultats du questionnaire « ${questionnaireVersion} » se comptent au format ${expected}. Il n’est pas enregistré.`;
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

const sumOf = (values: Readonly<Record<string, number>>, keys: readonly string[]) => keys.reduce((acc, key) => acc + values[key]!, 0);

/**
 * A group withheld (null) by the device: allowed when at least one result lies outside the part it counts (the device
 * withholds it below its own k, which may be larger than the collector's: any number outside will do). With nobody
 * outside there is nothing to protect, and a device that sends null then is broken.
 */
function checkWithheld(batch: AggregateBatch, group: CountGroup): string | null {
  const field = `counts.${group.path.join('.')}`;
  if (!group.mayBeWithheld || !group.subsetOf) return `« ${field} » doit être un objet.`;
  const { path, keys, label } = group.subsetOf;
  const inPart = sumOf(groupOf(batch.counts, { path }), keys);
  if (inPart < batch.total) return null;
  return `« ${field} » vaut null (tableau retenu), mais d’après « counts.${path.join('.')} » les ${batch.total} résultats du lot sont tous des ${label} : il n’y a personne à protéger, ce tableau doit être envoyé.`;
}

function checkGroup(batch: AggregateBatch, group: CountGroup): string | null {
  const { total } = batch;
  const withheld = withheldGroupOf(batch.counts, group);
  if (withheld === null) return checkWithheld(batch, group);
  const values = withheld;
  const field = `counts.${group.path.join('.')}`;
  if (!group.partition) {
    const over = group.keys.find((key) => values[key]! > total);
    return over === undefined ? null : `« counts.${countName(group, over)} » (${values[over]}) dépasse le total (${total}).`;
  }
  const sum = sumOf(values, group.keys);
  if (!group.subsetOf) return sum === total ? null : `Les nombres de « ${field} » totalisent ${sum} au lieu de ${total}.`;
  if (sum > total) return `Les nombres de « ${field} » totalisent ${sum}, plus que le total (${total}).`;
  const { path, keys, label } = group.subsetOf;
  const expected = sumOf(groupOf(batch.counts, { path }), keys);
  if (sum > expected) {
    return `Les nombres de « ${field} » totalisent ${sum}, plus que les ${label} (${expected} d’après « counts.${path.join('.')} »).`;
  }
  if (sum < expected) {
    return `Les nombres de « ${field} » totalisent ${sum} au lieu de ${expected}, le nombre de ${label} d’après « counts.${path.join('.')} ».`;
  }
  return null;
}

/**
 * Each distribution sums to `total`, each property count stays within it; then the distributions of a part of the
 * results (or, withheld, that someone lies outside that part).
 */
function checkCounts(batch: AggregateBatch): string | null {
  const { groups } = WIRE_LAYOUTS[batch.format];
  for (const group of [...groups.filter((g) => !g.subsetOf), ...groups.filter((g) => g.subsetOf)]) {
    const reason = checkGroup(batch, group);
    if (reason) return reason;
  }
  return null;
}

/**
 * What the schema cannot say: a format that is that of the questionnaire version, a real territory code for its level,
 * real weeks in order and not in the future, at least k results, and counts consistent with `total` (each distribution
 * sums to it, or to the part of the results it counts; property counts stay within it; a table withheld only where
 * someone lies outside the part it counts). Returns null when the batch
 * holds together, otherwise the reason in French, shown to the mediator on the device.
 */
export function checkBatch(batch: AggregateBatch, rules: BatchRules): string | null {
  const mixed = checkFormatAgreement(batch);
  if (mixed) return mixed;
  if (batch.total < rules.k) {
    return `Le lot compte ${batch.total} résultats ; l'observatoire en demande au moins ${rules.k} par lot pour garantir l'anonymat.`;
  }
  return checkTerritory(batch.territory) ?? checkWeeks(batch.weeks, rules.currentWeek) ?? checkCounts(batch);
}
