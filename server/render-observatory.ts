import {
  DISTANCE_RESULTS,
  DSI_AREA_LEVELS,
  DSI_AREA_LEVELS_V2,
  DSI_OVERALL_CATEGORIES,
  DSI_OVERALL_CATEGORIES_V2,
  ILLECTRONISM_ANSWERS,
  MAIN_BARRIER_CATEGORIES,
  PROCEDURES_STATUSES,
  SERVICE_COUNT_KEYS,
} from '../src/domain/aggregate';
import { DSI_AREAS } from '../src/domain/questionnaire';
import { DISTANCE_LEVELS } from '../src/domain/result';
import { BARRIERS, DEVICE_PROFILES, LAST_USES, ORGANISMS } from '../src/domain/score-profile';
import type { Cell, Stats, StatsRow, StatsRowV2 } from './compute-stats';
import { MAP_DEPARTEMENTS, renderDepartementMap } from './choropleth';
import { OPEN_DATA_LICENCE, OPEN_DATA_NOTICE, OPEN_DATA_SOURCE } from './open-data-notice';
import type { PlacesOfferMeta, ServiceOffer } from './places-offer';
import { LABELS, LABELS_V2 } from './observatory-labels';
import { REFERENCE_FIGURES, whyNotComparable, type ReferenceFigureId } from './reference-figures';
import { weekDates } from './period-labels';
import { communeStatus, departementOfCommune, departementsOfRegion, epciLabel, epciOf, regionOfDepartement } from './territory-levels';
import { scopeLabel, territoryLabel } from './territory-names';

/**
 * The figures the map can colour the départements by, each a share of a row of questionnaire 2, with the words the
 * page says of it. The first is the default.
 */
export const MAP_FIGURES = {
  illectronismRate: { label: 'Taux d’illectronisme (définition INSEE, hors « je ne sais pas »)', pick: (row: StatsRowV2) => row.illectronismRate },
  atLeastBasic16to74Share: {
    label: 'Compétences numériques au moins de base chez les 16–74 ans (indicateur européen 2030)',
    pick: (row: StatsRowV2) => row.atLeastBasic16to74Share,
  },
  noUseIn12MonthsRate: { label: 'Pas d’internet depuis plus d’un an, ou jamais', pick: (row: StatsRowV2) => row.noUseIn12MonthsRate },
  handlingAllPassedShare: {
    label: 'Ont réussi les 3 essais de prise en main (observé, hors Eurostat)',
    pick: (row: StatsRowV2) => row.handlingAllPassedShare,
  },
} as const satisfies Record<string, { label: string; pick: (row: StatsRowV2) => Cell }>;
export type MapFigure = keyof typeof MAP_FIGURES;
export const isMapFigure = (value: string): value is MapFigure => Object.hasOwn(MAP_FIGURES, value);

export interface ObservatoryPage {
  /** What the form shows: the values resolved, or those typed when they were refused. */
  readonly form: { readonly territory: string; readonly quarter: string; readonly figure: MapFigure };
  readonly territories: { readonly departements: readonly string[]; readonly communes: readonly string[] };
  readonly stats: Stats | null;
  /** Every département's row of questionnaire 2 for the same period, for the map (none when there are no statistics). */
  readonly departementRows?: ReadonlyMap<string, StatsRowV2>;
  /** The places of REPERE_PLACES in the territory shown, per service; null without a places file. */
  readonly offer?: (ServiceOffer & { readonly meta: PlacesOfferMeta }) | null;
  /** Why the statistics could not be shown (a refused query). */
  readonly error: string | null;
}

/** Any row of statistics, of either format, with its week when it has one. */
type Row = (StatsRow | StatsRowV2) & { readonly week?: string };
interface Rows<R extends Row> {
  readonly period: R;
  readonly series: readonly (R & { readonly week: string; readonly dates: string })[];
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

const integer = new Intl.NumberFormat('fr-FR');
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

/** Colours of the series, dark enough against white, ordered from far to close to digital tools; "unknown" last. */
const DISTANCE_COLOURS = ['#9e1b32', '#d4622a', '#3b7fb8', '#1c4e80'];
const DSI_COLOURS = ['#6b6b6b', '#8e0152', '#c51b7d', '#c2699b', '#a3751a', '#4d9221', '#276419'];
const UNKNOWN_COLOUR = '#6f5f8f';
const HIDDEN_COLOUR = '#d0d4da';

const HIDDEN = '<span aria-hidden="true">–</span><span class="visually-hidden">masqué</span>';
const number = (value: Cell) => (value === null ? HIDDEN : integer.format(value));
const ratio = (value: Cell) => (value === null ? HIDDEN : escape(percent.format(value)));
const shareOf = (value: Cell, whole: Cell) => ratio(value === null || whole === null || whole === 0 ? null : value / whole);
const sum = (values: readonly Cell[]): Cell => (values.includes(null) ? null : (values as number[]).reduce((a, b) => a + b, 0));

/**
 * The territories of the picker: those that sent batches, and the régions and EPCI they lie in (on today's map: an EPCI
 * gone since is asked by its SIREN, epci-history.ts), each level in its group. The value is what `?territory=` takes
 * (resolve-stats-query.ts).
 */
function territoryPicker(page: ObservatoryPage): string {
  const option = (value: string, label: string) =>
    `<option value="${escape(value)}"${value.toUpperCase() === page.form.territory.toUpperCase() ? ' selected' : ''}>${escape(label)}</option>`;
  const { departements, communes } = page.territories;
  const current = communes.map((code) => {
    const status = communeStatus(code);
    return status.kind === 'merged' || status.kind === 'arrondissement' ? status.into.code : code;
  });
  const regions = [...new Set([...departements, ...current.map((code) => departementOfCommune(code)?.code ?? '')].map((code) => regionOfDepartement(code)?.code ?? ''))]
    .filter(Boolean)
    .sort();
  const epcis = [...new Set(current.map((code) => epciOf(code)?.code ?? ''))].filter(Boolean).sort((a, b) => epciLabel(a).localeCompare(epciLabel(b), 'fr'));
  const group = (label: string, options: readonly string[]) => (options.length ? `<optgroup label="${label}">${options.join('')}</optgroup>` : '');
  // A territory typed in the URL but without batches yet stays selectable.
  // A commune that merged since is listed as the commune it is part of today (its batches count there).
  const currentCommunes = [...new Set(current)].sort((a, b) => territoryLabel('commune', a).localeCompare(territoryLabel('commune', b), 'fr'));
  const values = ['', ...regions.map((code) => `region-${code}`), ...departements, ...epcis.map((code) => `epci-${code}`), ...currentCommunes];
  const known = new Set(values.map((value) => value.toUpperCase()));
  return [
    '<select id="territory" name="territory">',
    option('', 'Tous les territoires'),
    known.has(page.form.territory.toUpperCase()) ? '' : option(page.form.territory, page.form.territory),
    group('Régions', regions.map((code) => option(`region-${code}`, scopeLabel({ level: 'region', code })))),
    group('Départements', departements.map((code) => option(code, territoryLabel('departement', code)))),
    group('Intercommunalités (EPCI)', epcis.map((code) => option(`epci-${code}`, scopeLabel({ level: 'epci', code })))),
    group('Communes', currentCommunes.map((code) => option(code, territoryLabel('commune', code)))),
    '</select>',
  ].join('');
}

function form(page: ObservatoryPage): string {
  return `<form method="get" action="./" class="filters" aria-labelledby="filters-title">
    <h2 id="filters-title">Territoire et période</h2>
    <div class="fields">
      <p class="field"><label for="territory">Territoire</label>${territoryPicker(page)}</p>
      <p class="field"><label for="quarter">Trimestre</label>
        <input type="text" id="quarter" name="quarter" value="${escape(page.form.quarter)}" pattern="[0-9]{4}-[Qq][1-4]" aria-describedby="quarter-hint"></p>
      <p class="field"><label for="figure">Chiffre de la carte</label>
        <select id="figure" name="figure">${Object.entries(MAP_FIGURES)
          .map(([value, { label }]) => `<option value="${value}"${value === page.form.figure ? ' selected' : ''}>${escape(label)}</option>`)
          .join('')}</select></p>
      <p class="field"><button type="submit">Afficher</button></p>
    </div>
    <p id="quarter-hint" class="hint">Trimestres de semaines ISO, par exemple 2026-Q4 : Q1 = semaines 1 à 13, Q2 = 14 à 26, Q3 = 27 à 39,
      Q4 = 40 à 52 (ou 53). Seules ces périodes fixes sont publiées : deux périodes qui se chevauchent permettraient de retrouver
      par différence un nombre masqué.</p>
  </form>`;
}

const counts = (row: Row, group: string) => row.counts[group] as Readonly<Record<string, Cell>>;
/** One table column per key of a count group, headed by its French label (the same columns for both formats). */
const countColumns = (group: string, keys: readonly string[], labels: Readonly<Record<string, string>>): Column[] =>
  keys.map((key) => ({ label: labels[key] ?? key, value: (row: Row) => number(counts(row, group)[key] ?? null) }));

interface Column {
  readonly label: string;
  readonly value: (row: Row) => string;
}

/** A table of one distribution per week, then the whole period: the text alternative of a chart. */
function weeklyTable(id: string, caption: string, rows: Rows<Row>, columns: readonly Column[]): string {
  const head = columns.map((column) => `<th scope="col">${escape(column.label)}</th>`).join('');
  const line = (label: string, row: Row, className = '') =>
    `<tr${className ? ` class="${className}"` : ''}><th scope="row">${escape(label)}</th>${columns.map((column) => `<td>${column.value(row)}</td>`).join('')}</tr>`;
  return `<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0">
    <table><caption id="${id}">${escape(caption)}</caption>
      <thead><tr><th scope="col">Semaine</th>${head}</tr></thead>
      <tbody>${rows.series.map((row) => line(`${row.dates} (${row.week})`, row)).join('')}</tbody>
      <tfoot>${line('Toute la période', rows.period, 'period')}</tfoot>
    </table></div>`;
}

interface PeriodLine {
  readonly label: string;
  readonly value: Cell;
  /** False for a line outside the share's denominator ("je ne sais pas"): its share is not computed. */
  readonly inShare?: boolean;
}

/** A table of the whole period: a count per line and its share of `whole` (total, or the denominator said in the caption). */
function periodTable(id: string, caption: string, whole: Cell, lines: readonly PeriodLine[], shareLabel = 'Part'): string {
  const line = (row: PeriodLine) =>
    `<tr><th scope="row">${escape(row.label)}</th><td>${number(row.value)}</td><td>${row.inShare === false ? '<span class="hint">hors calcul</span>' : shareOf(row.value, whole)}</td></tr>`;
  return `<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0">
    <table><caption id="${id}">${escape(caption)}</caption>
      <thead><tr><th scope="col">Catégorie</th><th scope="col">Résultats</th><th scope="col">${escape(shareLabel)}</th></tr></thead>
      <tbody>${lines.map(line).join('')}</tbody>
    </table></div>`;
}

/** The lines of a group of the period, one per key, with its French label. */
function linesOf<K extends string>(row: Row, group: string, keys: readonly K[], labels: Readonly<Record<K, string>>, apart: readonly string[] = []): PeriodLine[] {
  return keys.map((key) => ({ label: labels[key], value: counts(row, group)[key] ?? null, inShare: !apart.includes(key) }));
}

/** The five areas of the DSI, one line each, one column per level. */
function areaTable<K extends string>(id: string, caption: string, row: Row, levels: readonly K[], labels: Readonly<Record<K, string>>): string {
  const areas = row.counts.dsiAreas as Readonly<Record<string, Readonly<Record<string, Cell>>>>;
  return `<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0">
    <table><caption id="${id}">${escape(caption)}</caption>
      <thead><tr><th scope="col">Domaine</th>${levels.map((level) => `<th scope="col">${escape(labels[level])}</th>`).join('')}</tr></thead>
      <tbody>${DSI_AREAS.map(
        (area) => `<tr><th scope="row">${escape(LABELS.dsiArea[area])}</th>${levels.map((level) => `<td>${number(areas[area]![level] ?? null)}</td>`).join('')}</tr>`,
      ).join('')}</tbody>
    </table></div>`;
}

interface Chart {
  readonly canvas: string;
  readonly series: readonly { readonly label: string; readonly colour: string | undefined; readonly data: readonly Cell[] }[];
}

/** The series of a stacked bar chart of one distribution per week, the hidden counts together on top. */
function chartOf<K extends string>(canvas: string, rows: Rows<Row>, group: string, keys: readonly K[], labels: Readonly<Record<K, string>>, colours: readonly string[]): Chart {
  return {
    canvas,
    series: [
      ...keys.map((key, index) => ({ label: labels[key], colour: colours[index], data: rows.series.map((row) => counts(row, group)[key] ?? null) })),
      // The hidden counts together (total minus those shown, already public): every bar keeps its full height.
      {
        label: 'Masqués (moins de k)',
        colour: HIDDEN_COLOUR,
        data: rows.series.map((row) => {
          const shown = keys.reduce((total, key) => total + (counts(row, group)[key] ?? 0), 0);
          return row.total === null ? null : row.total - shown;
        }),
      },
    ],
  };
}

/** The numbers the page script draws, embedded as JSON (no request of its own, nothing inline to execute). */
function chartData(stats: Stats, charts: readonly Chart[]): string {
  // The weeks as people read them: "2 nov." for the week of Monday 2 November (the table beside says the whole dates).
  const data = { weeks: stats.series.map((row) => shortWeek(row.week)), charts };
  // "<" escaped so that no text can close the script element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

function chart(id: string, label: string): string {
  return `<figure class="chart" hidden><canvas id="${id}" role="img" aria-label="${escape(label)}"></canvas></figure>`;
}

const figure = (label: string, hint: string, value: string) =>
  `<div><dt>${escape(label)}${hint ? ` <span class="hint">(${escape(hint)})</span>` : ''}</dt><dd>${value}</dd></div>`;

/** Questionnaire 1 (batches of format 1): the figures the observatory had before questionnaire 2, unchanged. */
function format1(stats: Stats, charts: Chart[]): string {
  const rows: Rows<StatsRow> = stats;
  const { period } = rows;
  const distanceColumns: Column[] = [
    ...countColumns('distanceLevel', DISTANCE_LEVELS, LABELS.distanceLevel),
    { label: 'Total', value: (row: Row) => number(row.total) },
  ];
  const dsiColumns: Column[] = [
    ...countColumns('dsiOverall', DSI_OVERALL_CATEGORIES, LABELS.dsiOverall),
    { label: 'Au moins de base', value: (row: Row) => ratio(row.atLeastBasicShare) },
    { label: 'Illectronisme', value: (row: Row) => ratio(row.illectronismRate) },
  ];
  charts.push(
    chartOf('distance-chart', rows, 'distanceLevel', DISTANCE_LEVELS, LABELS.distanceLevel, DISTANCE_COLOURS),
    chartOf('dsi-chart', rows, 'dsiOverall', DSI_OVERALL_CATEGORIES, LABELS.dsiOverall, DSI_COLOURS),
  );
  const rowsOf = (group: 'barriers' | 'autonomy' | 'ageBand' | 'language' | 'mode') =>
    Object.entries(LABELS[group]).map(([key, label]) => ({ label, value: counts(period, group)[key] ?? null }));
  return `<section aria-labelledby="q1-title" class="questionnaire">
    <h2 id="q1-title">Questionnaire 1</h2>
    <dl class="figures">
      ${figure('Résultats comptés', '', number(period.total))}
      ${figure('Compétences numériques au moins de base', 'indicateur européen 2030, parmi les personnes évaluées', ratio(period.atLeastBasicShare))}
      ${figure('Taux d’illectronisme', 'définition INSEE', ratio(period.illectronismRate))}
    </dl>
    <section aria-labelledby="q1-title distance-title">
      <h3 id="distance-title">Distance au numérique, par semaine</h3>
      ${chart('distance-chart', 'Histogramme empilé de la distance au numérique par semaine. Les chiffres sont dans le tableau qui suit.')}
      ${weeklyTable('distance-caption', 'Distance au numérique : nombre de résultats par semaine', rows, distanceColumns)}
    </section>
    <section aria-labelledby="q1-title dsi-title">
      <h3 id="dsi-title">Compétences numériques (DSI Eurostat), par semaine</h3>
      ${chart('dsi-chart', 'Histogramme empilé des niveaux de compétences numériques par semaine. Les chiffres sont dans le tableau qui suit.')}
      ${weeklyTable('dsi-caption', 'Compétences numériques globales : nombre de résultats par semaine, part au moins de base et taux d’illectronisme', rows, dsiColumns)}
    </section>
    <section aria-labelledby="q1-title details-title">
      <h3 id="details-title">Détail sur toute la période</h3>
      ${periodTable('illectronism-caption', 'Illectronisme et freins (une personne peut en citer plusieurs)', period.total, [
        { label: 'Illectronisme (définition INSEE)', value: period.counts.illectronism as Cell },
        ...rowsOf('barriers').map((row) => ({ ...row, label: `Frein : ${row.label}` })),
      ])}
      ${periodTable('autonomy-caption', 'Autonomie dans les démarches administratives en ligne', period.total, rowsOf('autonomy'))}
      ${areaTable('areas-caption', 'Compétences par domaine (DSI), toute la période : nombre de résultats', period, DSI_AREA_LEVELS, LABELS.dsiAreaLevel)}
      ${periodTable('age-caption', 'Tranche d’âge', period.total, rowsOf('ageBand'))}
      ${periodTable('language-caption', 'Langue de passation', period.total, rowsOf('language'))}
      ${periodTable('mode-caption', 'Mode de passation', period.total, rowsOf('mode'))}
    </section>
  </section>`;
}

/**
 * Said next to the DSI of the 16-74 year-olds when some batches of the period withheld it (docs/PRIVACY.md): the figure
 * leaves them out, and how many of their people it leaves out. Empty when none did.
 */
function withheld16to74(period: StatsRowV2): string {
  const batches = period.withheld16to74Batches;
  if (batches === 0) return '';
  const lots = batches === 1 ? '1 lot ne les a pas transmises' : `${integer.format(batches)} lots ne les ont pas transmises`;
  const people = period.aged16to74Withheld;
  const leftOut =
    people === null
      ? 'Le nombre de personnes de 16 à 74 ans ainsi laissées de côté est masqué (moins de k, ou il se déduirait des autres chiffres).'
      : `${integer.format(people)} ${people === 1 ? 'personne' : 'personnes'} de 16 à 74 ans, comptées dans les tranches d’âge, ne le sont donc pas dans ces chiffres.`;
  return `<p class="note" id="v2-withheld-16to74">Les compétences des 16–74 ans ne portent que sur les lots qui les ont transmises : ${lots},
      pour protéger de petits groupes. Un lot où trop peu de personnes sont hors de 16–74 ans (moins de 16 ans, 75 ans et plus, âge non dit)
      les garde pour lui : les retrancher des compétences de tout le lot dirait celles de ces quelques personnes. ${leftOut}</p>`;
}

/**
 * Questionnaire 2 (batches of format 2): "je ne sais pas" counted apart and out of every share, last use, the main
 * barrier, needs, organisms, equipment, and the DSI of the 16-74 year-olds as Eurostat counts it.
 */
function format2(stats: Stats, charts: Chart[]): string {
  const rows: Rows<StatsRowV2> = stats.format2;
  const { period } = rows;
  const distanceColumns: Column[] = [
    ...countColumns('distanceLevel', DISTANCE_RESULTS, LABELS_V2.distanceLevel),
    { label: 'Total', value: (row: Row) => number(row.total) },
  ];
  const dsiColumns: Column[] = [
    ...countColumns('dsiOverall', DSI_OVERALL_CATEGORIES_V2, LABELS_V2.dsiOverall),
    { label: 'Au moins de base', value: (row: Row) => ratio(row.atLeastBasicShare) },
    { label: 'Illectronisme', value: (row: Row) => ratio(row.illectronismRate) },
  ];
  charts.push(
    chartOf('v2-distance-chart', rows, 'distanceLevel', DISTANCE_RESULTS, LABELS_V2.distanceLevel, [...DISTANCE_COLOURS, UNKNOWN_COLOUR]),
    chartOf('v2-dsi-chart', rows, 'dsiOverall', DSI_OVERALL_CATEGORIES_V2, LABELS_V2.dsiOverall, [...DSI_COLOURS, UNKNOWN_COLOUR]),
  );
  const property = (label: string, value: Cell): PeriodLine => ({ label, value });
  const withheld = withheld16to74(period);
  return `<section aria-labelledby="q2-title" class="questionnaire">
    <h2 id="q2-title">Questionnaire 2</h2>
    <p class="note">Depuis la version 2 du questionnaire, « Je ne sais pas » est une donnée manquante : elle est comptée à part
      (« Indéterminé », « Ne sait pas ») et n’entre dans aucune part ni aucun taux. Ces chiffres ne s’additionnent pas à ceux du
      questionnaire 1, dont les définitions étaient différentes.</p>
    <dl class="figures">
      ${figure('Résultats comptés', '', number(period.total))}
      ${figure('Compétences numériques au moins de base chez les 16–74 ans', `indicateur européen 2030, champ d’Eurostat, non-utilisateurs compris${withheld ? ', hors lots retenus (voir ci-dessous)' : ''}`, ratio(period.atLeastBasic16to74Share))}
      ${figure('Taux d’illectronisme', 'définition INSEE, hors « je ne sais pas »', ratio(period.illectronismRate))}
      ${figure('Pas d’internet depuis plus d’un an', 'ou jamais, hors « je ne sais pas »', ratio(period.noUseIn12MonthsRate))}
    </dl>
    ${withheld}
    <section aria-labelledby="q2-title v2-distance-title">
      <h3 id="v2-distance-title">Distance au numérique, par semaine</h3>
      ${chart('v2-distance-chart', 'Histogramme empilé de la distance au numérique par semaine, questionnaire 2. Les chiffres sont dans le tableau qui suit.')}
      ${weeklyTable('v2-distance-caption', 'Distance au numérique (questionnaire 2) : nombre de résultats par semaine', rows, distanceColumns)}
    </section>
    <section aria-labelledby="q2-title v2-dsi-title">
      <h3 id="v2-dsi-title">Compétences numériques (DSI Eurostat), par semaine</h3>
      ${chart('v2-dsi-chart', 'Histogramme empilé des niveaux de compétences numériques par semaine, questionnaire 2. Les chiffres sont dans le tableau qui suit.')}
      ${weeklyTable('v2-dsi-caption', 'Compétences numériques globales (questionnaire 2) : nombre de résultats par semaine, part au moins de base parmi les personnes évaluées et taux d’illectronisme, hors « indéterminé »', rows, dsiColumns)}
    </section>
    <section aria-labelledby="q2-title v2-details-title">
      <h3 id="v2-details-title">Détail sur toute la période</h3>
      ${periodTable('v2-dsi16to74-caption', 'Compétences numériques des 16–74 ans (champ d’Eurostat) : part parmi les 16–74 ans dont le niveau est connu, non-utilisateurs compris ; « Indéterminé » hors calcul', period.dsiKnown16to74, [
        ...linesOf(period, 'dsiOverall16to74', DSI_OVERALL_CATEGORIES_V2, LABELS_V2.dsiOverall, ['unknown']),
        { label: 'Au moins de base (indicateur européen 2030)', value: period.atLeastBasic16to74 },
        { label: 'Ensemble des 16–74 ans', value: period.aged16to74, inShare: false },
        ...(period.withheld16to74Batches > 0
          ? [{ label: 'Non comptés ici : 16–74 ans des lots qui ont retenu ce tableau (protection des petits groupes)', value: period.aged16to74Withheld, inShare: false }]
          : []),
      ])}
      ${periodTable('v2-illectronism-caption', 'Illectronisme (définition INSEE) : part parmi les personnes dont la situation est connue ; « Indéterminé » hors calcul', period.illectronismKnown, linesOf(period, 'illectronism', ILLECTRONISM_ANSWERS, LABELS_V2.illectronism, ['unknown']))}
      ${periodTable('v2-last-use-caption', 'Dernière utilisation d’internet : part parmi les personnes qui l’ont dit ; « Ne sait pas » hors calcul', period.lastUseKnown, [
        ...linesOf(period, 'lastUse', LAST_USES, LABELS_V2.lastUse, ['unknown']),
        { label: 'Pas d’internet depuis plus d’un an, ou jamais (critère INSEE 2019)', value: period.noUseIn12Months },
      ])}
      ${periodTable('v2-main-barrier-caption', 'Frein principal des personnes éloignées du numérique (« Premiers pas », « En apprentissage ») : ne peut pas, ne sait pas faire ou ne veut pas ; les trois parts font 100 % de ces personnes', period.withMainBarrier, [
        ...linesOf(period, 'mainBarrier', MAIN_BARRIER_CATEGORIES, LABELS_V2.mainBarrier, ['none']),
        { label: 'Ensemble des personnes ayant un frein principal', value: period.withMainBarrier },
      ], 'Part des personnes éloignées')}
      ${periodTable('v2-barriers-caption', 'Freins (une personne peut en citer plusieurs), « ne veut pas » et aide « à faire pour »', period.total, [
        ...linesOf(period, 'barriers', BARRIERS, LABELS.barriers).map((row) => ({ ...row, label: `Frein : ${row.label}` })),
        property('Dit ne pas vouloir utiliser internet', period.counts.doesNotWant as Cell),
        property('Aide « à faire pour » plutôt qu’une formation (Aidants Connect, France Services)', period.counts.delegation as Cell),
      ])}
      ${periodTable('v2-autonomy-caption', 'Démarches administratives en ligne, dit par la personne (« N’en a jamais eu besoin » et « Ne sait pas » à part)', period.total, linesOf(period, 'autonomy', PROCEDURES_STATUSES, LABELS_V2.autonomy))}
      <p class="note">Les besoins, par service du standard national, sont plus haut : « Besoins et offre ».</p>
      ${periodTable('v2-organisms-caption', 'Organismes pour lesquels la personne a besoin d’aide (une personne peut en citer plusieurs)', period.total, linesOf(period, 'organisms', ORGANISMS, LABELS_V2.organisms))}
      ${periodTable('v2-device-caption', 'Équipement pour aller sur internet', period.total, linesOf(period, 'deviceProfile', DEVICE_PROFILES, LABELS_V2.deviceProfile))}
      ${areaTable('v2-areas-caption', 'Compétences par domaine (DSI), questionnaire 2, toute la période : nombre de résultats', period, DSI_AREA_LEVELS_V2, LABELS_V2.dsiAreaLevel)}
      ${periodTable('v2-age-caption', 'Tranche d’âge (questionnaire 2)', period.total, Object.entries(LABELS.ageBand).map(([key, label]) => ({ label, value: counts(period, 'ageBand')[key] ?? null })))}
      ${periodTable('v2-language-caption', 'Langue de passation (questionnaire 2)', period.total, Object.entries(LABELS.language).map(([key, label]) => ({ label, value: counts(period, 'language')[key] ?? null })))}
      ${periodTable('v2-mode-caption', 'Mode de passation (questionnaire 2)', period.total, Object.entries(LABELS.mode).map(([key, label]) => ({ label, value: counts(period, 'mode')[key] ?? null })))}
    </section>
    ${observed(period)}
  </section>`;
}

/** The keys of a group in the order written in the labels (best score first). */
const keysOf = <K extends string>(labels: Readonly<Record<K, string>>) => Object.keys(labels) as K[];

/**
 * What the hands-on tries showed (batches of format 3; "non passé" for those of format 2): observed, never mixed with
 * the Eurostat and INSEE figures above (docs/TRIES.md).
 */
function observed(period: StatsRowV2): string {
  const observedCounts = (counts(period, 'observed') as unknown as Readonly<Record<string, Readonly<Record<string, Cell>>>>) ?? {};
  const lines = <K extends string>(group: string, labels: Readonly<Record<K, string>>): PeriodLine[] =>
    keysOf(labels).map((key) => ({ label: labels[key], value: observedCounts[group]?.[key] ?? null, inShare: key !== 'notTaken' && key !== 'partlyTaken' }));
  return `<section aria-labelledby="q2-title observed-title" class="observed">
      <h3 id="observed-title">Essais sur l’écran — observé, hors Eurostat</h3>
      <p class="note">Ce que les personnes ont fait sur l’écran pendant trois petits essais facultatifs (toucher, faire défiler,
        écrire), puis un essai de repérage d’arnaques, et un de reconnaissance d’icônes pour celles qui ne vont plus sur internet.
        Ces chiffres ne changent ni le DSI Eurostat ni l’illectronisme INSEE, qui restent ce que les personnes ont dit. Un essai
        passé, non proposé ou interrompu est « non passé », jamais un échec ; les appareils antérieurs aux essais comptent
        toutes leurs personnes ainsi. Les essais ne sont pas encore validés (docs/TRIES.md).</p>
      <dl class="figures">
        ${figure('Ont réussi les 3 essais de prise en main', 'parmi les personnes qui les ont faits tous les trois', ratio(period.handlingAllPassedShare))}
        ${figure('Ont bien jugé les 3 messages', 'essai « arnaque », parmi celles qui l’ont fait', ratio(period.scamAllRightShare))}
        ${figure('Écart entre le dit et le fait', 'se disent au moins au niveau de base mais n’ont pas réussi un essai de prise en main, parmi celles qui en ont fait un', ratio(period.selfReportGapShare))}
      </dl>
      ${periodTable('observed-handling-caption', 'Prise en main (toucher, faire défiler, écrire) : part parmi les personnes qui ont fait les trois essais', period.handlingAllThreeDone, [
        ...lines('handling', LABELS_V2.handling),
        { label: 'Ont fait au moins un essai de prise en main', value: period.handlingTaken, inShare: false },
        { label: 'Écart entre le dit et le fait (au moins de base dit, un essai non réussi)', value: (period.counts.observed as { selfReportGap?: Cell } | undefined)?.selfReportGap ?? null, inShare: false },
      ])}
      ${periodTable('observed-scam-caption', 'Repérer une arnaque (deux faux messages, un vrai) : part parmi les personnes qui ont fait l’essai', period.scamTaken, lines('scam', LABELS_V2.scam))}
      ${periodTable('observed-icons-caption', 'Reconnaître les icônes (retour, menu, fermer, télécharger) : part parmi les personnes qui ont fait l’essai', period.iconsTaken, lines('icons', LABELS_V2.icons))}
    </section>`;
}

/** "4e trimestre 2026, du 28 septembre 2026 au 3 janvier 2027", or "semaine du 2 au 8 novembre 2026". */
const periodName = (stats: Stats) => stats.weeks.label;

const SHORT_DAY = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });
/** A week on a chart's axis: its Monday, "2 nov.". */
const shortWeek = (week: string) => SHORT_DAY.format(new Date(`${weekDates(week).monday}T12:00:00Z`));

/** The territory as `?territory=` takes it. */
const territoryParameter = (scope: Stats['territory']) =>
  scope.level === 'all' ? '' : scope.level === 'region' || scope.level === 'epci' ? `${scope.level}-${scope.code}` : scope.code;

/**
 * The départements coloured by the chosen figure, with the table of the same numbers beside it: the whole country, the
 * région of the territory shown drawn darker. Every number is a published one (protected with the rest).
 */
function departementMap(page: ObservatoryPage, stats: Stats): string {
  const rows = page.departementRows ?? new Map<string, StatsRowV2>();
  const figure = MAP_FIGURES[page.form.figure];
  const values = new Map([...rows].map(([code, row]) => [code, row.batches > 0 ? figure.pick(row) : undefined]));
  const regionCode =
    stats.territory.level === 'region'
      ? stats.territory.code
      : stats.territory.level === 'departement'
        ? regionOfDepartement(stats.territory.code)?.code
        : stats.territory.level === 'commune'
          ? regionOfDepartement(departementOfCommune(stats.territory.code)?.code ?? '')?.code
          : undefined;
  const highlight = regionCode ? departementsOfRegion(regionCode).map((departement) => departement.code) : undefined;
  const query = (code: string) => `./?${new URLSearchParams({ territory: code, quarter: stats.quarter, figure: page.form.figure })}`;
  const codes = [...rows.keys()].sort();
  const period = stats.weeks.from === stats.weeks.to ? stats.weeks.label : `le ${stats.weeks.label}`;
  return `<section aria-labelledby="map-title" class="map-section">
      <h2 id="map-title">Carte par département : ${escape(figure.label)}</h2>
      <p class="note">Questionnaire 2, ${escape(period)}. Les départements sans lot sont en gris clair (« aucune donnée ») ; un chiffre masqué
        (petits effectifs) est hachuré. Choisissez un autre chiffre dans le formulaire ci-dessus.</p>
      <div class="map-and-table">
        ${renderDepartementMap({
          id: 'departements-map',
          title: `${figure.label}, par département`,
          values,
          format: (value) => percent.format(value),
          hrefOf: query,
          ...(highlight ? { highlight } : {}),
          tableId: 'map-table-caption',
        })}
        <div class="table-scroll" role="region" aria-labelledby="map-table-caption" tabindex="0">
          <table id="map-table"><caption id="map-table-caption">${escape(figure.label)}, par département (mêmes chiffres que la carte)</caption>
            <thead><tr><th scope="col">Département</th><th scope="col">Résultats</th><th scope="col">Part</th></tr></thead>
            <tbody>${
              codes.length === 0
                ? '<tr><td colspan="3">Aucune donnée pour cette période.</td></tr>'
                : codes
                    .map((code) => {
                      const row = rows.get(code)!;
                      // A territory the map has no outline for (Saint-Pierre-et-Miquelon, the Pacific): in the table only, said so.
                      const offMap = MAP_DEPARTEMENTS.includes(code) ? '' : ' <span class="hint">(pas sur la carte)</span>';
                      return `<tr><th scope="row"><a href="${escape(query(code))}">${escape(territoryLabel('departement', code))}</a>${offMap}</th><td>${number(row.total)}</td><td>${ratio(figure.pick(row))}</td></tr>`;
                    })
                    .join('')
            }</tbody>
          </table>
        </div>
      </div>
    </section>`;
}

/**
 * The national and regional figures beside the local ones, each with its source and year, and why they are not the
 * same population: drawn as bars on one scale (0 to 100 %), and said in a table.
 */
function referenceLines(stats: Stats): string {
  const v2 = stats.format2.period;
  const local: Record<ReferenceFigureId, { label: string; value: Cell }> = {
    eurostatBasicSkillsFrance: { label: 'compétences au moins de base, 16–74 ans', value: v2.atLeastBasic16to74Share },
    inseeIllectronismFrance2021: { label: 'illectronisme', value: v2.illectronismRate },
    inseeIllectronismBfc2019: { label: 'illectronisme', value: v2.illectronismRate },
  };
  const WIDTH = 300;
  const bar = (value: Cell, className: string) =>
    value === null
      ? ''
      : `<svg class="reference-bar" viewBox="0 0 ${WIDTH} 14" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect x="0" y="0" width="${WIDTH}" height="14" class="reference-track"></rect><rect x="0" y="0" width="${Math.round(value * WIDTH)}" height="14" class="${className}"></rect></svg>`;
  const blocks = REFERENCE_FIGURES.map((reference, index) => {
    const mine = local[reference.id];
    return `<article class="reference" aria-labelledby="reference-${index}">
        <h3 id="reference-${index}">${escape(reference.label)}</h3>
        <dl class="reference-values">
          <div><dt>Référence (${reference.year})</dt><dd><span class="reference-number">${escape(percent.format(reference.value))}</span>${bar(reference.value, 'reference-national')}</dd></div>
          <div><dt>Repère, ${escape(mine.label)}, même période</dt><dd><span class="reference-number">${mine.value === null ? (v2.batches === 0 ? 'aucune donnée' : 'masqué') : escape(percent.format(mine.value))}</span>${bar(mine.value, 'reference-local')}</dd></div>
        </dl>
        <p class="reference-why">${escape(whyNotComparable[reference.id])}</p>
        <p class="reference-source">Source : <a href="${escape(reference.source.url)}">${escape(reference.source.publisher)}, ${escape(reference.source.title)}</a>. ${escape(reference.population)}</p>
      </article>`;
  }).join('');
  return `<section aria-labelledby="references-title" class="references">
      <h2 id="references-title">Repères nationaux et régionaux</h2>
      <p class="note">Les chiffres de Repère (${escape(stats.territoryLabel)}, questionnaire 2) comptent les personnes qui ont passé
        le questionnaire sur une borne ou avec un médiateur : elles ne sont pas un échantillon de la population, leurs chiffres
        ne sont ni pondérés ni dédoublonnés. Ces repères disent l’ordre de grandeur du territoire, pas un écart à combler.</p>
      ${blocks}
    </section>`;
}

/**
 * "Demandé / proposé": the needs counted in the batches of questionnaire 2 (people needing each service of the
 * national standard, delegation, specific support is never sent) beside the places offering it in the same territory,
 * from the places file the collector was given (the same national file the devices use).
 */
function needsAndOffer(page: ObservatoryPage, stats: Stats): string {
  const v2 = stats.format2.period;
  const needs = counts(v2, 'services');
  const offer = page.offer ?? null;
  const caption = `Besoins dits et lieux qui proposent chaque service, ${stats.territoryLabel}`;
  const rows = SERVICE_COUNT_KEYS.map(
    (key) =>
      `<tr><th scope="row">${escape(LABELS_V2.services[key])}${key === 'parenting' ? ' <span class="hint">(aucune question n’y conduit)</span>' : ''}</th><td>${number(needs[key] ?? null)}</td><td>${shareOf(needs[key] ?? null, v2.total)}</td><td>${
        offer ? integer.format(offer[key]) : '<span class="hint">pas de fichier de lieux</span>'
      }</td></tr>`,
  ).join('');
  const delegation = `<tr><th scope="row">Aide « à faire pour » plutôt qu’une formation (Aidants Connect, France Services)</th><td>${number(v2.counts.delegation as Cell)}</td><td>${shareOf(v2.counts.delegation as Cell, v2.total)}</td><td><span class="hint">—</span></td></tr>`;
  const source = offer
    ? `<p class="note">Lieux : fichier « ${escape(offer.meta.source)} » (${integer.format(offer.meta.places)} lieux${offer.meta.updatedAt ? `, mis à jour le ${escape(new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(offer.meta.updatedAt)))}` : ''}, ${escape(offer.meta.licence)}), les lieux du territoire aujourd’hui, et non sur la période.
        ${offer.meta.locatedBy.departementOnly > 0 ? `${integer.format(offer.meta.locatedBy.departementOnly)} lieux dont la commune n’a pu être lue ne comptent qu’au niveau du département et de la région.` : ''}
        Un lieu qui propose plusieurs services compte pour chacun ; ${integer.format(offer.places)} lieux dans ce territoire.</p>`
    : '<p class="note">Le collecteur n’a pas de fichier de lieux (REPERE_PLACES) : seuls les besoins sont montrés.</p>';
  return `<section aria-labelledby="needs-title" class="needs">
      <h2 id="needs-title">Besoins et offre : demandé, proposé</h2>
      <p class="note">Demandé : personnes dont le résultat (questionnaire 2) conduit à chaque service du standard national des lieux de
        médiation numérique ; une personne peut en avoir plusieurs. Proposé : lieux de médiation numérique du territoire qui
        déclarent ce service.</p>
      ${source}
      <div class="table-scroll" role="region" aria-labelledby="needs-caption" tabindex="0">
        <table><caption id="needs-caption">${escape(caption)}</caption>
          <thead><tr><th scope="col">Service</th><th scope="col">Demandé (personnes)</th><th scope="col">Part des personnes</th><th scope="col">Proposé (lieux)</th></tr></thead>
          <tbody>${rows}${delegation}</tbody>
        </table>
      </div>
    </section>`;
}

function results(page: ObservatoryPage, stats: Stats): string {
  const v1 = stats.period;
  const v2 = stats.format2.period;
  // Questionnaire 2 where it has batches; questionnaire 1 where it has batches, or when nothing else would be shown.
  const showV2 = v2.batches > 0;
  const showV1 = v1.batches > 0 || !showV2;
  const csv = `api/v1/stats.csv?${new URLSearchParams({
    territory: territoryParameter(stats.territory),
    from: stats.weeks.from,
    to: stats.weeks.to,
  })}`;
  const charts: Chart[] = [];
  const sections = [showV1 ? format1(stats, charts) : '', showV2 ? format2(stats, charts) : ''].join('');
  return `<section aria-labelledby="summary-title">
      <h2 id="summary-title">${escape(stats.territoryLabel)}, ${escape(periodName(stats))}</h2>
      <p class="period-weeks">Semaines ISO ${escape(stats.weeks.from === stats.weeks.to ? stats.weeks.from : `${stats.weeks.from} à ${stats.weeks.to}`)} (trimestre ${escape(stats.quarter)}).</p>
      ${stats.territoryNote ? `<p class="note territory-note">${escape(stats.territoryNote)}</p>` : ''}
      <dl class="figures">
        ${figure('Résultats comptés', showV1 && showV2 ? 'questionnaires 1 et 2' : '', number(sum([v1.total, v2.total])))}
        ${figure('Lots reçus', '', integer.format(v1.batches + v2.batches))}
      </dl>
      <p class="note notice"><strong>${escape(OPEN_DATA_NOTICE)}.</strong> Ce sont les personnes qui ont passé le questionnaire sur une
        borne ou avec un médiateur, telles qu’elles sont venues : pas un échantillon de la population.</p>
      <p class="note">Chiffres anonymes : chaque lot compte au moins ${stats.k} résultats. Un nombre compris entre 1 et ${stats.k - 1},
        ou qui se déduirait des autres, ici ou d’un autre tableau publié (un autre territoire, une autre semaine), est masqué (–).
        Un lot qui couvre plusieurs semaines est compté dans sa dernière semaine.</p>
      <p><a class="download" href="${escape(csv)}" download>Télécharger ces chiffres (CSV)</a></p>
    </section>
    ${showV2 ? referenceLines(stats) : ''}
    ${departementMap(page, stats)}
    ${showV2 || page.offer ? needsAndOffer(page, stats) : ''}
    ${sections}
    <script type="application/json" id="chart-data">${chartData(stats, charts)}</script>`;
}

/** The observatory page: a plain GET form, key figures, charts (drawn by /assets/observatory.js) and their tables. */
export function renderObservatory(page: ObservatoryPage): string {
  const title = page.stats
    ? `${page.stats.territoryLabel}, ${periodName(page.stats)} – Observatoire Repère`
    : 'Observatoire Repère';
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escape(title)}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="assets/observatory.css">
  <link rel="stylesheet" href="assets/choropleth.css">
  <script src="assets/chart.umd.min.js" defer></script>
  <script src="assets/observatory.js" defer></script>
</head>
<body>
  <a class="skip-link" href="#content">Aller au contenu</a>
  <header class="banner"><p class="brand">Repère</p><h1>Observatoire de la distance au numérique</h1></header>
  <main id="content" tabindex="-1">
    ${form(page)}
    ${page.error ? `<p class="error" role="alert">${escape(page.error)}</p>` : ''}
    ${page.stats ? results(page, page.stats) : ''}
  </main>
  <footer>
    <p>${escape(OPEN_DATA_NOTICE)} : comptages anonymes envoyés par les bornes et tablettes Repère, pas un échantillon de la population.</p>
    <p>Source : ${escape(OPEN_DATA_SOURCE)}. Licence : <a href="${escape(OPEN_DATA_LICENCE.url)}">${escape(OPEN_DATA_LICENCE.name)}</a>.
      Données ouvertes : <a href="api/v1/stats">api/v1/stats</a> (JSON), son <a href="api/v1/stats.schema.json">schéma JSON</a>, et le
      CSV de chaque page ; dictionnaire des données : docs/OPEN-DATA.md.</p>
  </footer>
</body>
</html>
`;
}
