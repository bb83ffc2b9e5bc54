import type { Place, PlaceDatasetMeta } from '../domain/place';

/** A places dataset as it ships or is imported: its description and its places. */
export interface PlaceDataset {
  readonly meta: PlaceDatasetMeta;
  readonly places: readonly Place[];
}

/**
 * The small fictional dataset that ships with Repère so a kiosk works out of the box. Loaded on demand (its own chunk,
 * precached by the service worker), never in the first screen's bundle.
 */
export async function loadDemoPlaces(): Promise<PlaceDataset> {
  const module = await import('./demo-places.json');
  return module.default as PlaceDataset;
}
