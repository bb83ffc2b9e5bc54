import type { PlaceDatasetMeta } from '../domain/place';
import { PlacesImportError, datasetMeta, licenceOfShape, type ImportReport, type ImportRunner, type importPlaces } from '../places/import-places';

export type { ImportRunner };
import type { RepereStorage } from '../storage/open-storage';
import { readPlacesMeta } from '../storage/places';

/** How far an import got, for a progress bar: reading the file, reading its rows, saving. `ratio` goes 0 → 1. */
export interface ImportProgress {
  readonly stage: 'reading' | 'parsing' | 'saving';
  readonly ratio: number;
}

export type ImportOutcome =
  | { readonly kind: 'imported'; readonly report: ImportReport; readonly meta: PlaceDatasetMeta }
  /** The source answered "not modified": the dataset on the device is already the latest. */
  | { readonly kind: 'unchanged' }
  /** Nothing was written: the dataset in use is exactly as before. */
  | { readonly kind: 'failed'; readonly reason: ImportFailure; readonly detail: string };

export type ImportFailure = PlacesImportError['code'] | 'noPlaces' | 'unreadable' | 'network' | 'http' | 'storage';

export interface PlacesImportDeps {
  readonly storage: Pick<RepereStorage, 'placesMeta' | 'replacePlaces'>;
  readonly run: ImportRunner;
  readonly now: () => Date;
  readonly onProgress?: (progress: ImportProgress) => void;
}

/** Reading takes the first fifth of the bar, rows the next seven tenths, saving the rest. */
const READ_SHARE = 0.2;
const PARSE_SHARE = 0.7;

/** Reads a picked file as text, saying how far it got (a 15 MB national file on a slow tablet takes a moment). */
async function readText(file: Blob, onRatio: (ratio: number) => void): Promise<string> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let done = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    done += chunk.value.byteLength;
    text += decoder.decode(chunk.value, { stream: true });
    onRatio(file.size > 0 ? done / file.size : 1);
  }
  return text + decoder.decode();
}

/** Imports a text into the device's dataset: all the places or none; the report says what each row became. */
async function importText(
  deps: PlacesImportDeps,
  text: string,
  options: { source: string; licence: string; sourceUrl?: string; etag?: string; lastModified?: string },
): Promise<ImportOutcome> {
  let result: ReturnType<typeof importPlaces>;
  try {
    result = await deps.run(text, options.source, (rowsDone, rowsTotal) =>
      deps.onProgress?.({ stage: 'parsing', ratio: READ_SHARE + PARSE_SHARE * (rowsTotal ? rowsDone / rowsTotal : 1) }),
    );
  } catch (error) {
    if (error instanceof PlacesImportError) return { kind: 'failed', reason: error.code, detail: error.message };
    return { kind: 'failed', reason: 'unreadable', detail: String(error) };
  }
  if (result.places.length === 0) {
    return { kind: 'failed', reason: 'noPlaces', detail: `${result.report.rowsRead} rows read, none could be imported` };
  }
  deps.onProgress?.({ stage: 'saving', ratio: READ_SHARE + PARSE_SHARE });
  const meta = datasetMeta(result.places, { ...options, licence: licenceOfShape(result.report.shape) ?? options.licence, now: deps.now() });
  try {
    await deps.storage.replacePlaces(meta, result.places);
  } catch (error) {
    return { kind: 'failed', reason: 'storage', detail: error instanceof Error ? error.message : String(error) };
  }
  deps.onProgress?.({ stage: 'saving', ratio: 1 });
  return { kind: 'imported', report: result.report, meta };
}

/**
 * A places file picked on the device (mediator settings): read with progress, imported off the main thread, and
 * swapped in whole. A file that is not a places file, or has no usable row, leaves the current dataset untouched.
 */
export async function importPlacesFile(
  deps: PlacesImportDeps,
  file: Blob & { readonly name?: string },
  options: { source: string; licence: string },
): Promise<ImportOutcome> {
  let text: string;
  try {
    text = await readText(file, (ratio) => deps.onProgress?.({ stage: 'reading', ratio: READ_SHARE * ratio }));
  } catch (error) {
    return { kind: 'failed', reason: 'unreadable', detail: String(error) };
  }
  return importText(deps, text, options);
}

/**
 * Refreshes the dataset from the source URL a mediator configured, when online: a conditional request (the ETag and
 * Last-Modified of the last answer), so an unchanged file costs a few bytes. Any failure — no network, an HTTP error,
 * a file that is not a places file — keeps the dataset in use as it is.
 */
export async function refreshPlacesFromSource(
  deps: PlacesImportDeps & { readonly fetcher: typeof fetch },
  options: { url: string; source: string; licence: string },
): Promise<ImportOutcome> {
  const current = await readPlacesMeta(deps.storage).catch(() => undefined);
  const sameSource = current?.sourceUrl === options.url;
  const headers: Record<string, string> = {};
  if (sameSource && current?.etag) headers['If-None-Match'] = current.etag;
  if (sameSource && current?.lastModified) headers['If-Modified-Since'] = current.lastModified;
  let response: Response;
  try {
    response = await deps.fetcher(options.url, { headers, cache: 'no-store' });
  } catch (error) {
    return { kind: 'failed', reason: 'network', detail: String(error) };
  }
  if (response.status === 304) return { kind: 'unchanged' };
  if (!response.ok) return { kind: 'failed', reason: 'http', detail: `HTTP ${response.status}` };
  let text: string;
  try {
    deps.onProgress?.({ stage: 'reading', ratio: 0 });
    text = await response.text();
  } catch (error) {
    return { kind: 'failed', reason: 'network', detail: String(error) };
  }
  return importText(deps, text, {
    ...options,
    sourceUrl: options.url,
    etag: response.headers.get('ETag') ?? undefined,
    lastModified: response.headers.get('Last-Modified') ?? undefined,
  });
}

/** The licence of the national open data of help places (data.gouv.fr), said with every list shown. */
export const DEFAULT_PLACES_LICENCE = 'Licence Ouverte 2.0 (Etalab)';

/** The name a dataset refreshed from an address is shown under: the file's name without extension, else the host. */
export function placesSourceName(url: string): string {
  try {
    const parsed = new URL(url);
    const last = decodeURIComponent(parsed.pathname.split('/').filter(Boolean).pop() ?? '');
    return last ? last.replace(/\.[^./\\]+$/, '') || last : parsed.host;
  } catch {
    return url;
  }
}

