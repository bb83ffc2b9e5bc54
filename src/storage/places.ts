import type { PlaceDatasetMeta } from '../domain/place';
import type { RepereStorage } from './open-storage';
import { PLACES_META_KEY } from './schema';

/** The description of the places dataset in use, or undefined when none was ever loaded. */
export function readPlacesMeta(storage: Pick<RepereStorage, 'placesMeta'>): Promise<PlaceDatasetMeta | undefined> {
  return storage.placesMeta.get(PLACES_META_KEY);
}
