import { appUrl } from './app-base';
import type { PlaceDataset } from '../content/demo-places';
import type { RepereStorage } from '../storage/open-storage';
import { readPlacesMeta } from '../storage/places';
import { attemptSave, type SaveOutcome } from './save-outcome';

/**
 * Gives the device its places at start-up:
 * - a real dataset already on the device (shipped before, or imported by a mediator) is kept;
 * - else the dataset shipped with this build (`npm run places:import`, public/places/dataset.json) replaces the demo;
 * - else a new device gets the fictional demo places, so the kiosk works out of the box.
 */
export async function ensurePlacesDataset(deps: {
  storage: Pick<RepereStorage, 'placesMeta' | 'replacePlaces'>;
  loadShipped: () => Promise<PlaceDataset | null>;
  loadDemo: () => Promise<PlaceDataset>;
}): Promise<SaveOutcome | 'kept'> {
  const current = await readPlacesMeta(deps.storage);
  if (current && !current.fictional) return 'kept';
  const shipped = await deps.loadShipped().catch(() => null);
  if (shipped && !shipped.meta.fictional) return attemptSave(() => deps.storage.replacePlaces(shipped.meta, shipped.places));
  if (current) return 'kept';
  const demo = await deps.loadDemo();
  return attemptSave(() => deps.storage.replacePlaces(demo.meta, demo.places));
}

/** The dataset shipped with the build, if any: a JSON file precached with the app. null when this build has none. */
export async function fetchShippedPlaces(fetcher: typeof fetch, url = appUrl('places/dataset.json')): Promise<PlaceDataset | null> {
  const response = await fetcher(url);
  if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return null;
  const data = (await response.json()) as Partial<PlaceDataset> | null;
  return data && data.meta && Array.isArray(data.places) ? (data as PlaceDataset) : null;
}
