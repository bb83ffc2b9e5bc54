import Papa from 'papaparse';
import { NATIONAL_SERVICES, SPECIFIC_SUPPORT, type NationalService, type SpecificSupport } from '../domain/national-vocabulary';
import { FRANCE_SERVICES, FRANCE_SERVICES_TYPOLOGIES, PUBLIC_VALUES } from '../domain/place-audience';
import type { Place, PlaceDatasetMeta } from '../domain/place';
import { checkCoordinates } from './france-bounds';
import { safeEmail, safeWebUrl } from './safe-links';

/**
 * The shapes of places files Repère reads: the national standard v1 CSV (`|` lists), its v0.1 CSV (`;` lists, old
 * field names, the 15 old services), and the ANCT JSON arrays (v0.1 fields, or transitional files mixing old and new).
 * and the raw BFC TerNum CSV (half-day hour columns, letter codes), mapped as mednum-cli's mednum-bfc config does.
 */
export type PlacesShape = 'standard-v1-csv' | 'standard-v0.1-csv' | 'anct-json' | 'bfc-ternum-raw-csv';

export type PlacesImportErrorCode = 'empty' | 'tooLarge' | 'notPlacesFile';

/** A file that is not a places file at all: one clear error, and the current dataset stays as it is. */
export class PlacesImportError extends Error {
  override readonly name = 'PlacesImportError';

  constructor(
    readonly code: PlacesImportErrorCode,
    detail: string,
  ) {
    super(detail);
  }
}

export const WARNING_KINDS = [
  'unreadableHours',
  'missingCoordinates',
  'swappedCoordinates',
  'coordinatesOutsideFrance',
  'unknownDate',
  'unknownService',
  'unknownSpecificSupport',
  'noPublic',
  'unsafeUrl',
  'unknownPublic',
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

/** What an import did, row by row: never a row dropped silently. */
export interface ImportReport {
  readonly shape: PlacesShape;
  readonly rowsRead: number;
  readonly imported: number;
  readonly skipped: ReadonlyArray<{ readonly line: number; readonly reason: string }>;
  readonly warnings: Readonly<Record<WarningKind, number>>;
}

/** Larger than the national file (about 18 000 places, ~15 MB): anything bigger is not a places file. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Columns the national standard v1 requires (schema.json v1.0.2), and one only v1 has. */
const V1_REQUIRED = ['id', 'nom', 'commune', 'code_postal', 'adresse'] as const;
const V1_MARKERS = ['prise_en_charge_specifique', 'modalites_acces', 'frais_a_charge'] as const;

/** Columns only the v0.1 standard has. */
const V0_MARKERS = ['publics_accueillis', 'conditions_acces', 'cle_ban', 'labels_nationaux'] as const;

/**
 * Values written otherwise than the v1 vocabulary: the schema's own misspelling, and the 15 services of v0.1 mapped to
 * the 9 of v1 (mapping of the ANCT library, `to-schema-data-inclusion-fields.ts`, see shared NOTES.md §1.4).
 */
const SERVICE_SPELLINGS: Readonly<Record<string, NationalService>> = {
  'Comprehension du monde numérique': 'Compréhension du monde numérique',
  'Devenir autonome dans les démarches administratives': 'Aide aux démarches administratives',
  'Réaliser des démarches administratives avec un accompagnement': 'Aide aux démarches administratives',
  'Accompagner les démarches de santé': 'Aide aux démarches administratives',
  'Prendre en main un smartphone ou une tablette': 'Maîtrise des outils numériques du quotidien',
  'Prendre en main un ordinateur': 'Maîtrise des outils numériques du quotidien',
  'Utiliser le numérique au quotidien': 'Maîtrise des outils numériques du quotidien',
  'Favoriser mon insertion professionnelle': 'Insertion professionnelle via le numérique',
  'Créer et développer mon entreprise': 'Insertion professionnelle via le numérique',
  "Soutenir la parentalité et l'éducation avec le numérique": 'Parentalité et éducation avec le numérique',
  'Créer avec le numérique': 'Loisirs et créations numériques',
  'Approfondir ma culture numérique': 'Compréhension du monde numérique',
  'Promouvoir la citoyenneté numérique': 'Compréhension du monde numérique',
  'Accéder à une connexion internet': 'Accès internet et matériel informatique',
  'Accéder à du matériel': 'Accès internet et matériel informatique',
  "S'équiper en matériel informatique": 'Acquisition de matériel informatique à prix solidaire',
};

/** v0.1 `publics_accueillis` values that are specific support in v1 (the others are publics, not support). */
function supportFromOldPublic(value: string): SpecificSupport | null {
  if (value === 'Public langues étrangères') return 'Langues étrangères (autres)';
  if (value === 'Déficience visuelle' || value === 'Surdité') return value;
  if (value.startsWith('Handicaps mentaux') || value.startsWith('Handicaps psychiques')) return 'Handicaps mentaux';
  if (value === "Personnes en situation d'illettrisme") return 'Illettrisme';
  return null;
}
/** v0.1 `conditions_acces` values are "Label : sentence": the label decides (NOTES.md §1.4). Longest label first. */
const OLD_FEES: ReadonlyArray<readonly [string, string]> = [
  ['Gratuit sous condition', 'Gratuit sous condition'],
  ['Gratuit', 'Gratuit'],
  ['Payant', 'Payant'],
  ['Adhésion', 'Payant'],
];
/** v0.1 `modalites_accompagnement` labels → v1 values. */
const OLD_SUPPORT_MODES: ReadonlyArray<readonly [string, string]> = [
  ['Seul', 'En autonomie'],
  ["Avec de l'aide", 'Accompagnement individuel'],
  ['A ma place', 'Accompagnement individuel'],
  ['À ma place', 'Accompagnement individuel'],
  ['Dans un atelier', 'Dans un atelier collectif'],
];
const V1_SUPPORT_MODES = new Set(['En autonomie', 'Accompagnement individuel', 'Dans un atelier collectif', 'À distance']);
/** v0.1 `labels_nationaux` → v1 `dispositif_programmes_nationaux` (the others are training labels, not programmes). */
const OLD_PROGRAMMES: Readonly<Record<string, string>> = {
  CNFS: 'Conseillers numériques',
  'France Services': 'France Services',
  'Aidants Connect': 'Aidants Connect',
  'Point numérique CAF': "Point d'accès numérique CAF",
  'Grandes écoles du numérique': 'Grande école du numérique',
};

/** The v1 value of an old "Label : sentence" value, by its label; null when the label has no v1 equivalent. */
function byLabel(value: string, table: ReadonlyArray<readonly [string, string]>): string | null {
  for (const [label, v1] of table) if (value === label || value.startsWith(`${label} :`) || value.startsWith(`${label}:`)) return v1;
  return null;
}
const unique = (values: ReadonlyArray<string | null>): string[] => [...new Set(values.filter((v): v is string => Boolean(v)))];
/** The optional fields of a Place, only when they hold something: the dataset stays compact. */
function extras(fields: Readonly<Record<string, string | boolean | readonly string[] | null | undefined>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== null && v !== undefined && v !== false && v !== '' && !(Array.isArray(v) && v.length === 0)),
  );
}

/** Placeholder dates of real files: epoch zero, shifted by a time zone. */
const PLACEHOLDER_DATES = /^(1970-01-01|1969-12-31)/;
const NO_PUBLIC = "Ce lieu n'accueille pas de public";

/** NFC, typographic apostrophes made straight, spaces collapsed: how values are compared. */
const clean = (value: unknown): string =>
  (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '')
    .normalize('NFC').replace(/[’ʼ]/g, "'").replace(/\s+/g, ' ').trim();
// Lists use `|` (v1) or `;` (v0.1); transitional files mix both, and no vocabulary value contains either.
const list = (value: unknown): string[] =>
  clean(typeof value === 'string' ? value : Array.isArray(value) ? value.join('|') : '')
    .split(/[|;]/)
    .map((v) => v.trim())
    .filter(Boolean);

/** "+33373275157" → "03 73 27 51 57" (people dial what they read); other numbers stay as given. */
export function displayPhone(raw: string): string {
  const digits = raw.replace(/[\s.-]/g, '');
  const french = /^\+33(\d{9})$/.exec(digits);
  const national = french ? `0${french[1]}` : digits;
  return /^0\d{9}$/.test(national) ? national.replace(/(\d{2})(?=\d)/g, '$1 ') : raw.trim();
}

function detectShape(fields: readonly string[], json: boolean): PlacesShape {
  const names = new Set(fields.map((f) => clean(f).toLowerCase()));
  const missing = V1_REQUIRED.filter((c) => !names.has(c));
  if (BFC_MARKERS.every((m) => names.has(m))) return 'bfc-ternum-raw-csv';
  if (missing.length === 0) {
    if (json) return 'anct-json';
    if (V1_MARKERS.some((m) => names.has(m))) return 'standard-v1-csv';
    if (V0_MARKERS.some((m) => names.has(m))) return 'standard-v0.1-csv';
  }
  throw new PlacesImportError(
    'notPlacesFile',
    `Ce fichier n'est pas un fichier de lieux de médiation numérique (colonnes manquantes : ${missing.join(', ') || V1_MARKERS.join(', ')}).`,
  );
}

/** Columns of the raw BFC TerNum file (multi-coop/data-bfc-ternum). */
const BFC_MARKERS = ['bfc_id', 'nom_structure', 'lundi matin'] as const;

/**
 * The raw BFC letter codes → national services, as mednum-cli's `mednum-bfc.config.json` maps them: a term matches when
 * it appears (case-insensitively, as a substring, mednum-cli's rule) in one of the listed columns.
 */
const BFC_SERVICES: ReadonlyArray<readonly [readonly string[], readonly string[], NationalService]> = [
  [['code_accomp', 'code_typo'], ['G', 'L', 'RDV', 'I'], 'Aide aux démarches administratives'],
  [['code_accomp'], ['F', 'TL'], 'Loisirs et créations numériques'],
  [['code_accomp'], ['F'], 'Compréhension du monde numérique'],
  [['code_accomp'], ['A', 'T', 'TL'], 'Accès internet et matériel informatique'],
];
const BFC_SUPPORT_MODES: ReadonlyArray<readonly [readonly string[], readonly string[], string]> = [
  [['code_accomp'], ['A'], 'En autonomie'],
  [['code_accomp'], ['R', 'G'], 'Dans un atelier collectif'],
  [['code_accomp'], ['RDV', 'L'], 'Accompagnement individuel'],
];
/** The publisher the official derivation writes for this file. */
const BFC_PUBLISHER = 'Mednum BFC';
const BFC_DAYS = [
  ['lundi', 'Mo'],
  ['mardi', 'Tu'],
  ['mercredi', 'We'],
  ['jeudi', 'Th'],
  ['vendredi', 'Fr'],
  ['samedi', 'Sa'],
  ['dimanche', 'Su'],
] as const;
const HALF_DAY = /^\s*(\d{1,2})\s*[hH:]\s*(\d{2})?\s*[-à/]?\s*(\d{1,2})\s*[hH:]\s*(\d{2})?\s*$/;
const CLOSED = new Set(['', '-', 'x', 'X', 'fermé', 'Fermé']);

function clock(hours: string, minutes: string | undefined): string {
  const h = Number(hours);
  const m = Number(minutes ?? 0);
  if (h > 24 || m > 59) throw new RangeError(`${hours}h${minutes ?? ''}`);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** "8h30-12h", "9h12h" → "08:30-12:00"; "-", "x", empty → closed that half-day. Throws on anything else. */
function halfDay(value: unknown): string | null {
  const text = clean(value);
  if (CLOSED.has(text)) return null;
  const m = HALF_DAY.exec(text);
  if (!m) throw new RangeError(text);
  return `${clock(m[1]!, m[2])}-${clock(m[3]!, m[4])}`;
}

/** The half-day columns as one OpenStreetMap opening_hours string, consecutive days with the same hours merged. */
export function bfcOpeningHours(row: Readonly<Record<string, unknown>>): string {
  const groups: Array<{ from: string; to: string; hours: string; index: number }> = [];
  BFC_DAYS.forEach(([day, osm], index) => {
    const hours = [halfDay(row[`${day} matin`]), halfDay(row[`${day} après-midi`])].filter(Boolean).join(',');
    if (!hours) return;
    const last = groups.at(-1);
    if (last && last.hours === hours && last.index === index - 1) {
      last.to = osm;
      last.index = index;
    } else {
      groups.push({ from: osm, to: osm, hours, index });
    }
  });
  return groups.map((g) => `${g.from === g.to ? g.from : `${g.from}-${g.to}`} ${g.hours}`).join('; ');
}

/** A raw BFC row in the field names of the national standard, so the same normalisation applies. */
function fromBfcRow(row: Readonly<Record<string, unknown>>, warnings: Record<WarningKind, number>): Record<string, unknown> {
  const has = (columns: readonly string[], terms: readonly string[]) =>
    columns.some((c) => terms.some((t) => clean(row[c]).toLowerCase().includes(t.toLowerCase())));
  let hours = '';
  let rawHours = '';
  try {
    hours = bfcOpeningHours(row);
  } catch {
    // Kept as written, for a person to read: the app says "horaires non communiqués" and shows this text to mediators.
    rawHours = BFC_DAYS.flatMap(([day]) => ['matin', 'après-midi'].map((half) => `${day} ${half}`))
      .filter((column) => !CLOSED.has(clean(row[column])))
      .map((column) => `${column} ${clean(row[column])}`)
      .join(' ; ');
    warnings.unreadableHours += 1;
  }
  const date = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(clean(row.mise_a_jour));
  const matching = (rules: typeof BFC_SUPPORT_MODES) => rules.filter(([columns, terms]) => has(columns, terms)).map(([, , value]) => value);
  return {
    horaires_source: rawHours,
    courriels: row.contact_email,
    source: BFC_PUBLISHER,
    modalites_accompagnement: matching(BFC_SUPPORT_MODES).join('|'),
    id: row.bfc_id,
    nom: row.nom_structure,
    commune: row.ville,
    code_postal: row.code_postal,
    adresse: row.adresse,
    latitude: row.lat,
    longitude: row.lon,
    telephone: row.contact_tel,
    site_web: row.url_lieu,
    horaires: hours,
    date_maj: date ? `${date[3]}-${date[2]}-${date[1]}` : '',
    services: matching(BFC_SERVICES).join('|'),
    // The MSAP label is the France Services network (mednum-bfc config: code_label MSAP → typologie MSAP). "MFS"
    // (Maison France Services) is recognised from the place's name at search time (src/domain/place-audience.ts).
    ...(has(['code_label'], ['MSAP']) ? { typologie: 'MSAP' } : {}),
  };
}

/** The rows of a file, whatever its format: a JSON array of objects, or a CSV with a header line. */
function readRows(content: string): { rows: Array<Record<string, unknown>>; fields: string[]; json: boolean } {
  const start = content.trimStart()[0];
  if (start === '[' || start === '{') {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch {
      throw new PlacesImportError('notPlacesFile', "Ce fichier JSON est abîmé : il ne peut pas être lu.");
    }
    if (!Array.isArray(data) || !data.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) {
      throw new PlacesImportError('notPlacesFile', "Ce fichier JSON n'est pas une liste de lieux.");
    }
    const rows = data as Array<Record<string, unknown>>;
    return { rows, fields: [...new Set(rows.slice(0, 50).flatMap((r) => Object.keys(r)))], json: true };
  }
  const parsed = Papa.parse<Record<string, string>>(content, { header: true, skipEmptyLines: 'greedy' });
  return { rows: parsed.data, fields: parsed.meta.fields ?? [], json: false };
}

/**
 * Reads a places file (national standard v1 or v0.1 CSV, ANCT JSON) into Places, with a report of every row read, imported or
 * skipped (with its line and reason) and the warnings by kind. A file that is not a places file throws a
 * PlacesImportError; nothing is written anywhere, so the dataset in use stays untouched.
 */
export function importPlaces(
  text: string,
  options: { source: string; onProgress?: (rowsDone: number, rowsTotal: number) => void },
): { places: Place[]; report: ImportReport } {
  if (text.length > MAX_FILE_BYTES) throw new PlacesImportError('tooLarge', 'Ce fichier est trop gros pour un fichier de lieux.');
  const content = text.replace(/^\uFEFF/, '');
  if (content.trim() === '') throw new PlacesImportError('empty', 'Ce fichier est vide.');
  if (content.slice(0, 4096).includes('\u0000')) {
    throw new PlacesImportError('notPlacesFile', "Ce fichier n'est pas un fichier texte (une image ? un document ?).");
  }
  const { rows, fields, json } = readRows(content);
  const shape = detectShape(fields, json);

  const warnings = Object.fromEntries(WARNING_KINDS.map((k) => [k, 0])) as Record<WarningKind, number>;
  const skipped: Array<{ line: number; reason: string }> = [];
  const places: Place[] = [];
  const seen = new Set<string>();
  const services = new Set<string>(NATIONAL_SERVICES);
  const supports = new Set<string>(SPECIFIC_SUPPORT);

  rows.forEach((raw, index) => {
    if (options.onProgress && index % PROGRESS_EVERY_ROWS === 0) options.onProgress(index, rows.length);
    const line = json ? index + 1 : index + 2; // CSV: the header is line 1; JSON: the n-th place
    const row = shape === 'bfc-ternum-raw-csv' ? fromBfcRow(raw, warnings) : raw;
    const id = clean(row.id);
    const name = clean(row.nom);
    const postalCode = clean(row.code_postal);
    if (!id) return void skipped.push({ line, reason: 'id manquant' });
    if (!name) return void skipped.push({ line, reason: `nom manquant (id ${id})` });
    if (!/^\d{5}$/.test(postalCode)) return void skipped.push({ line, reason: `code postal invalide « ${postalCode} » (id ${id})` });
    if (seen.has(id)) return void skipped.push({ line, reason: `id en double « ${id} »` });
    seen.add(id);

    let lat: number | null = Number.parseFloat(clean(row.latitude));
    let lon: number | null = Number.parseFloat(clean(row.longitude));
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) {
      lat = null;
      lon = null;
      warnings.missingCoordinates += 1;
    } else {
      const check = checkCoordinates(lat, lon);
      if (check === 'swapped') {
        [lat, lon] = [lon, lat];
        warnings.swappedCoordinates += 1;
      } else if (check === 'outside') {
        lat = null;
        lon = null;
        warnings.coordinatesOutsideFrance += 1;
      }
    }

    const rowServices: NationalService[] = [];
    for (const value of list(row.services)) {
      const known = SERVICE_SPELLINGS[value] ?? value;
      if (services.has(known)) rowServices.push(known as NationalService);
      else warnings.unknownService += 1;
    }
    const rowSupport: SpecificSupport[] = [];
    for (const value of list(row.prise_en_charge_specifique)) {
      if (supports.has(value)) rowSupport.push(value as SpecificSupport);
      else warnings.unknownSpecificSupport += 1;
    }
    for (const value of list(row.publics_accueillis)) {
      const support = supportFromOldPublic(value);
      if (support) rowSupport.push(support);
    }
    const date = clean(row.date_maj);
    const updatedAt = /^\d{4}-\d{2}-\d{2}/.test(date) && !PLACEHOLDER_DATES.test(date) ? date.slice(0, 10) : null;
    if (!updatedAt) warnings.unknownDate += 1;
    const noPublic = list(row.modalites_acces).includes(NO_PUBLIC);
    if (noPublic) warnings.noPublic += 1;
    const phone = list(row.telephone)[0];
    const hours = clean(row.horaires);
    const rawHours = clean(row.horaires_source);
    const v1Fees = list(row.frais_a_charge);
    const fees = v1Fees.length > 0 ? v1Fees : unique(list(row.conditions_acces).map((v) => byLabel(v, OLD_FEES)));
    const supportModes = unique(
      list(row.modalites_accompagnement).map((v) => (V1_SUPPORT_MODES.has(v) ? v : byLabel(v, OLD_SUPPORT_MODES))),
    );
    const typology = unique(list(row.typologie));
    const programmes = unique([
      ...list(row.dispositif_programmes_nationaux),
      ...list(row.labels_nationaux).map((v) => OLD_PROGRAMMES[v] ?? null),
      // The France Services network (RFS) and the MSAP it replaced are the France Services programme.
      typology.some((code) => FRANCE_SERVICES_TYPOLOGIES.has(code)) ? FRANCE_SERVICES : null,
    ]);
    // Who the place is for: raw values kept (a place is excluded only by a value the table knows), unknown ones counted.
    const publics = list(row.publics_specifiquement_adresses);
    const welcomes = list(row.publics_accueillis).filter((value) => supportFromOldPublic(value) === null);
    for (const value of [...publics, ...welcomes]) if (!(value in PUBLIC_VALUES)) warnings.unknownPublic += 1;
    // Links are data from someone else: only http(s) web addresses and plain e-mail addresses are kept.
    const safeOrWarn = <T>(raw: string | undefined, check: (value: string) => T | null): T | null => {
      if (!raw) return null;
      const safe = check(raw);
      if (safe === null) warnings.unsafeUrl += 1;
      return safe;
    };
    const website = safeOrWarn(list(row.site_web)[0], safeWebUrl);
    const bookingUrl = safeOrWarn(clean(row.prise_rdv), safeWebUrl);
    const email = safeOrWarn(list(row.courriels ?? row.courriel)[0], safeEmail);

    places.push({
      id: `${options.source}:${id}`,
      name,
      street: [clean(row.adresse), clean(row.complement_adresse)].filter(Boolean).join(', '),
      postalCode,
      commune: clean(row.commune),
      inseeCode: clean(row.code_insee) || null,
      lat,
      lon,
      services: [...new Set(rowServices)],
      specificSupport: [...new Set(rowSupport)],
      phone: phone ? displayPhone(phone) : null,
      website,
      openingHours: hours || null,
      updatedAt,
      ...extras({
        noPublic,
        openingHoursRaw: rawHours && rawHours !== hours ? rawHours : null,
        fees,
        accessModes: list(row.modalites_acces),
        supportModes,
        programmes,
        email,
        bookingUrl,
        itinerant: list(row.itinerance).includes('Itinérant'),
        publisher: clean(row.source),
        typology,
        publics: unique(publics),
        welcomes: unique(welcomes),
      }),
    });
  });

  options.onProgress?.(rows.length, rows.length);
  return {
    places,
    report: { shape, rowsRead: rows.length, imported: places.length, skipped, warnings },
  };
}

/**
 * The licence a file shape is published under, when the shape says it: the BFC raw file (Mednum BFC / TerNum,
 * multi-coop/data-bfc-ternum) is ODbL 1.0, whose attribution and share-alike must be said with every list, not the
 * Licence Ouverte of the national files. null: the shape does not tell (the caller's licence applies).
 */
export function licenceOfShape(shape: PlacesShape): string | null {
  return shape === 'bfc-ternum-raw-csv' ? 'ODbL 1.0 (Open Database License)' : null;
}

/** How often an import says how far it got (a progress bar needs no more). */
const PROGRESS_EVERY_ROWS = 500;

/** The description of a dataset built from imported places: its freshness is the latest update among them. */
export function datasetMeta(
  places: readonly Place[],
  options: { source: string; licence: string; now: Date; sourceUrl?: string; etag?: string; lastModified?: string },
): PlaceDatasetMeta {
  let updatedAt: string | null = null;
  for (const place of places) if (place.updatedAt && (updatedAt === null || place.updatedAt > updatedAt)) updatedAt = place.updatedAt;
  return {
    source: options.source,
    fictional: false,
    importedAt: options.now.toISOString(),
    updatedAt,
    count: places.length,
    licence: options.licence,
    ...(options.sourceUrl ? { sourceUrl: options.sourceUrl } : {}),
    ...(options.etag ? { etag: options.etag } : {}),
    ...(options.lastModified ? { lastModified: options.lastModified } : {}),
  };
}

/** Runs importPlaces somewhere (a worker in the app, the same thread in tests), reporting rows done. */
export type ImportRunner = (
  text: string,
  source: string,
  onRows: (rowsDone: number, rowsTotal: number) => void,
) => Promise<ReturnType<typeof importPlaces>>;
