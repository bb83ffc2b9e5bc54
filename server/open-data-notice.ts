/**
 * What the Région's open-data publication says with every figure, in the same words in the CSV (its first lines), the
 * JSON (fields `notice`, `licence`, `source`) and the observatory page: who is counted, under which licence, from
 * where, and what an empty cell means. docs/OPEN-DATA.md is the data dictionary around them.
 */

/** Who the figures count: the people who took the questionnaire, as they came. Not a sample of the population. */
export const OPEN_DATA_NOTICE = 'Personnes ayant passé le questionnaire, non pondéré, non dédoublonné';

/** The licence of the published figures (Etalab, for French public-sector open data). */
export const OPEN_DATA_LICENCE = {
  name: 'Licence Ouverte 2.0 (Etalab)',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

/** Who publishes them: what a reuse names as its source. */
export const OPEN_DATA_SOURCE = 'Repère, observatoire régional';

/**
 * The three fields as the JSON carries them (GET /api/v1/stats): `{ ...OPEN_DATA, ... }`. The schema
 * (stats-schema.ts) pins each to these texts.
 */
export const OPEN_DATA = {
  notice: OPEN_DATA_NOTICE,
  licence: OPEN_DATA_LICENCE,
  source: OPEN_DATA_SOURCE,
} as const;

/**
 * The suppression rule in a sentence, for a collector's k (docs/PRIVACY.md, "Differences between published tables").
 * `empty` says how a hidden number looks where the sentence is read: « Cellule vide » in the CSV, « null » in JSON.
 */
export function suppressionRule(k: number, empty = 'Cellule vide'): string {
  return (
    `${empty} : nombre masqué. Un nombre de 1 à ${k - 1} personnes (moins de k = ${k}) est masqué, 0 est affiché ; ` +
    'un autre nombre est masqué avec lui quand il permettrait de le retrouver par différence ' +
    '(avec le total, un autre territoire ou une autre semaine du même trimestre).'
  );
}

/** How to cite a table: « Repère, observatoire régional — Doubs (25), 4e trimestre 2026 — Licence Ouverte 2.0 (Etalab) ». */
export const citationOf = (territory: string, period: string) => `${OPEN_DATA_SOURCE} — ${territory}, ${period} — ${OPEN_DATA_LICENCE.name}`;
