import { DSI_AREA_LEVELS, DSI_OVERALL_CATEGORIES } from '../src/domain/aggregate';
import { DSI_AREAS } from '../src/domain/questionnaire';
import { DISTANCE_LEVELS } from '../src/domain/result';
import type { Cell, Stats, StatsRow } from './compute-stats';
import { LABELS } from './observatory-labels';
import type { TerritoryScope } from './open-batch-store';
import { territoryLabel } from './territory-names';

export interface ObservatoryPage {
  /** What the form shows: the values resolved, or those typed when they were refused. */
  readonly form: { readonly territory: string; readonly from: string; readonly to: string };
  readonly territories: { readonly departements: readonly string[]; readonly communes: readonly string[] };
  readonly stats: Stats | null;
  /** Why the statistics could not be shown (a refused query). */
  readonly error: string | null;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

const integer = new Intl.NumberFormat('fr-FR');
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

/** Colours of the series, dark enough against white, ordered from far to close to digital tools. */
const DISTANCE_COLOURS = ['#9e1b32', '#d4622a', '#3b7fb8', '#1c4e80'];
const DSI_COLOURS = ['#6b6b6b', '#8e0152', '#c51b7d', '#c2699b', '#a3751a', '#4d9221', '#276419'];
const HIDDEN_COLOUR = '#d0d4da';

const HIDDEN = '<span aria-hidden="true">–</span><span class="visually-hidden">masqué</span>';
const number = (value: Cell) => (value === null ? HIDDEN : integer.format(value));
const ratio = (value: Cell) => (value === null ? HIDDEN : escape(percent.format(value)));

function territoryName(scope: TerritoryScope): string {
  if (scope.level === 'all') return 'Tous les territoires';
  return territoryLabel(scope.level === 'departement' ? 'departement' : 'commune', scope.code);
}

function territoryPicker(page: ObservatoryPage): string {
  const option = (value: string, label: string) =>
    `<option value="${escape(value)}"${value === page.form.territory ? ' selected' : ''}>${escape(label)}</option>`;
  const { departements, communes } = page.territories;
  // A territory typed in the URL but without batches yet stays selectable.
  const known = new Set(['', ...departements, ...communes]);
  return [
    '<select id="territory" name="territory">',
    option('', 'Tous les territoires'),
    known.has(page.form.territory) ? '' : option(page.form.territory, page.form.territory),
    departements.length ? `<optgroup label="Départements">${departements.map((code) => option(code, territoryLabel('departement', code))).join('')}</optgroup>` : '',
    communes.length ? `<optgroup label="Communes">${communes.map((code) => option(code, territoryLabel('commune', code))).join('')}</optgroup>` : '',
    '</select>',
  ].join('');
}

function form(page: ObservatoryPage): string {
  const week = (name: 'from' | 'to', label: string) =>
    `<p class="field"><label for="${name}">${label}</label>
      <input type="week" id="${name}" name="${name}" value="${escape(page.form[name])}" pattern="[0-9]{4}-W[0-9]{2}" aria-describedby="week-hint"></p>`;
  return `<form method="get" action="/" class="filters" aria-labelledby="filters-title">
    <h2 id="filters-title">Territoire et période</h2>
    <div class="fields">
      <p class="field"><label for="territory">Territoire</label>${territoryPicker(page)}</p>
      ${week('from', 'Première semaine')}
      ${week('to', 'Dernière semaine')}
      <p class="field"><button type="submit">Afficher</button></p>
    </div>
    <p id="week-hint" class="hint">Semaines ISO (lundi au dimanche), par exemple 2026-W47.</p>
  </form>`;
}

/** A table of one distribution per week, then the whole period: the text alternative of a chart. */
function weeklyTable(
  id: string,
  caption: string,
  stats: Stats,
  columns: readonly { readonly label: string; readonly value: (row: StatsRow) => string }[],
): string {
  const head = columns.map((column) => `<th scope="col">${escape(column.label)}</th>`).join('');
  const line = (label: string, row: StatsRow, className = '') =>
    `<tr${className ? ` class="${className}"` : ''}><th scope="row">${escape(label)}</th>${columns.map((column) => `<td>${column.value(row)}</td>`).join('')}</tr>`;
  return `<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0">
    <table><caption id="${id}">${escape(caption)}</caption>
      <thead><tr><th scope="col">Semaine</th>${head}</tr></thead>
      <tbody>${stats.series.map((row) => line(row.week, row)).join('')}</tbody>
      <tfoot>${line('Toute la période', stats.period, 'period')}</tfoot>
    </table></div>`;
}

function periodTable(id: string, caption: string, total: Cell, rows: readonly { readonly label: string; readonly value: Cell }[]): string {
  const share = (value: Cell) => ratio(value === null || total === null || total === 0 ? null : value / total);
  return `<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0">
    <table><caption id="${id}">${escape(caption)}</caption>
      <thead><tr><th scope="col">Catégorie</th><th scope="col">Résultats</th><th scope="col">Part</th></tr></thead>
      <tbody>${rows.map((row) => `<tr><th scope="row">${escape(row.label)}</th><td>${number(row.value)}</td><td>${share(row.value)}</td></tr>`).join('')}</tbody>
    </table></div>`;
}

const counts = (row: StatsRow, group: string) => row.counts[group] as Readonly<Record<string, Cell>>;

function details(stats: Stats): string {
  const { period } = stats;
  const rowsOf = (group: keyof typeof LABELS & string) =>
    Object.entries(LABELS[group]).map(([key, label]) => ({ label, value: counts(period, group)[key] ?? null }));
  const areas = period.counts.dsiAreas as Readonly<Record<string, Readonly<Record<string, Cell>>>>;
  const areaTable = `<div class="table-scroll" role="region" aria-labelledby="areas-caption" tabindex="0">
    <table><caption id="areas-caption">Compétences par domaine (DSI), toute la période : nombre de résultats</caption>
      <thead><tr><th scope="col">Domaine</th>${DSI_AREA_LEVELS.map((level) => `<th scope="col">${escape(LABELS.dsiAreaLevel[level])}</th>`).join('')}</tr></thead>
      <tbody>${DSI_AREAS.map(
        (area) => `<tr><th scope="row">${escape(LABELS.dsiArea[area])}</th>${DSI_AREA_LEVELS.map((level) => `<td>${number(areas[area]![level] ?? null)}</td>`).join('')}</tr>`,
      ).join('')}</tbody>
    </table></div>`;
  return `<section aria-labelledby="details-title">
    <h2 id="details-title">Détail sur toute la période</h2>
    ${periodTable('illectronism-caption', 'Illectronisme et freins (une personne peut en citer plusieurs)', period.total, [
      { label: 'Illectronisme (définition INSEE)', value: period.counts.illectronism as Cell },
      ...rowsOf('barriers').map((row) => ({ ...row, label: `Frein : ${row.label}` })),
    ])}
    ${periodTable('autonomy-caption', 'Autonomie dans les démarches administratives en ligne', period.total, rowsOf('autonomy'))}
    ${areaTable}
    ${periodTable('age-caption', 'Tranche d’âge', period.total, rowsOf('ageBand'))}
    ${periodTable('language-caption', 'Langue de passation', period.total, rowsOf('language'))}
    ${periodTable('mode-caption', 'Mode de passation', period.total, rowsOf('mode'))}
  </section>`;
}

/** The numbers the page script draws, embedded as JSON (no request of its own, nothing inline to execute). */
function chartData(stats: Stats): string {
  const series = <K extends string>(group: string, keys: readonly K[], labels: Record<K, string>, colours: readonly string[]) => [
    ...keys.map((key, index) => ({ label: labels[key], colour: colours[index], data: stats.series.map((row) => counts(row, group)[key] ?? null) })),
    // The hidden counts together (total minus those shown, already public): every bar keeps its full height.
    {
      label: 'Masqués (moins de k)',
      colour: HIDDEN_COLOUR,
      data: stats.series.map((row) => {
        const shown = keys.reduce((sum, key) => sum + (counts(row, group)[key] ?? 0), 0);
        return row.total === null ? null : row.total - shown;
      }),
    },
  ];
  const data = {
    weeks: stats.series.map((row) => row.week),
    charts: [
      { canvas: 'distance-chart', series: series('distanceLevel', DISTANCE_LEVELS, LABELS.distanceLevel, DISTANCE_COLOURS) },
      { canvas: 'dsi-chart', series: series('dsiOverall', DSI_OVERALL_CATEGORIES, LABELS.dsiOverall, DSI_COLOURS) },
    ],
  };
  // "<" escaped so that no text can close the script element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

function chart(id: string, label: string): string {
  return `<figure class="chart" hidden><canvas id="${id}" role="img" aria-label="${escape(label)}"></canvas></figure>`;
}

function results(stats: Stats): string {
  const { period } = stats;
  const csv = `/api/v1/stats.csv?${new URLSearchParams({
    territory: stats.territory.level === 'all' ? '' : stats.territory.code,
    from: stats.weeks.from,
    to: stats.weeks.to,
  })}`;
  const distanceColumns = [
    ...DISTANCE_LEVELS.map((level) => ({ label: LABELS.distanceLevel[level], value: (row: StatsRow) => number(counts(row, 'distanceLevel')[level] ?? null) })),
    { label: 'Total', value: (row: StatsRow) => number(row.total) },
  ];
  const dsiColumns = [
    ...DSI_OVERALL_CATEGORIES.map((category) => ({
      label: LABELS.dsiOverall[category],
      value: (row: StatsRow) => number(counts(row, 'dsiOverall')[category] ?? null),
    })),
    { label: 'Au moins de base', value: (row: StatsRow) => ratio(row.atLeastBasicShare) },
    { label: 'Illectronisme', value: (row: StatsRow) => ratio(row.illectronismRate) },
  ];
  return `<section aria-labelledby="summary-title">
      <h2 id="summary-title">${escape(territoryName(stats.territory))}, semaines ${stats.weeks.from} à ${stats.weeks.to}</h2>
      <dl class="figures">
        <div><dt>Résultats comptés</dt><dd>${number(period.total)}</dd></div>
        <div><dt>Lots reçus</dt><dd>${integer.format(period.batches)}</dd></div>
        <div><dt>Compétences numériques au moins de base <span class="hint">(indicateur européen 2030, parmi les personnes évaluées)</span></dt><dd>${ratio(period.atLeastBasicShare)}</dd></div>
        <div><dt>Taux d’illectronisme <span class="hint">(définition INSEE)</span></dt><dd>${ratio(period.illectronismRate)}</dd></div>
      </dl>
      <p class="note">Chiffres anonymes : chaque lot compte au moins ${stats.k} résultats. Un nombre compris entre 1 et ${stats.k - 1},
        ou qui se déduirait des autres, est masqué (–). Un lot qui couvre plusieurs semaines est compté dans sa dernière semaine.</p>
      <p><a class="download" href="${escape(csv)}" download>Télécharger ces chiffres (CSV)</a></p>
    </section>
    <section aria-labelledby="distance-title">
      <h2 id="distance-title">Distance au numérique, par semaine</h2>
      ${chart('distance-chart', 'Histogramme empilé de la distance au numérique par semaine. Les chiffres sont dans le tableau qui suit.')}
      ${weeklyTable('distance-caption', 'Distance au numérique : nombre de résultats par semaine', stats, distanceColumns)}
    </section>
    <section aria-labelledby="dsi-title">
      <h2 id="dsi-title">Compétences numériques (DSI Eurostat), par semaine</h2>
      ${chart('dsi-chart', 'Histogramme empilé des niveaux de compétences numériques par semaine. Les chiffres sont dans le tableau qui suit.')}
      ${weeklyTable('dsi-caption', 'Compétences numériques globales : nombre de résultats par semaine, part au moins de base et taux d’illectronisme', stats, dsiColumns)}
    </section>
    ${details(stats)}
    <script type="application/json" id="chart-data">${chartData(stats)}</script>`;
}

/** The observatory page: a plain GET form, key figures, charts (drawn by /assets/observatory.js) and their tables. */
export function renderObservatory(page: ObservatoryPage): string {
  const title = page.stats
    ? `${territoryName(page.stats.territory)}, ${page.stats.weeks.from} à ${page.stats.weeks.to} – Observatoire Repère`
    : 'Observatoire Repère';
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escape(title)}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/assets/observatory.css">
  <script src="/assets/chart.umd.min.js" defer></script>
  <script src="/assets/observatory.js" defer></script>
</head>
<body>
  <a class="skip-link" href="#content">Aller au contenu</a>
  <header class="banner"><p class="brand">Repère</p><h1>Observatoire de la distance au numérique</h1></header>
  <main id="content" tabindex="-1">
    ${form(page)}
    ${page.error ? `<p class="error" role="alert">${escape(page.error)}</p>` : ''}
    ${page.stats ? results(page.stats) : ''}
  </main>
  <footer><p>Comptages anonymes envoyés par les bornes et tablettes Repère. Données ouvertes : <a href="/api/v1/stats">/api/v1/stats</a> (JSON).</p></footer>
</body>
</html>
`;
}
