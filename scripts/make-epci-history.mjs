// Writes server/geo/epci-history.json, the EPCI (intercommunalité à fiscalité propre) each commune belonged to on
// 1 January of past years, from older versions of @etalab/decoupage-administratif (each version carries one year's
// INSEE COG and DGCL list of EPCI; the installed version's README pairs them: "Millésimes et versions de package").
// Only what differs from the installed version (6.0.0, COG 2026) is kept, so that server/epci-history.ts answers
// "which EPCI on 1 January of year Y" from that small file plus the installed data. The output is committed and
// nothing is fetched at run time. The old versions are fetched with `npm pack` into a temporary folder (1.5 to 2.4 MB
// each) and removed afterwards; to regenerate the file (after changing VERSIONS, or after upgrading the installed
// package, whose version becomes the new baseline):
//   node scripts/make-epci-history.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTs } from './load-ts.mjs';

const require = createRequire(import.meta.url);
const PACKAGE = '@etalab/decoupage-administratif';
/** COG year → the package version that carries it, after the table of the installed version's README. */
const VERSIONS = { 2021: '1.1.1', 2022: '2.3.1', 2023: '3.1.1', 2024: '4.1.0', 2025: '5.3.0' };
const output = new URL('../server/geo/epci-history.json', import.meta.url);

const { TERRITORY_DATA_VERSION, epciOf } = await importTs('server/territory-levels.ts');
const installed = require(`${PACKAGE}/package.json`);
const baseline = { version: installed.version, cogYear: TERRITORY_DATA_VERSION.cogYear };

// The installed README's table must agree with VERSIONS, and the baseline must be newer than every year kept.
const readme = readFileSync(require.resolve(`${PACKAGE}/README.md`), 'utf8');
const table = new Map([...readme.matchAll(/^\|\s*(\d{4})\s*\|\s*(\d+\.\d+\.\d+)\s*\|/gm)].map(([, year, version]) => [Number(year), version]));
if (table.get(baseline.cogYear) !== baseline.version) {
  throw new Error(`the installed ${PACKAGE} ${baseline.version} is not the README's version for ${baseline.cogYear} (${table.get(baseline.cogYear)})`);
}
for (const [year, version] of Object.entries(VERSIONS)) {
  if (table.get(Number(year)) !== version) throw new Error(`VERSIONS says ${version} for ${year}, the installed README says ${table.get(Number(year))}`);
  if (Number(year) >= baseline.cogYear) throw new Error(`${year} is not older than the installed data (COG ${baseline.cogYear})`);
}

/** Which current commune a code of a year's communes.json counts for, and each current commune's EPCI that year. */
function membershipOf(communes, epcis) {
  const current = new Set(communes.filter((entry) => entry.type === 'commune-actuelle').map((entry) => entry.code));
  // As server/territory-levels.ts reads the installed data: a chef-lieu code is current; a commune déléguée or
  // associée goes to its chef-lieu, an arrondissement to its city, a code gone from the map to the commune that lists
  // it in anciensCodes.
  const into = new Map([...current].map((code) => [code, code]));
  for (const entry of communes) {
    if (into.has(entry.code)) continue;
    if (entry.type === 'arrondissement-municipal' && entry.commune) into.set(entry.code, entry.commune);
    else if (entry.chefLieu && current.has(entry.chefLieu)) into.set(entry.code, entry.chefLieu);
  }
  for (const entry of communes) {
    if (entry.type !== 'commune-actuelle') continue;
    for (const old of entry.anciensCodes ?? []) if (!into.has(old)) into.set(old, entry.code);
  }
  const epciOfCommune = new Map();
  let blank = 0;
  for (const epci of epcis) {
    for (const { code } of epci.membres) {
      if (!code) blank++;
      else epciOfCommune.set(code, epci.code);
    }
  }
  const strays = [...epciOfCommune.keys()].filter((code) => !current.has(code));
  return { into, epciOfCommune, blank, strays };
}

const names2026 = new Map(require(`${PACKAGE}/data/epci.json`).map((epci) => [epci.code, epci.nom]));
const folder = mkdtempSync(join(tmpdir(), 'epci-history-'));
const years = {};
const summary = [];
try {
  for (const [year, version] of Object.entries(VERSIONS)) {
    const into = join(folder, version);
    mkdirSync(into);
    execFileSync('npm', ['pack', `${PACKAGE}@${version}`, '--silent', '--pack-destination', into], {
      stdio: ['ignore', 'ignore', 'inherit'],
      shell: process.platform === 'win32',
    });
    const [tarball] = readdirSync(into).filter((name) => name.endsWith('.tgz'));
    execFileSync('tar', ['-xzf', join(into, tarball), '-C', into]);
    const read = (file) => JSON.parse(readFileSync(join(into, 'package', file), 'utf8'));
    if (read('package.json').version !== version) throw new Error(`npm pack ${PACKAGE}@${version} gave another version`);
    const epcis = read('data/epci.json');
    const { into: currentOf, epciOfCommune, blank, strays } = membershipOf(read('data/communes.json'), epcis);
    if (strays.length > 0) throw new Error(`${version}: EPCI members that are no commune of ${year}: ${strays.join(', ')}`);

    const changed = {};
    for (const code of [...currentOf.keys()].sort()) {
      const then = epciOfCommune.get(currentOf.get(code)) ?? null;
      if (then !== (epciOf(code)?.code ?? null)) changed[code] = then;
    }
    const names = {};
    for (const { code, nom } of [...epcis].sort((a, b) => (a.code < b.code ? -1 : 1))) if (names2026.get(code) !== nom) names[code] = nom;
    const missingName = Object.values(changed).filter((siren) => siren !== null && !names2026.has(siren) && !(siren in names));
    if (missingName.length > 0) throw new Error(`${version}: no name for ${missingName.join(', ')}`);
    years[year] = { epcis: names, communes: changed };
    const gone = Object.keys(names).filter((siren) => !names2026.has(siren)).length;
    summary.push(
      `${year} (${version}): ${Object.keys(changed).length} commune codes differ from ${baseline.cogYear}, ` +
        `${Object.values(changed).filter((siren) => siren === null).length} of them in no EPCI then; ${gone} EPCI gone, ` +
        `${Object.keys(names).length - gone} renamed` +
        (blank > 0 ? `; ${blank} member(s) without a code skipped` : ''),
    );
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const history = {
  source: {
    package: PACKAGE,
    file: 'data/epci.json',
    licence: 'data: Licence Ouverte (Etalab); package: MIT',
    baseline,
    versions: VERSIONS,
    derivation:
      `For each year, every commune code of that version's communes.json (current communes, communes déléguées and associées, ` +
      `arrondissements, codes kept in anciensCodes) whose EPCI that year (the one of its current commune then) differs from ` +
      `the one epciOf gives with the installed ${PACKAGE} ${baseline.version} (COG ${baseline.cogYear}); null: in no EPCI that year. ` +
      `epcis: the EPCI of that year whose SIREN is gone from the installed data, or whose name differed. Made by scripts/make-epci-history.mjs.`,
  },
  years,
};
const text = `${JSON.stringify(history)}\n`;
writeFileSync(output, text);
for (const line of summary) console.log(line);
console.log(`server/geo/epci-history.json: ${Object.keys(years).join(', ')}, ${Buffer.byteLength(text)} bytes`);
