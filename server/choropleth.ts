import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { territoryLabel } from './territory-names';

/** What renderDepartementMap draws: one figure per département code, coloured by its value. */
export interface DepartementMapOptions {
  /** Prefix of every id in the figure (letters, digits, "-" and "_", starting with a letter). */
  readonly id: string;
  /** The figure's caption, which also names the map. */
  readonly title: string;
  /** Département code → value; null: hidden (small numbers, « masqué »); undefined or absent: no data. */
  readonly values: ReadonlyMap<string, number | null | undefined>;
  /** How a value reads, e.g. a French percent. */
  readonly format: (value: number) => string;
  /** The page of a territory: each département with a value or hidden becomes a link to it. */
  readonly hrefOf?: (code: string) => string;
  /** Départements of the région shown; the others are drawn pale. */
  readonly highlight?: readonly string[];
  /** Id of the table that holds the same numbers. */
  readonly tableId?: string;
}

/** A path in the map's frame and the point where a label would go. */
interface Shape {
  readonly d: string;
  readonly label: readonly [number, number];
}

interface Geometry {
  readonly source: { readonly package: string; readonly version: string; readonly licence: string; readonly copyright: string };
  readonly viewBox: readonly [number, number, number, number];
  readonly insets: readonly { codes: readonly string[]; label: readonly string[]; x: number; y: number; width: number; height: number }[];
  readonly departements: Readonly<Record<string, Shape & { readonly zoom?: Shape }>>;
  readonly regions: Readonly<Record<string, { readonly d: string }>>;
}

const here = dirname(fileURLToPath(import.meta.url));
// Made by scripts/make-departements-map.mjs; read once at start-up.
const GEOMETRY = JSON.parse(readFileSync(join(here, 'geo/departements.json'), 'utf8')) as Geometry;

/** The départements the map draws, in the order of their codes (the order of the links). */
export const MAP_DEPARTEMENTS: readonly string[] = Object.keys(GEOMETRY.departements).sort(compareCodes);

/** Where the outlines come from, for a credit line. */
export const MAP_SOURCE = GEOMETRY.source;

/** Sequential blues, light to dark, for the five classes: each at least 3:1 against the outline colour. */
export const CLASS_COLOURS = ['#ccdff5', '#9fc2e6', '#72a5d5', '#3c8ac3', '#0071b0'] as const;
/** Outlines between départements (set in choropleth.css; here for the contrast test). */
export const OUTLINE_COLOUR = '#111827';
export const NO_DATA_COLOUR = '#f3f4f6';
const HATCH_BACKGROUND = '#ffffff';
const HATCH_STRIPE = '#57606a';
/** Height of a line of an inset's name, in units of the map (as in scripts/make-departements-map.mjs). */
const LABEL_LINE = 26;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
const integer = new Intl.NumberFormat('fr-FR');

function compareCodes(a: string, b: string): number {
  // "2A" and "2B" sort between "19" and "21", as in the official list.
  const key = (code: string) => (code === '2A' ? '20A' : code === '2B' ? '20B' : code.padStart(3, '0'));
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/**
 * Class (0 to 4) of each value among the values shown: quintiles by rank. A value's class is
 * floor(5 × (number of shown values strictly below it) / number of shown values), so equal values share a class and
 * each class holds about a fifth of the départements shown (fewer classes are used when values repeat or are few).
 */
export function quintileClasses(shown: readonly number[]): (value: number) => number {
  const sorted = [...shown].sort((a, b) => a - b);
  return (value) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle]! < value) low = middle + 1;
      else high = middle;
    }
    return sorted.length === 0 ? 0 : Math.min(4, Math.floor((5 * low) / sorted.length));
  };
}

type State = { kind: 'value'; value: number; classIndex: number } | { kind: 'hidden' } | { kind: 'none' };

const plural = (count: number, one: string, other: string) => `${integer.format(count)} ${count === 1 ? one : other}`;

function legendSwatch(fill: string, extraClass = ''): string {
  return `<svg class="choropleth-swatch${extraClass}" viewBox="0 0 24 16" width="24" height="16" aria-hidden="true" focusable="false"><rect x="0.5" y="0.5" width="23" height="15" fill="${fill}"/></svg>`;
}

/**
 * The map of départements as an inline SVG in a figure, with its legend as a list: colour classes by quintiles,
 * hidden départements hatched (« masqué »), those without data in light grey (« aucune donnée »). With hrefOf, each
 * département with a value or hidden is a link named "Doubs (25) : 23,4 %"; without it the map is one image.
 * No style attribute: colours are SVG presentation attributes, the rest is in public/choropleth.css.
 */
export function renderDepartementMap(options: DepartementMapOptions): string {
  const { id, title, values, format, hrefOf, highlight, tableId } = options;
  if (!/^[A-Za-z][\w-]*$/.test(id)) throw new Error(`renderDepartementMap: id "${id}" is not a plain identifier`);
  const ids = { title: `${id}-title`, note: `${id}-note`, legend: `${id}-legend`, hatch: `${id}-hatch` };
  const hatch = `url(#${ids.hatch})`;
  const inRegion = highlight && highlight.length > 0 ? new Set(highlight) : null;

  const shown = MAP_DEPARTEMENTS.map((code) => values.get(code)).filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  const classOf = quintileClasses(shown);
  const stateOf = (code: string): State => {
    const value = values.get(code);
    if (value === null) return { kind: 'hidden' };
    if (typeof value !== 'number' || !Number.isFinite(value)) return { kind: 'none' };
    return { kind: 'value', value, classIndex: classOf(value) };
  };
  const states = new Map(MAP_DEPARTEMENTS.map((code) => [code, stateOf(code)]));

  const shapes = MAP_DEPARTEMENTS.map((code) => {
    const state = states.get(code)!;
    const reading = state.kind === 'value' ? format(state.value) : state.kind === 'hidden' ? 'masqué' : 'aucune donnée';
    const name = escape(`${territoryLabel('departement', code)} : ${reading}`);
    const fill = state.kind === 'value' ? CLASS_COLOURS[state.classIndex]! : state.kind === 'hidden' ? hatch : NO_DATA_COLOUR;
    const classes = ['choropleth-shape', `choropleth-${state.kind}`, inRegion && !inRegion.has(code) ? 'choropleth-context' : '']
      .filter(Boolean)
      .join(' ');
    const linked = hrefOf !== undefined && state.kind !== 'none';
    const href = linked ? escape(hrefOf(code)) : '';
    const path = (d: string, more = '') => `<path class="${classes}" d="${d}" fill="${fill}" data-code="${escape(code)}"${more}`;
    const shape = (d: string) => {
      if (linked) return `<a href="${href}" aria-label="${name}"><title>${name}</title>${path(d)}/></a>`;
      // Not a link: a named image among the links, or a mere tooltip when the whole map is one image.
      return `${path(d, hrefOf ? ` role="img" aria-label="${name}"` : '')}><title>${name}</title></path>`;
    };
    const geometry = GEOMETRY.departements[code]!;
    if (!geometry.zoom) return shape(geometry.d);
    // Drawn twice: tiny on the whole map (for the mouse only), enlarged in its inset (for the keyboard and screen readers).
    const tiny = linked
      ? `<a href="${href}" tabindex="-1" aria-hidden="true"><title>${name}</title>${path(geometry.d)}/></a>`
      : `${path(geometry.d, hrefOf ? ' aria-hidden="true"' : '')}/>`;
    return tiny + shape(geometry.zoom.d);
  }).join('');

  const [x0, y0, width, height] = GEOMETRY.viewBox;
  const insets = GEOMETRY.insets
    .map(
      (inset) =>
        `<rect class="choropleth-inset" x="${inset.x + 0.5}" y="${inset.y + 0.5}" width="${inset.width - 1}" height="${inset.height - 1}" fill="none"/>` +
        `<text class="choropleth-inset-label" x="${inset.x + inset.width / 2}" y="${inset.y + 4}" text-anchor="middle">${inset.label
          .map((line) => `<tspan x="${inset.x + inset.width / 2}" dy="${LABEL_LINE}">${escape(line)}</tspan>`)
          .join('')}</text>`,
    )
    .join('');
  const regions = Object.values(GEOMETRY.regions)
    .map((region) => region.d)
    .join('');

  const counts = { hidden: 0, none: 0 };
  const byClass = new Map<number, number[]>();
  for (const state of states.values()) {
    if (state.kind === 'value') byClass.set(state.classIndex, [...(byClass.get(state.classIndex) ?? []), state.value]);
    else counts[state.kind] += 1;
  }
  const classItems = [...byClass.entries()]
    .sort(([a], [b]) => a - b)
    .map(([classIndex, inClass]) => {
      const low = Math.min(...inClass);
      const high = Math.max(...inClass);
      const range = low === high ? format(low) : `de ${format(low)} à ${format(high)}`;
      return `<li>${legendSwatch(CLASS_COLOURS[classIndex]!)}<span>${escape(range)} <span class="choropleth-count">(${plural(inClass.length, 'département', 'départements')})</span></span></li>`;
    });
  const otherItems = [
    counts.hidden > 0 ? `<li>${legendSwatch(hatch)}<span>masqué <span class="choropleth-count">(${plural(counts.hidden, 'département', 'départements')})</span></span></li>` : '',
    counts.none > 0 ? `<li>${legendSwatch(NO_DATA_COLOUR)}<span>aucune donnée <span class="choropleth-count">(${plural(counts.none, 'département', 'départements')})</span></span></li>` : '',
    inRegion ? `<li>${legendSwatch(CLASS_COLOURS[2], ' choropleth-context')}<span>hors de la région (en gris)</span></li>` : '',
  ].filter(Boolean);
  const empty =
    shown.length > 0
      ? ''
      : `<p class="choropleth-empty">${
          counts.none === 0 ? 'Toutes les valeurs sont masquées' : counts.hidden === 0 ? 'Aucune donnée pour ces départements' : 'Aucune valeur à représenter : toutes sont masquées ou absentes'
        } : la carte n’a pas de classes de couleur.</p>`;
  const method =
    shown.length > 0 ? '<p class="choropleth-method">Classes : quintiles des valeurs représentées (chacune réunit environ un cinquième des départements).</p>' : '';

  const tableSentence = tableId ? ` Les mêmes chiffres figurent dans <a href="#${escape(tableId)}">le tableau</a>.` : '';
  const linkSentence = hrefOf ? ' Chaque département est un lien vers sa page.' : '';
  const svgRole = hrefOf ? 'role="group"' : 'role="img"';
  const credit = ` Fond de carte : ${escape(MAP_SOURCE.copyright.replace(/^Copyright \(c\)/i, '©'))}, licence ${escape(MAP_SOURCE.licence)}.`;

  return `<figure class="choropleth" id="${escape(id)}">
  <figcaption id="${ids.title}">${escape(title)}</figcaption>
  <div class="choropleth-body">
    <svg class="choropleth-map" viewBox="${x0} ${y0} ${width} ${height}" ${svgRole} aria-labelledby="${ids.title}" aria-describedby="${ids.note}">
      <defs><pattern id="${ids.hatch}" patternUnits="userSpaceOnUse" width="10" height="10" patternTransform="rotate(45)"><rect width="10" height="10" fill="${HATCH_BACKGROUND}"/><rect width="4" height="10" fill="${HATCH_STRIPE}"/></pattern></defs>
      <g class="choropleth-insets" aria-hidden="true">${insets}</g>
      <g class="choropleth-departements">${shapes}</g>
      <path class="choropleth-regions" d="${regions}" fill="none" aria-hidden="true"/>
    </svg>
    <div class="choropleth-key">
      <p class="choropleth-key-title" id="${ids.legend}">Légende</p>
      ${empty}
      <ul class="choropleth-legend" aria-labelledby="${ids.legend}">${[...classItems, ...otherItems].join('')}</ul>
      ${method}
    </div>
  </div>
  <p class="choropleth-note" id="${ids.note}">Carte des départements ; à gauche, en encarts, l’outre-mer puis Paris et la petite couronne agrandis.${linkSentence}${tableSentence}${credit}</p>
</figure>`;
}
