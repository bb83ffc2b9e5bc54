import Papa from 'papaparse';
import { NATIONAL_SERVICES, SPECIFIC_SUPPORT, type NationalService, type SpecificSupport } from '../domain/national-vocabulary';
import type { Place } from '../domain/place';
import { checkCoordinates } from './france-bounds';

/** The shapes of places files Repère reads. (This first importer reads the national standard v1 CSV.) */
export type PlacesShape = 'standard-v1-csv';

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
  'missingCoordinates',
  'swappedCoordinates',
  'coordinatesOutsideFrance',
  'unknownDate',
  'unknownService',
  'unknownSpecificSupport',
  'noPublic',
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

/** Values written differently from the vocabulary in real files (the schema's own description misspells one). */
const SERVICE_SPELLINGS: Readonly<Record<string, NationalService>> = {
  'Comprehension du monde numérique': 'Compréhension du monde numérique',
};
/** Placeholder dates of real files: epoch zero, shifted by a time zone. */
const PLACEHOLDER_DATES = /^(1970-01-01|1969-12-31)/;
const NO_PUBLIC = "Ce lieu n'accueille pas de public";

/** NFC, typographic apostrophes made straight, spaces collapsed: how values are compared. */
const clean = (value: string | undefined): string =>
  (value ?? '').normalize('NFC').replace(/[’ʼ]/g, "'").replace(/\s+/g, ' ').trim();
const list = (value: string | undefined): string[] =>
  clean(value)
    .split('|')
    .map((v) => v.trim())
    .filter(Boolean);

/** "+33373275157" → "03 73 27 51 57" (people dial what they read); other numbers stay as given. */
export function displayPhone(raw: string): string {
  const digits = raw.replace(/[\s.-]/g, '');
  const french = /^\+33(\d{9})$/.exec(digits);
  const national = french ? `0${french[1]}` : digits;
  return /^0\d{9}$/.test(national) ? national.replace(/(\d{2})(?=\d)/g, '$1 ') : raw.trim();
}

function detectShape(fields: readonly string[]): PlacesShape {
  const names = new Set(fields.map((f) => clean(f).toLowerCase()));
  const missing = V1_REQUIRED.filter((c) => !names.has(c));
  if (missing.length === 0 && V1_MARKERS.some((m) => names.has(m))) return 'standard-v1-csv';
  throw new PlacesImportError(
    'notPlacesFile',
    `Ce fichier n'est pas un fichier de lieux de médiation numérique (colonnes manquantes : ${missing.join(', ') || V1_MARKERS.join(', ')}).`,
  );
}

/**
 * Reads a places file (national standard v1 CSV, `|` lists) into Places, with a report of every row read, imported or
 * skipped (with its line and reason) and the warnings by kind. A file that is not a places file throws a
 * PlacesImportError; nothing is written anywhere, so the dataset in use stays untouched.
 */
export function importPlaces(text: string, options: { source: string }): { places: Place[]; report: ImportReport } {
  if (text.length > MAX_FILE_BYTES) throw new PlacesImportError('tooLarge', 'Ce fichier est trop gros pour un fichier de lieux.');
  const content = text.replace(/^\uFEFF/, '');
  if (content.trim() === '') throw new PlacesImportError('empty', 'Ce fichier est vide.');
  if (content.slice(0, 4096).includes('\u0000')) {
    throw new PlacesImportError('notPlacesFile', "Ce fichier n'est pas un fichier texte (une image ? un document ?).");
  }
  const parsed = Papa.parse<Record<string, string>>(content, { header: true, skipEmptyLines: 'greedy' });
  const shape = detectShape(parsed.meta.fields ?? []);

  const warnings = Object.fromEntries(WARNING_KINDS.map((k) => [k, 0])) as Record<WarningKind, number>;
  const skipped: Array<{ line: number; reason: string }> = [];
  const places: Place[] = [];
  const seen = new Set<string>();
  const services = new Set<string>(NATIONAL_SERVICES);
  const supports = new Set<string>(SPECIFIC_SUPPORT);

  parsed.data.forEach((row, index) => {
    const line = index + 2; // the header is line 1
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
    const date = clean(row.date_maj);
    const updatedAt = /^\d{4}-\d{2}-\d{2}/.test(date) && !PLACEHOLDER_DATES.test(date) ? date.slice(0, 10) : null;
    if (!updatedAt) warnings.unknownDate += 1;
    const noPublic = list(row.modalites_acces).includes(NO_PUBLIC);
    if (noPublic) warnings.noPublic += 1;
    const phone = list(row.telephone)[0];
    const hours = clean(row.horaires);

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
      website: list(row.site_web)[0] ?? null,
      openingHours: hours || null,
      updatedAt,
      ...(noPublic ? { noPublic: true } : {}),
    });
  });

  return {
    places,
    report: { shape, rowsRead: parsed.data.length, imported: places.length, skipped, warnings },
  };
}
