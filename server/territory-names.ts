import { createRequire } from 'node:module';
import type { StatsScope } from './compute-stats';
import { epciLabel, regionLabel } from './territory-levels';
import { epciName } from './epci-history';

const require = createRequire(import.meta.url);

interface CommuneEntry {
  readonly code: string;
  readonly nom: string;
  readonly type: string;
}

/** Code → name of communes (current ones first, then former and arrondissements) and départements; read once. */
let names: { communes: Map<string, string>; departements: Map<string, string> } | null = null;

function load() {
  if (names) return names;
  // @etalab/decoupage-administratif: the official list of communes and départements (INSEE codes, names).
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as CommuneEntry[];
  const departements = require('@etalab/decoupage-administratif/data/departements.json') as Array<{ code: string; nom: string }>;
  const byCode = new Map<string, string>();
  for (const commune of communes) if (commune.type === 'commune-actuelle') byCode.set(commune.code, commune.nom);
  for (const commune of communes) if (!byCode.has(commune.code)) byCode.set(commune.code, commune.nom);
  names = { communes: byCode, departements: new Map(departements.map((d) => [d.code, d.nom])) };
  return names;
}

/** "Besançon (25056)", "Doubs (25)": what people read on the observatory; the code alone when it is unknown. */
export function territoryLabel(level: 'commune' | 'departement', code: string): string {
  const name = level === 'commune' ? load().communes.get(code) : load().departements.get(code);
  return name ? `${name} (${code})` : `${level === 'commune' ? 'Commune' : 'Département'} ${code}`;
}

/** The name of a published territory: "Tous les territoires", "Bourgogne-Franche-Comté (région 27)", "CA du Grand Besançon (EPCI 242500361)"… */
export function scopeLabel(scope: StatsScope): string {
  switch (scope.level) {
    case 'all':
      return 'Tous les territoires';
    case 'region':
      return `${regionLabel(scope.code)} (région ${scope.code})`;
    case 'epci':
      return `${epciName(scope.code) ?? epciLabel(scope.code)} (EPCI ${scope.code})`;
    default:
      return territoryLabel(scope.level, scope.code);
  }
}
