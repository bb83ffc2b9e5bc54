// `npm run places:import -- [--source NAME] [--licence TEXT] <file> [...]`: reads places files (national standard v1
// or v0.1 CSV, ANCT JSON, raw BFC TerNum CSV), prints the report of each, and writes the compact dataset the app ships and precaches:
// public/places/dataset.json (not committed: it is built from data you are licensed to use). Rebuild afterwards.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importTs } from './load-ts.mjs';

const OUTPUT = 'public/places/dataset.json';
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const [value] = args.splice(at, 2).slice(1);
  return value;
};
const source = option('--source', 'import');
const givenLicence = option('--licence', null);
if (args.length === 0) {
  console.error('usage: npm run places:import -- [--source NAME] [--licence TEXT] <file> [...]');
  process.exit(2);
}

const { importPlaces, datasetMeta, licenceOfShape, PlacesImportError } = await importTs('src/places/import-places.ts');
const byId = new Map();
// A share-alike licence (ODbL: the BFC raw file) applies to the whole dataset built with it.
let shapeLicence = null;
let failed = false;
for (const file of args) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`${file}: cannot read (${error.message})`);
    failed = true;
    continue;
  }
  try {
    const { places, report } = importPlaces(text, { source });
    for (const place of places) byId.set(place.id, place);
    shapeLicence ??= licenceOfShape(report.shape);
    console.log(`\n${basename(file)} — shape: ${report.shape}`);
    console.log(`  rows read ${report.rowsRead}, imported ${report.imported}, skipped ${report.skipped.length}`);
    for (const { line, reason } of report.skipped) console.log(`  skipped line ${line}: ${reason}`);
    const warnings = Object.entries(report.warnings).filter(([, n]) => n > 0);
    if (warnings.length) console.log(`  warnings: ${warnings.map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
  } catch (error) {
    if (!(error instanceof PlacesImportError)) throw error;
    console.error(`${file}: ${error.message}`);
    failed = true;
  }
}

if (failed || byId.size === 0) {
  console.error(`\nNothing written: ${OUTPUT} is left as it was.`);
  process.exit(1);
}
const places = [...byId.values()];
const licence = givenLicence ?? shapeLicence ?? 'Licence Ouverte 2.0 (Etalab)';
const dataset = { meta: datasetMeta(places, { source, licence, now: new Date() }), places };
mkdirSync('public/places', { recursive: true });
writeFileSync(OUTPUT, JSON.stringify(dataset));
console.log(`\nWrote ${places.length} places to ${OUTPUT}. Run \`npm run build\` (or \`npm start\`) to ship them.`);
