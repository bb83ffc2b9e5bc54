// Writes server/geo/departements.json, the map of départements (and régions) the observatory draws, from
// @gouvfr/dsfr-chart 2.0.4 (the French State's design-system charts, MIT; its MapChart component carries the outlines
// already projected into a 1010 × 1010 frame for metropolitan France and one small frame for each overseas
// département). The output is committed (43 KB): the collector reads it at start-up and nothing is fetched at run
// time. The package (9.6 MB) is not a dependency, so that installs stay light; to regenerate the file:
//   npm install --no-save @gouvfr/dsfr-chart@2.0.4 && node scripts/make-departements-map.mjs
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const PACKAGE = '@gouvfr/dsfr-chart';
// The package's exports hide package.json: walk up from its main entry to the folder that holds it.
let packageDir;
try {
  packageDir = dirname(require.resolve(PACKAGE));
} catch {
  console.error(`${PACKAGE} is not installed: npm install --no-save ${PACKAGE}@2.0.4, then run this again.`);
  process.exit(1);
}
while (!existsSync(join(packageDir, 'package.json'))) packageDir = dirname(packageDir);
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const bundleFile = 'dist/MapChart/MapChart.js';
const bundle = readFileSync(join(packageDir, bundleFile), 'utf8');
const copyright = /Copyright \(c\)[^\n]*/.exec(readFileSync(join(packageDir, 'LICENSE'), 'utf8'))?.[0] ?? '';
const output = new URL('../server/geo/departements.json', import.meta.url);

/** Douglas–Peucker tolerance, in units of the output frame (about 0.6 px when the map is drawn 600 px wide). */
const TOLERANCE = 0.6;
/** Islands smaller than this (square units) are dropped, except a territory's largest piece. */
const MIN_ISLAND_AREA = 4;

const METROPOLE = [...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((code) => code !== '20'), '2A', '2B'];
const OVERSEAS = [
  { code: '971', label: 'Guadeloupe' },
  { code: '972', label: 'Martinique' },
  { code: '973', label: 'Guyane' },
  { code: '974', label: 'La Réunion' },
  { code: '976', label: 'Mayotte' },
];
/** ISO 3166-2 codes of the package's régions map → INSEE codes of the régions. */
const REGIONS = { IDF: '11', CVL: '24', BFC: '27', NOR: '28', HDF: '32', GES: '44', PDL: '52', BRE: '53', NAQ: '75', OCC: '76', ARA: '84', PAC: '93', '20R': '94' };

/** Every `class: "FR-…"` shape of the bundle with its path data: the component templates compile to this. */
function shapesOfBundle() {
  const shapes = new Map();
  for (const [, code, d] of bundle.matchAll(/class: "FR-([0-9A-Z]{2,3})",\s*(?:style: [^\n]*\n\s*)?d: "([^"]+)"/g)) {
    if (shapes.has(code)) throw new Error(`FR-${code} appears twice in ${bundleFile}`);
    shapes.set(code, d);
  }
  return shapes;
}

/** The viewBox of the small svg that holds an overseas département (its template is right after the box). */
function overseasFrame(code) {
  const at = bundle.indexOf(`class: "FR-${code}"`);
  const boxes = [...bundle.slice(0, at).matchAll(/viewBox: "0 0 ([\d.]+) ([\d.]+)"/g)];
  const last = boxes.at(-1);
  if (!last) throw new Error(`no viewBox before FR-${code}`);
  return { width: Number(last[1]), height: Number(last[2]) };
}

/** SVG path data → closed rings of absolute points; curves are flattened (they are rare and small here). */
function ringsOfPath(d) {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  const rings = [];
  let ring = [];
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let lastControl = null;
  let command = '';
  let i = 0;
  const number = () => {
    const value = Number(tokens[i++]);
    if (!Number.isFinite(value)) throw new Error(`bad number in path near token ${i}`);
    return value;
  };
  const flag = () => {
    const token = tokens[i++];
    if (token !== '0' && token !== '1') throw new Error(`arc flag "${token}" is not handled`);
    return token === '1';
  };
  // SVG 1.1 appendix F.6.5: endpoint to centre parameterisation, then a few chords.
  const arc = (rx, ry, rotation, large, sweep, x2, y2) => {
    const phi = (rotation * Math.PI) / 180;
    const [cos, sin] = [Math.cos(phi), Math.sin(phi)];
    const x1p = (cos * (x - x2)) / 2 + (sin * (y - y2)) / 2;
    const y1p = (-sin * (x - x2)) / 2 + (cos * (y - y2)) / 2;
    let [ax, ay] = [Math.abs(rx), Math.abs(ry)];
    const lambda = (x1p * x1p) / (ax * ax) + (y1p * y1p) / (ay * ay);
    if (lambda > 1) [ax, ay] = [ax * Math.sqrt(lambda), ay * Math.sqrt(lambda)];
    const numerator = ax * ax * ay * ay - ax * ax * y1p * y1p - ay * ay * x1p * x1p;
    const factor = (large === sweep ? -1 : 1) * Math.sqrt(Math.max(0, numerator / (ax * ax * y1p * y1p + ay * ay * x1p * x1p)));
    const cxp = (factor * ax * y1p) / ay;
    const cyp = (-factor * ay * x1p) / ax;
    const cx = cos * cxp - sin * cyp + (x + x2) / 2;
    const cy = sin * cxp + cos * cyp + (y + y2) / 2;
    const angle = (ux, uy, vx, vy) => Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
    const theta = angle(1, 0, (x1p - cxp) / ax, (y1p - cyp) / ay);
    let delta = angle((x1p - cxp) / ax, (y1p - cyp) / ay, (-x1p - cxp) / ax, (-y1p - cyp) / ay);
    if (!sweep && delta > 0) delta -= 2 * Math.PI;
    if (sweep && delta < 0) delta += 2 * Math.PI;
    const steps = 6;
    for (let step = 1; step <= steps; step++) {
      const t = theta + (delta * step) / steps;
      ring.push([cx + ax * Math.cos(t) * cos - ay * Math.sin(t) * sin, cy + ax * Math.cos(t) * sin + ay * Math.sin(t) * cos]);
    }
    x = x2;
    y = y2;
    lastControl = null;
  };
  const close = () => {
    if (ring.length >= 3) rings.push(ring);
    ring = [];
  };
  const cubic = (x1, y1, x2, y2, x3, y3) => {
    const steps = 4;
    for (let step = 1; step <= steps; step++) {
      const t = step / steps;
      const u = 1 - t;
      ring.push([u * u * u * x + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3, u * u * u * y + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3]);
    }
    lastControl = [x2, y2];
    x = x3;
    y = y3;
  };
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i])) command = tokens[i++];
    const relative = command === command.toLowerCase();
    const ox = relative ? x : 0;
    const oy = relative ? y : 0;
    switch (command.toLowerCase()) {
      case 'm': {
        close();
        x = ox + number();
        y = oy + number();
        startX = x;
        startY = y;
        ring.push([x, y]);
        command = relative ? 'l' : 'L'; // further pairs are line-tos
        lastControl = null;
        break;
      }
      case 'l':
        x = ox + number();
        y = oy + number();
        ring.push([x, y]);
        lastControl = null;
        break;
      case 'h':
        x = ox + number();
        ring.push([x, y]);
        lastControl = null;
        break;
      case 'v':
        y = oy + number();
        ring.push([x, y]);
        lastControl = null;
        break;
      case 'c': {
        const [x1, y1, x2, y2, x3, y3] = [ox + number(), oy + number(), ox + number(), oy + number(), ox + number(), oy + number()];
        cubic(x1, y1, x2, y2, x3, y3);
        break;
      }
      case 's': {
        const [x1, y1] = lastControl ? [2 * x - lastControl[0], 2 * y - lastControl[1]] : [x, y];
        const [x2, y2, x3, y3] = [ox + number(), oy + number(), ox + number(), oy + number()];
        cubic(x1, y1, x2, y2, x3, y3);
        break;
      }
      case 'a': {
        const [rx, ry, rotation] = [number(), number(), number()];
        const [large, sweep] = [flag(), flag()];
        arc(rx, ry, rotation, large, sweep, ox + number(), oy + number());
        break;
      }
      case 'z':
        x = startX;
        y = startY;
        close();
        lastControl = null;
        break;
      default:
        throw new Error(`path command "${command}" is not handled`);
    }
  }
  close();
  return rings;
}

function signedArea(ring) {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) area += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return area / 2;
}

function distanceToSegment([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Douglas–Peucker on a closed ring, split at its first point and the point farthest from it. */
function simplifyRing(ring, tolerance) {
  const points = ring.filter((point, index) => index === 0 || point[0] !== ring[index - 1][0] || point[1] !== ring[index - 1][1]);
  if (points.length <= 4) return points;
  const closed = [...points, points[0]];
  const keep = new Uint8Array(closed.length);
  const visit = (first, last) => {
    let farthest = -1;
    let distance = tolerance;
    for (let k = first + 1; k < last; k++) {
      const dk = distanceToSegment(closed[k], closed[first], closed[last]);
      if (dk > distance) {
        distance = dk;
        farthest = k;
      }
    }
    if (farthest < 0) return;
    keep[farthest] = 1;
    visit(first, farthest);
    visit(farthest, last);
  };
  const gap = (k) => Math.hypot(points[k][0] - points[0][0], points[k][1] - points[0][1]);
  let far = 1;
  for (let k = 2; k < points.length; k++) if (gap(k) > gap(far)) far = k;
  keep[0] = 1;
  keep[far] = 1;
  visit(0, far);
  visit(far, closed.length - 1);
  return points.filter((_, k) => keep[k]);
}

function pointInRing([px, py], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Where a label or a marker goes: the centroid of the largest piece, or its most inward grid point when the centroid falls outside. */
function labelPoint(rings) {
  const largest = rings.reduce((a, b) => (Math.abs(signedArea(b)) > Math.abs(signedArea(a)) ? b : a));
  const area = signedArea(largest);
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = largest.length - 1; i < largest.length; j = i++) {
    const cross = largest[j][0] * largest[i][1] - largest[i][0] * largest[j][1];
    cx += (largest[j][0] + largest[i][0]) * cross;
    cy += (largest[j][1] + largest[i][1]) * cross;
  }
  const centroid = [cx / (6 * area), cy / (6 * area)];
  if (pointInRing(centroid, largest)) return centroid;
  const xs = largest.map((p) => p[0]);
  const ys = largest.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best = centroid;
  let bestDistance = -1;
  for (let gx = 0; gx <= 40; gx++) {
    for (let gy = 0; gy <= 40; gy++) {
      const point = [minX + ((maxX - minX) * gx) / 40, minY + ((maxY - minY) * gy) / 40];
      if (!pointInRing(point, largest)) continue;
      let distance = Infinity;
      for (let i = 0, j = largest.length - 1; i < largest.length; j = i++) distance = Math.min(distance, distanceToSegment(point, largest[j], largest[i]));
      if (distance > bestDistance) {
        bestDistance = distance;
        best = point;
      }
    }
  }
  return best;
}

const round = (value, digits) => {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
};

/** Rings → compact path data: absolute move-to, then relative line-tos, numbers rounded. */
function pathOfRings(rings, digits) {
  const text = (value) => {
    const s = String(round(value, digits));
    return s.replace(/^(-?)0\./, '$1.');
  };
  const pair = (a, b) => {
    const tb = text(b);
    return `${text(a)}${tb.startsWith('-') ? '' : ' '}${tb}`;
  };
  return rings
    .map((ring) => {
      const rounded = ring.map(([px, py]) => [round(px, digits), round(py, digits)]);
      let d = `M${pair(rounded[0][0], rounded[0][1])}l`;
      let previous = rounded[0];
      const steps = [];
      for (const point of rounded.slice(1)) {
        const dx = point[0] - previous[0];
        const dy = point[1] - previous[1];
        if (round(dx, digits) === 0 && round(dy, digits) === 0) continue;
        steps.push(pair(dx, dy));
        previous = point;
      }
      d += steps.join(' ').replace(/ -/g, '-');
      return `${d}z`;
    })
    .join('');
}

/** Transforms, simplifies and drops specks; the largest piece always stays. */
function prepare(rawRings, transform) {
  const rings = rawRings.map((ring) => ring.map(transform));
  const largestArea = Math.max(...rings.map((ring) => Math.abs(signedArea(ring))));
  return rings
    .filter((ring) => Math.abs(signedArea(ring)) >= Math.min(MIN_ISLAND_AREA, largestArea))
    .map((ring) => simplifyRing(ring, TOLERANCE))
    .filter((ring) => ring.length >= 3);
}

const shapes = shapesOfBundle();
const missing = [...METROPOLE, ...OVERSEAS.map((o) => o.code), ...Object.keys(REGIONS)].filter((code) => !shapes.has(code));
if (missing.length > 0) throw new Error(`${PACKAGE} ${manifest.version} lacks ${missing.join(', ')}`);

// Metropolitan France: the package's frame, cropped to the land with a margin.
const metropoleRings = new Map(METROPOLE.map((code) => [code, ringsOfPath(shapes.get(code))]));
const allPoints = [...metropoleRings.values()].flat(2);
const MARGIN = 8;
const minX = Math.min(...allPoints.map((p) => p[0])) - MARGIN;
const minY = Math.min(...allPoints.map((p) => p[1])) - MARGIN;
const metropoleWidth = Math.max(...allPoints.map((p) => p[0])) - minX + MARGIN;
const metropoleHeight = Math.max(...allPoints.map((p) => p[1])) - minY + MARGIN;

// Insets stacked in a column left of the metropole (the Atlantic), each in a framed box with its name on top: the
// overseas départements, then Paris and the petite couronne enlarged (too small to point at on the whole map).
const PETITE_COURONNE = ['75', '92', '93', '94'];
const INSETS = [...OVERSEAS.map(({ code, label }) => ({ codes: [code], label: [label] })), { codes: PETITE_COURONNE, label: ['Paris et', 'petite couronne'], zoom: true }];
const INSET_WIDTH = 180;
const INSET_GAP = 12;
const LABEL_LINE = 26;
const insetHeight = (metropoleHeight - INSET_GAP * (INSETS.length - 1)) / INSETS.length;
const COLUMN = INSET_WIDTH + 20;
const width = Math.ceil(COLUMN + metropoleWidth);
const height = Math.ceil(metropoleHeight);
const toMetropole = ([px, py]) => [px - minX + COLUMN, py - minY];

const departements = {};
for (const [code, rings] of metropoleRings) {
  const prepared = prepare(rings, toMetropole);
  departements[code] = { d: pathOfRings(prepared, 0), label: labelPoint(prepared).map((v) => round(v, 0)) };
}

/** Scale and offset that fit a frame in the room left in a box under its label. */
function fit(frame, box, labelLines) {
  const top = box.y + labelLines * LABEL_LINE + 8;
  const room = { width: box.width - 16, height: box.y + box.height - top - 6 };
  const scale = Math.min(room.width / frame.width, room.height / frame.height);
  return {
    scale,
    dx: box.x + (box.width - frame.width * scale) / 2 - frame.x * scale,
    dy: top + (room.height - frame.height * scale) / 2 - frame.y * scale,
  };
}

const insets = INSETS.map((inset, index) => {
  const box = { x: 0, y: index * (insetHeight + INSET_GAP), width: INSET_WIDTH, height: insetHeight };
  if (inset.zoom) {
    const rings = inset.codes.map((code) => metropoleRings.get(code).map((ring) => ring.map(toMetropole)));
    const points = rings.flat(2);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const frame = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
    const { scale, dx, dy } = fit(frame, box, inset.label.length);
    inset.codes.forEach((code, k) => {
      const prepared = prepare(rings[k], ([px, py]) => [px * scale + dx, py * scale + dy]);
      departements[code].zoom = { d: pathOfRings(prepared, 1), label: labelPoint(prepared).map((v) => round(v, 0)) };
    });
  } else {
    const [code] = inset.codes;
    const frame = { x: 0, y: 0, ...overseasFrame(code) };
    const { scale, dx, dy } = fit(frame, box, inset.label.length);
    const prepared = prepare(ringsOfPath(shapes.get(code)), ([px, py]) => [px * scale + dx, py * scale + dy]);
    departements[code] = { d: pathOfRings(prepared, 1), label: labelPoint(prepared).map((v) => round(v, 0)) };
  }
  return { codes: inset.codes, label: inset.label, x: round(box.x, 1), y: round(box.y, 1), width: round(box.width, 1), height: round(box.height, 1) };
});

const regions = {};
for (const [iso, insee] of Object.entries(REGIONS)) {
  const prepared = prepare(ringsOfPath(shapes.get(iso)), toMetropole);
  regions[insee] = { d: pathOfRings(prepared, 0) };
}

const geometry = {
  source: {
    package: PACKAGE,
    version: manifest.version,
    licence: manifest.license,
    copyright,
    repository: manifest.repository?.url ?? '',
    file: bundleFile,
    derivation:
      'Outlines of the MapChart component (already projected by the package: metropolitan France in one frame, each overseas département in its own), ' +
      `cropped, overseas départements placed as insets, Douglas–Peucker at ${TOLERANCE} unit, islands under ${MIN_ISLAND_AREA} square units dropped; ` +
      'label points are centroids of the largest piece (moved inside when the centroid falls outside). Made by scripts/make-departements-map.mjs.',
  },
  viewBox: [0, 0, width, height],
  insets,
  departements,
  regions,
};

mkdirSync(new URL('.', output), { recursive: true });
const text = `${JSON.stringify(geometry)}\n`;
writeFileSync(output, text);
console.log(`server/geo/departements.json: ${Object.keys(departements).length} départements, ${Object.keys(regions).length} régions, ${(text.length / 1024).toFixed(1)} KiB`);
