// The communes table the app ships (STACK.md "Communes and postal codes"): from @etalab/decoupage-administratif, only
// the départements the kiosks serve, as compact rows [INSEE code, name, postal codes joined by spaces, chef-lieu code
// of a commune déléguée or ""]. Used by the build (vite.config.ts) and by its test.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Bourgogne-Franche-Comté, the region of the demo dataset. */
export const DEFAULT_DEPARTEMENTS = ['21', '25', '39', '58', '70', '71', '89', '90'];
/** Current communes and the former ones people still name their village by; Paris, Lyon, Marseille by arrondissement. */
const KINDS = new Set(['commune-actuelle', 'commune-deleguee', 'commune-associee', 'arrondissement-municipal']);

const departementOf = (code) => (code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2));

/**
 * The départements to serve: REPERE_DEPARTEMENTS (comma-separated) when set, else the demo region plus every
 * département of the places dataset written by `npm run places:import`, when there is one.
 */
export function departementsToServe({ env = process.env, datasetPath = 'public/places/dataset.json' } = {}) {
  if (env.REPERE_DEPARTEMENTS) return env.REPERE_DEPARTEMENTS.split(',').map((d) => d.trim()).filter(Boolean);
  const served = new Set(DEFAULT_DEPARTEMENTS);
  if (existsSync(datasetPath)) {
    const dataset = JSON.parse(readFileSync(datasetPath, 'utf8'));
    for (const place of dataset.places ?? []) {
      if (place.inseeCode) served.add(departementOf(place.inseeCode));
      else if (/^\d{5}$/.test(place.postalCode ?? '')) served.add(departementOf(place.postalCode));
    }
  }
  return [...served].sort();
}

/** The rows of the communes of some départements, sorted by name. */
export function communesTable(departements) {
  const wanted = new Set(departements);
  const communes = require('@etalab/decoupage-administratif/data/communes.json');
  const seen = new Set();
  const rows = [];
  for (const commune of communes) {
    if (!KINDS.has(commune.type) || !wanted.has(commune.departement)) continue;
    const key = `${commune.code}|${commune.nom}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push([commune.code, commune.nom, (commune.codesPostaux ?? []).join(' '), commune.type === 'commune-actuelle' ? '' : (commune.chefLieu ?? commune.commune ?? '')]);
  }
  return rows.sort((a, b) => a[1].localeCompare(b[1], 'fr'));
}
