import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CLASS_COLOURS,
  MAP_DEPARTEMENTS,
  MAP_SOURCE,
  NO_DATA_COLOUR,
  OUTLINE_COLOUR,
  quintileClasses,
  renderDepartementMap,
  type DepartementMapOptions,
} from './choropleth';

const GEOMETRY_FILE = new URL('./geo/departements.json', import.meta.url);
const geometry = JSON.parse(readFileSync(GEOMETRY_FILE, 'utf8')) as {
  viewBox: [number, number, number, number];
  departements: Record<string, { d: string; label: [number, number]; zoom?: { d: string; label: [number, number] } }>;
  regions: Record<string, { d: string }>;
};

const METROPOLE = [...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((code) => code !== '20'), '2A', '2B'];
const OVERSEAS = ['971', '972', '973', '974', '976'];
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const format = (value: number) => percent.format(value);

const render = (values: ReadonlyMap<string, number | null | undefined>, more: Partial<DepartementMapOptions> = {}) =>
  renderDepartementMap({ id: 'map', title: 'Part des personnes éloignées', values, format, hrefOf: (code) => `?territory=${code}`, ...more });
/** The link, or the path when there is none, that names a département to the keyboard and screen readers. */
const named = (html: string, code: string) => {
  const link = new RegExp(`<a href="[^"]*" aria-label="([^"]*)"><title>[^<]*</title><path class="([^"]*)" d="[^"]*" fill="([^"]*)" data-code="${code}"`).exec(html);
  const plain = new RegExp(`<path class="([^"]*)" d="[^"]*" fill="([^"]*)" data-code="${code}" role="img" aria-label="([^"]*)"`).exec(html);
  if (link) return { linked: true, name: link[1]!, classes: link[2]!, fill: link[3]! };
  if (plain) return { linked: false, name: plain[3]!, classes: plain[1]!, fill: plain[2]! };
  throw new Error(`no named shape for ${code}`);
};
const legend = (html: string) => /<ul class="choropleth-legend"[^>]*>([\s\S]*?)<\/ul>/.exec(html)![1]!;

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe('the geometry of the départements', () => {
  it('has every département of metropolitan France and the five overseas ones, each with a path and a label point in the frame', () => {
    expect([...MAP_DEPARTEMENTS].sort()).toEqual([...METROPOLE, ...OVERSEAS].sort());
    const [x0, y0, width, height] = geometry.viewBox;
    for (const code of MAP_DEPARTEMENTS) {
      const shapes = [geometry.departements[code]!, ...(geometry.departements[code]!.zoom ? [geometry.departements[code]!.zoom] : [])];
      for (const { d, label } of shapes) {
        // Absolute move-to, relative line-tos, closed: what scripts/make-departements-map.mjs writes.
        expect(d, code).toMatch(/^(M-?[\d.]+[ -]-?[\d.]+l(-?[\d.]+[ -]?)+z)+$/);
        const numbers = d.match(/-?\d*\.?\d+/g)!.map(Number);
        expect(numbers.every(Number.isFinite), code).toBe(true);
        expect(label[0]).toBeGreaterThanOrEqual(x0);
        expect(label[0]).toBeLessThanOrEqual(x0 + width);
        expect(label[1]).toBeGreaterThanOrEqual(y0);
        expect(label[1]).toBeLessThanOrEqual(y0 + height);
      }
    }
    expect(Object.keys(geometry.regions)).toHaveLength(13);
  });

  it('says where it comes from and stays small', () => {
    expect(MAP_SOURCE).toMatchObject({ package: '@gouvfr/dsfr-chart', licence: 'MIT' });
    expect(MAP_SOURCE.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(statSync(GEOMETRY_FILE).size).toBeLessThan(150 * 1024);
  });
});

describe('quintileClasses', () => {
  it('puts each value in the fifth of the ranks it falls in', () => {
    const classOf = quintileClasses([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(classOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('gives equal values one class, and uses fewer classes when values are few or repeated', () => {
    const classOf = quintileClasses([0.2, 0.2, 0.2, 0.2, 0.5]);
    expect([0.2, 0.5].map(classOf)).toEqual([0, 4]);
    expect(quintileClasses([0.3])(0.3)).toBe(0);
    expect([1, 2].map(quintileClasses([1, 2]))).toEqual([0, 2]);
  });
});

describe('renderDepartementMap', () => {
  const values = new Map<string, number | null>(MAP_DEPARTEMENTS.map((code, index) => [code, index / 100]));

  it('draws one shape per département, each coloured by its class and named with its formatted value', () => {
    const html = render(values);
    const classOf = quintileClasses([...values.values()] as number[]);
    for (const code of MAP_DEPARTEMENTS) {
      const shape = named(html, code);
      expect(shape.fill, code).toBe(CLASS_COLOURS[classOf(values.get(code)!)]);
      expect(shape.linked).toBe(true);
    }
    expect(named(html, '25').name).toBe(`Doubs (25) : ${format(values.get('25')!)}`);
    expect(html).toContain(`<title>Doubs (25) : ${format(values.get('25')!)}</title>`);
  });

  it('formats the values with the function given, in the names and the legend', () => {
    const html = render(new Map([['25', 0.234], ['39', 0.5]]), { format: (value) => `${(value * 100).toFixed(1).replace('.', ',')} pour cent` });
    expect(named(html, '25').name).toBe('Doubs (25) : 23,4 pour cent');
    expect(legend(html)).toContain('23,4 pour cent');
    expect(legend(html)).toContain('50,0 pour cent');
  });

  it('hatches a hidden département and says « masqué », in its name and the legend', () => {
    const html = render(new Map([...values, ['39', null]]));
    const jura = named(html, '39');
    expect(jura).toMatchObject({ name: 'Jura (39) : masqué', fill: 'url(#map-hatch)', linked: true });
    expect(html).toContain('<pattern id="map-hatch"');
    expect(legend(html)).toMatch(/fill="url\(#map-hatch\)"[\s\S]*masqué <span class="choropleth-count">\(1 département\)/);
  });

  it('draws a département without data in light grey, says « aucune donnée », and links it nowhere', () => {
    const without = new Map<string, number | null | undefined>(values);
    without.delete('58');
    without.set('23', undefined);
    const html = render(without);
    expect(named(html, '58')).toMatchObject({ name: 'Nièvre (58) : aucune donnée', fill: NO_DATA_COLOUR, linked: false });
    expect(named(html, '23').name).toBe('Creuse (23) : aucune donnée');
    expect(html).not.toContain('?territory=58');
    expect(legend(html)).toContain('aucune donnée <span class="choropleth-count">(2 départements)');
  });

  it('gives each class in the legend the smallest and largest value it holds', () => {
    const html = render(new Map([['01', 0.1], ['02', 0.2], ['03', 0.3], ['04', 0.4], ['05', 0.5], ['06', 0.6], ['07', 0.7], ['08', 0.8], ['09', 0.9], ['10', 1]]));
    const items = legend(html).match(/<li>[\s\S]*?<\/li>/g)!;
    expect(items.slice(0, 5).map((item) => /<span>(.*?) <span/.exec(item)![1])).toEqual(
      [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8], [0.9, 1]].map(([low, high]) => `de ${format(low!)} à ${format(high!)}`),
    );
    expect(items[5]).toContain('aucune donnée <span class="choropleth-count">(91 départements)');
  });

  it('escapes the title, the names, the formatted values and the links', () => {
    const html = render(new Map([['22', 1], ['25', 2]]), {
      title: 'Carte <script>alert("x")</script> & co',
      format: () => '<b>"1" & 2</b>',
      hrefOf: (code) => `?territory=${code}&week="1"`,
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('Carte &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(named(html, '22').name).toBe('Côtes-d&#39;Armor (22) : &lt;b&gt;&quot;1&quot; &amp; 2&lt;/b&gt;');
    expect(html).toContain('href="?territory=25&amp;week=&quot;1&quot;"');
    expect(() => render(values, { id: 'map" onload="x' })).toThrow(/not a plain identifier/);
  });

  it('renders a map whose values are all hidden, with a legend that says so and no class', () => {
    const html = render(new Map(MAP_DEPARTEMENTS.map((code) => [code, null])));
    expect(html).toContain('Toutes les valeurs sont masquées');
    expect(legend(html)).toContain(`masqué <span class="choropleth-count">(${MAP_DEPARTEMENTS.length} départements)`);
    expect(CLASS_COLOURS.some((colour) => html.includes(`fill="${colour}" data-code`))).toBe(false);
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('renders a map without any value, and ignores values that are not finite numbers', () => {
    const html = render(new Map<string, number | null | undefined>([['25', Number.NaN], ['39', Number.POSITIVE_INFINITY]]));
    expect(html).toContain('Aucune donnée pour ces départements');
    expect(named(html, '25').name).toBe('Doubs (25) : aucune donnée');
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    expect(html).not.toContain('<a ');
  });

  it('makes the whole map one named image when there are no links', () => {
    const html = renderDepartementMap({ id: 'still', title: 'Carte', values, format });
    expect(html).toMatch(/<svg class="choropleth-map" [^>]*role="img" aria-labelledby="still-title" aria-describedby="still-note"/);
    expect(html).not.toContain('<a ');
    expect(html).toContain(`<title>Doubs (25) : ${format(values.get('25')!)}</title>`);
  });

  it('with links, keeps the svg a group named by the caption, and lets the keyboard reach Paris only in its inset', () => {
    const html = render(values, { tableId: 'table-departements' });
    expect(html).toMatch(/<svg class="choropleth-map" [^>]*role="group" aria-labelledby="map-title" aria-describedby="map-note"/);
    expect(html).toContain('<figcaption id="map-title">Part des personnes éloignées</figcaption>');
    expect(html).toMatch(/<p class="choropleth-note" id="map-note">[^<]*<a href="#table-departements">le tableau<\/a>/);
    expect(html).toMatch(/Fond de carte : © \d{4} DINUM, licence MIT\.<\/p>/);
    const links = html.match(/<a href="\?territory=75"[^>]*>/g)!;
    expect(links).toEqual(['<a href="?territory=75" tabindex="-1" aria-hidden="true">', `<a href="?territory=75" aria-label="Paris (75) : ${format(values.get('75')!)}">`]);
  });

  it('greys the départements outside the région shown', () => {
    const html = render(values, { highlight: ['21', '25', '39', '58', '70', '71', '89', '90'] });
    expect(named(html, '25').classes).not.toContain('choropleth-context');
    expect(named(html, '01').classes).toContain('choropleth-context');
    expect(legend(html)).toContain('hors de la région');
  });

  it('writes no style attribute, which the page’s policy would refuse', () => {
    expect(render(new Map([...values, ['39', null]]), { highlight: ['25'] })).not.toMatch(/\sstyle=/);
  });
});

describe('colours of the map', () => {
  it('keep every class, hidden and no-data area at 3:1 or more against the outlines drawn by choropleth.css', () => {
    for (const colour of [...CLASS_COLOURS, NO_DATA_COLOUR, '#ffffff']) expect(contrast(colour, OUTLINE_COLOUR), colour).toBeGreaterThanOrEqual(3);
    const css = readFileSync(new URL('./public/choropleth.css', import.meta.url), 'utf8');
    expect(css).toContain(`stroke: ${OUTLINE_COLOUR};`);
  });
});
