import { DERIVED_NAMES, type Cell, type Stats, type StatsRow, type StatsRowV2 } from './compute-stats';
import { LAYOUTS, countName, groupOf, type BatchFormat, type CountGroup } from './count-groups';
import { parseQuarter } from './iso-weeks';
import { LABELS, LABELS_V2 } from './observatory-labels';
import { OPEN_DATA_LICENCE, OPEN_DATA_NOTICE, OPEN_DATA_SOURCE, suppressionRule } from './open-data-notice';
import { quarterRangeLabel, weekLabel } from './period-labels';

/** What a column counts (docs/OPEN-DATA.md). */
export type Unit = 'nombre de personnes' | 'part, de 0 à 1' | 'nombre de lots' | 'texte';
/** Where a column's figure comes from: the European or national definition it follows, or Repère's own questions. */
export type Source = 'Eurostat DSI 2.0' | 'INSEE illectronisme' | 'questionnaire Repère' | 'observé, hors Eurostat' | 'territoire et période';

/** A column of stats.csv: its stable machine name (the JSON's, dotted), its French header, and what it holds. */
export interface CsvColumn {
  /** Stable, for programs: `dsiOverall.basic`, `format2.illectronism.yes`. In the data dictionary, not in the file. */
  readonly name: string;
  /** What the file's header row shows: « Questionnaire 1 – Compétences numériques globales : de base ». */
  readonly header: string;
  readonly unit: Unit;
  readonly source: Source;
  /** A sentence for the data dictionary, when the header does not say it all. */
  readonly definition?: string;
}

/** Every line starting with this is a notice line, before the header: a spreadsheet shows it, a parser skips it. */
export const NOTICE_MARK = '#';

/** Format 2's machine names follow format 1's, with this prefix: format 1's keep their names. */
const V2_PREFIX = 'format2.';
const QUESTIONNAIRE: Readonly<Record<BatchFormat, string>> = { 1: 'Questionnaire 1 – ', 2: 'Questionnaire 2 – ' };

interface Figure {
  readonly header: string;
  readonly unit: Unit;
  readonly source: Source;
  readonly definition?: string;
}

type DerivedName = Exclude<keyof StatsRow | keyof StatsRowV2, 'batches' | 'total' | 'counts'>;

/**
 * The figures of a row besides its counts (compute-stats.ts, DERIVED_NAMES), in French. Typed by the rows' own fields:
 * a figure added to StatsRow or StatsRowV2 fails to compile here until it has its words.
 */
export const DERIVED_FIGURES = {
  assessed: {
    header: 'Personnes dont les compétences globales sont évaluées',
    unit: 'nombre de personnes',
    source: 'Eurostat DSI 2.0',
    definition: 'Personnes ayant utilisé internet ces 3 derniers mois, hors « indéterminé » au questionnaire 2.',
  },
  atLeastBasic: { header: 'Compétences globales au moins de base', unit: 'nombre de personnes', source: 'Eurostat DSI 2.0', definition: 'De base + supérieures à la base.' },
  atLeastBasicShare: {
    header: 'Part des compétences globales au moins de base, parmi les personnes évaluées',
    unit: 'part, de 0 à 1',
    source: 'Eurostat DSI 2.0',
    definition: 'Au moins de base / personnes évaluées, arrondi au millième : l’indicateur de la Décennie numérique 2030, sur les personnes évaluées.',
  },
  aged16to74: {
    header: 'Personnes de 16 à 74 ans (lots donnant leurs compétences)',
    unit: 'nombre de personnes',
    source: 'Eurostat DSI 2.0',
    definition: 'Le champ d’Eurostat ; sans les lots qui ont retenu les compétences de leurs 16-74 ans.',
  },
  dsiKnown16to74: {
    header: '16-74 ans dont le niveau global est connu',
    unit: 'nombre de personnes',
    source: 'Eurostat DSI 2.0',
    definition: 'Non-utilisateurs compris (comptés non évalués), hors « indéterminé ».',
  },
  atLeastBasic16to74: { header: '16-74 ans aux compétences globales au moins de base', unit: 'nombre de personnes', source: 'Eurostat DSI 2.0' },
  atLeastBasic16to74Share: {
    header: 'Part des 16-74 ans aux compétences au moins de base (indicateur européen 2030)',
    unit: 'part, de 0 à 1',
    source: 'Eurostat DSI 2.0',
    definition: '16-74 ans au moins de base / 16-74 ans dont le niveau est connu, non-utilisateurs compris, comme Eurostat.',
  },
  withheld16to74Batches: {
    header: 'Lots ayant retenu les compétences de leurs 16-74 ans',
    unit: 'nombre de lots',
    source: 'Eurostat DSI 2.0',
    definition: 'Lots où 1 à k − 1 personnes sont hors des 16-74 ans : ils ne donnent pas ce tableau, qui les protège.',
  },
  aged16to74Withheld: {
    header: '16-74 ans de ces lots, hors des compétences des 16-74 ans',
    unit: 'nombre de personnes',
    source: 'Eurostat DSI 2.0',
    definition: 'Comptés dans les tranches d’âge, laissés hors des quatre colonnes des 16-74 ans qui précèdent.',
  },
  illectronismKnown: { header: 'Illectronisme (INSEE) : situation connue', unit: 'nombre de personnes', source: 'INSEE illectronisme', definition: 'Oui + non.' },
  illectronismRate: {
    header: 'Taux d’illectronisme (INSEE)',
    unit: 'part, de 0 à 1',
    source: 'INSEE illectronisme',
    definition: 'Questionnaire 1 : illectronisme / personnes comptées. Questionnaire 2 : oui / (oui + non), « indéterminé » hors calcul.',
  },
  lastUseKnown: { header: 'Dernière utilisation d’internet connue', unit: 'nombre de personnes', source: 'INSEE illectronisme', definition: 'Personnes comptées − « ne sait pas ».' },
  noUseIn12Months: {
    header: 'Pas d’internet depuis plus d’un an, ou jamais (critère INSEE 2019)',
    unit: 'nombre de personnes',
    source: 'INSEE illectronisme',
  },
  noUseIn12MonthsRate: {
    header: 'Part sans internet depuis plus d’un an, ou jamais, parmi les réponses connues',
    unit: 'part, de 0 à 1',
    source: 'INSEE illectronisme',
  },
  withMainBarrier: {
    header: 'Personnes éloignées du numérique ayant un frein principal',
    unit: 'nombre de personnes',
    source: 'questionnaire Repère',
    definition: 'Ne peut pas + ne sait pas faire + ne veut pas : les personnes à « Premiers pas » ou « En apprentissage ».',
  },
  handlingTaken: { header: 'Ont fait au moins un essai de prise en main', unit: 'nombre de personnes', source: 'observé, hors Eurostat' },
  handlingAllThreeDone: { header: 'Ont fait les trois essais de prise en main', unit: 'nombre de personnes', source: 'observé, hors Eurostat' },
  handlingAllPassedShare: {
    header: 'Part ayant réussi les 3 essais de prise en main, parmi celles qui les ont faits',
    unit: 'part, de 0 à 1',
    source: 'observé, hors Eurostat',
  },
  scamTaken: { header: 'Ont fait l’essai « arnaque »', unit: 'nombre de personnes', source: 'observé, hors Eurostat' },
  scamAllRightShare: { header: 'Part ayant bien jugé les 3 messages, parmi celles qui ont fait l’essai', unit: 'part, de 0 à 1', source: 'observé, hors Eurostat' },
  iconsTaken: { header: 'Ont fait l’essai « icônes »', unit: 'nombre de personnes', source: 'observé, hors Eurostat' },
  selfReportGapShare: {
    header: 'Part d’écart entre le dit et le fait, parmi celles qui ont fait un essai de prise en main',
    unit: 'part, de 0 à 1',
    source: 'observé, hors Eurostat',
    definition: 'Se disent au moins au niveau de base mais n’ont pas réussi un essai de prise en main qu’elles ont fait.',
  },
} as const satisfies Readonly<Record<DerivedName, Figure>>;

const ROW_FIGURES = {
  batches: {
    header: 'Lots reçus',
    unit: 'nombre de lots',
    source: 'questionnaire Repère',
    definition: 'Envois des appareils comptés (toujours affiché) : des envois, pas des personnes.',
  },
  total: { header: 'Personnes comptées', unit: 'nombre de personnes', source: 'questionnaire Repère', definition: 'Résultats du questionnaire comptés.' },
} as const satisfies Readonly<Record<'batches' | 'total', Figure>>;

type Words = Readonly<Record<string, string>>;
/** A group of counts in French: its title, where it comes from, the words of its keys (none for a count of its own). */
interface GroupWords {
  readonly title: string;
  readonly source: Source;
  readonly labels?: Words;
  readonly definition?: string;
}

const ONE_OR_MORE = 'Une personne peut en citer plusieurs, ou aucun.';

/** The groups' words, by the group's dotted path (a count of its own: by its name). dsiAreas.* is built below. */
function groupWordsOf(format: BatchFormat, path: string): GroupWords | undefined {
  const v2 = format === 2;
  switch (path) {
    case 'distanceLevel':
      return { title: 'Distance au numérique', source: 'questionnaire Repère', labels: v2 ? LABELS_V2.distanceLevel : LABELS.distanceLevel };
    case 'dsiOverall':
      return { title: 'Compétences numériques globales', source: 'Eurostat DSI 2.0', labels: v2 ? LABELS_V2.dsiOverall : LABELS.dsiOverall };
    case 'dsiOverall16to74':
      return {
        title: 'Compétences numériques globales des 16-74 ans',
        source: 'Eurostat DSI 2.0',
        labels: LABELS_V2.dsiOverall,
        definition: 'Sans les lots qui ont retenu ce tableau (voir « Lots ayant retenu les compétences de leurs 16-74 ans »).',
      };
    case 'illectronism':
      return v2
        ? { title: 'Illectronisme (INSEE)', source: 'INSEE illectronisme', labels: LABELS_V2.illectronism }
        : { title: 'Illectronisme (INSEE) : personnes concernées', source: 'INSEE illectronisme' };
    case 'lastUse':
      return { title: 'Dernière utilisation d’internet', source: 'INSEE illectronisme', labels: LABELS_V2.lastUse };
    case 'barriers':
      return { title: 'Frein cité', source: 'questionnaire Repère', labels: LABELS.barriers, definition: ONE_OR_MORE };
    case 'mainBarrier':
      return { title: 'Frein principal', source: 'questionnaire Repère', labels: LABELS_V2.mainBarrier };
    case 'doesNotWant':
      return { title: 'Dit ne pas vouloir utiliser internet', source: 'questionnaire Repère' };
    case 'autonomy':
      return v2
        ? { title: 'Démarches en ligne, dit par la personne', source: 'questionnaire Repère', labels: LABELS_V2.autonomy }
        : { title: 'Autonomie dans les démarches en ligne', source: 'questionnaire Repère', labels: LABELS.autonomy };
    case 'organisms':
      return { title: 'Besoin d’aide avec l’organisme', source: 'questionnaire Repère', labels: LABELS_V2.organisms, definition: ONE_OR_MORE };
    case 'services':
      return { title: 'Besoin du service', source: 'questionnaire Repère', labels: LABELS_V2.services, definition: `Services du standard national. ${ONE_OR_MORE}` };
    case 'delegation':
      return { title: 'Aide « à faire pour » plutôt qu’une formation (Aidants Connect, France Services)', source: 'questionnaire Repère' };
    case 'deviceProfile':
      return { title: 'Équipement pour aller sur internet', source: 'questionnaire Repère', labels: LABELS_V2.deviceProfile };
    case 'ageBand':
      return { title: 'Tranche d’âge', source: 'questionnaire Repère', labels: LABELS.ageBand };
    case 'language':
      return { title: 'Langue de passation', source: 'questionnaire Repère', labels: LABELS.language };
    case 'mode':
      return { title: 'Mode de passation', source: 'questionnaire Repère', labels: LABELS.mode };
    case 'observed.handling':
      return { title: 'Essais de prise en main (observé, hors Eurostat)', source: 'observé, hors Eurostat', labels: LABELS_V2.handling };
    case 'observed.scam':
      return { title: 'Essai « arnaque » (observé, hors Eurostat)', source: 'observé, hors Eurostat', labels: LABELS_V2.scam };
    case 'observed.icons':
      return { title: 'Essai « icônes » (observé, hors Eurostat)', source: 'observé, hors Eurostat', labels: LABELS_V2.icons };
    case 'observed.selfReportGap':
      return {
        title: 'Écart entre le dit et le fait (observé, hors Eurostat)',
        source: 'observé, hors Eurostat',
        definition: 'Se disent au moins au niveau de base mais n’ont pas réussi un essai de prise en main qu’elles ont fait.',
      };
  }
  const area = /^dsiAreas\.(\w+)$/.exec(path)?.[1];
  const areaLabel = area ? (LABELS.dsiArea as Words)[area] : undefined;
  if (!areaLabel) return undefined;
  return { title: `Compétences du domaine « ${areaLabel} »`, source: 'Eurostat DSI 2.0', labels: v2 ? LABELS_V2.dsiAreaLevel : LABELS.dsiAreaLevel };
}

/**
 * A category's words after a colon, in lower case as French writes it, unless it starts with an acronym or a proper
 * name: « De base » → « de base », but « CAF », « France Travail ».
 */
function afterColon(label: string): string {
  const [first = '', second = ''] = label.split(' ');
  if (/^\p{Lu}{2,}/u.test(first) || /^\p{Lu}/u.test(second)) return label;
  return `${first.charAt(0).toLocaleLowerCase('fr')}${label.slice(1)}`;
}

/** One line of the file: its week and dates, and the row of each format. */
interface Line {
  readonly stats: Stats;
  readonly week: string;
  readonly dates: string;
  readonly rows: Readonly<Record<BatchFormat, Readonly<Record<string, unknown>>>>;
}

interface Column extends CsvColumn {
  value(line: Line): Cell | string;
}

/** The columns of one format's row: batches, total, every count (by its group, LAYOUTS), then the derived figures. */
function formatColumns(format: BatchFormat): Column[] {
  const prefix = format === 2 ? V2_PREFIX : '';
  const of = (line: Line) => line.rows[format];
  const column = (name: string, figure: Figure, value: (line: Line) => Cell): Column => ({
    name: `${prefix}${name}`,
    header: `${QUESTIONNAIRE[format]}${figure.header}`,
    unit: figure.unit,
    source: figure.source,
    ...(figure.definition ? { definition: figure.definition } : {}),
    value,
  });
  const countColumn = (group: CountGroup, key: string): Column => {
    const name = countName(group, key);
    // A count of its own (path [] or a lone key beside nested groups) is named by itself; a category by its group.
    const words = group.keys.length === 1 && !group.partition ? groupWordsOf(format, name) : groupWordsOf(format, group.path.join('.'));
    const label = words?.labels?.[key];
    const header = !words ? name : words.labels ? (label ? `${words.title} : ${afterColon(label)}` : name) : words.title;
    const value = (line: Line) => groupOf<Cell>(of(line).counts as object, group)[key] ?? null;
    return column(name, { header, unit: 'nombre de personnes', source: words?.source ?? 'questionnaire Repère', ...(words?.definition ? { definition: words.definition } : {}) }, value);
  };
  const figures: Readonly<Record<string, Figure | undefined>> = DERIVED_FIGURES;
  return [
    column('batches', ROW_FIGURES.batches, (line) => of(line).batches as number),
    column('total', ROW_FIGURES.total, (line) => of(line).total as Cell),
    ...LAYOUTS[format].groups.flatMap((group) => group.keys.map((key) => countColumn(group, key))),
    ...DERIVED_NAMES[format].map((name) =>
      column(name, figures[name] ?? { header: name, unit: 'nombre de personnes', source: 'questionnaire Repère' }, (line) => (of(line)[name] as Cell | undefined) ?? null),
    ),
  ];
}

const COLUMNS: readonly Column[] = [
  {
    name: 'territory',
    header: 'Code du territoire',
    unit: 'texte',
    source: 'territoire et période',
    definition: 'Code INSEE de la commune, du département ou de la région, SIREN de l’EPCI ; vide pour l’ensemble des territoires.',
    value: ({ stats }) => (stats.territory.level === 'all' ? '' : stats.territory.code),
  },
  {
    name: 'territoryLabel',
    header: 'Territoire',
    unit: 'texte',
    source: 'territoire et période',
    definition: 'Son nom et son niveau : « Doubs (25) », « Bourgogne-Franche-Comté (région 27) », « Tous les territoires ».',
    value: ({ stats }) => stats.territoryLabel,
  },
  {
    name: 'week',
    header: 'Semaine ISO',
    unit: 'texte',
    source: 'territoire et période',
    definition: 'Semaine ISO 8601 (2026-W45) ; pour la dernière ligne, toute la période : sa première et sa dernière semaine, « 2026-W40/2026-W53 ».',
    value: ({ week }) => week,
  },
  {
    name: 'dates',
    header: 'Dates',
    unit: 'texte',
    source: 'territoire et période',
    definition: 'Du lundi au dimanche, en français : « du 2 au 8 novembre 2026 ».',
    value: ({ dates }) => dates,
  },
  ...formatColumns(1),
  ...formatColumns(2),
];

/** Every column of stats.csv, in its order: what the data dictionary (docs/OPEN-DATA.md) lists. */
export const CSV_COLUMNS: readonly CsvColumn[] = COLUMNS.map(({ value: _value, ...column }) => column);

/** RFC 4180: a field holding the separator, a double quote or a line break is quoted, its quotes doubled. */
const field = (value: Cell | string) => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csvLine = (fields: readonly (Cell | string)[]) => fields.map(field).join(',');

/** The dates of the whole period: a week's, or its quarter's (only fixed periods are published: resolve-stats-query.ts). */
function periodDates(stats: Stats): string {
  const { from, to } = stats.weeks;
  if (from === to) return weekLabel(from);
  const quarter = parseQuarter(stats.quarter);
  if (quarter?.from !== from || quarter.to !== to) throw new RangeError(`stats-csv: ${from}/${to} is neither a week nor the quarter ${stats.quarter}`);
  return quarterRangeLabel(stats.quarter);
}

/**
 * The notice lines, each a label and its text: what the figures are, where and when, the licence, the source, and what
 * an empty cell means. A notice line must stay one line (so that a parser skips it whole): no line break in it.
 */
function noticeLines(stats: Stats): string[][] {
  const { from, to } = stats.weeks;
  const weeks = from === to ? `semaine ISO ${from}` : `semaines ISO ${from} à ${to}`;
  return [
    ['Champ', OPEN_DATA_NOTICE],
    ['Territoire', stats.territoryLabel],
    ...(stats.territoryNote ? [['Territoire demandé', stats.territoryNote]] : []),
    ['Période', `${stats.weeks.label} (${weeks})`],
    ['Licence', OPEN_DATA_LICENCE.name, OPEN_DATA_LICENCE.url],
    ['Source', OPEN_DATA_SOURCE],
    ['Nombres masqués', suppressionRule(stats.k)],
  ].map(([label, ...texts]) => [`${NOTICE_MARK} ${label}`, ...texts.map((text) => text!.replace(/\s*[\r\n]+\s*/g, ' '))]);
}

/**
 * The statistics as CSV (RFC 4180, comma, dot decimals, UTF-8 without BOM, CRLF), for the Région's open data:
 * - first, notice lines starting with « # » (`# Champ,"Personnes ayant passé le questionnaire, …"`): a spreadsheet
 *   shows them above the table, label and text in two cells; papaparse (`comments: '#'`), pandas (`comment='#'`) and
 *   R (`comment.char = '#'`) skip them. No other line starts with « # »;
 * - then the header row, in French (CSV_COLUMNS; the machine names are in docs/OPEN-DATA.md);
 * - one line per week, then one for the whole period, whose week is "from/to".
 * An empty cell is a hidden number.
 */
export function statsCsv(stats: Stats): string {
  const line = (week: string, dates: string, v1: object, v2: object) => {
    const context: Line = { stats, week, dates, rows: { 1: v1 as Record<string, unknown>, 2: v2 as Record<string, unknown> } };
    return csvLine(COLUMNS.map((column) => column.value(context)));
  };
  const lines = [
    ...noticeLines(stats).map(csvLine),
    csvLine(COLUMNS.map((column) => column.header)),
    ...stats.series.map((row, index) => line(row.week, weekLabel(row.week), row, stats.format2.series[index]!)),
    line(`${stats.weeks.from}/${stats.weeks.to}`, periodDates(stats), stats.period, stats.format2.period),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
