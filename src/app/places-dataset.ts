import type { PlaceDataset } from '../content/demo-places';
import type { RepereStorage } from '../storage/open-storage';
import { readPlacesMeta } from '../storage/places';
import { attemptSave, type SaveOutcome } from './save-outcome';

/**
 * Gives a new device the fictional demo places, so the kiosk works out of the box. A device that already has a dataset
 * (the demo, or a real one a mediator imported) keeps it.
 */
export async function ensurePlacesDataset(deps: {
  storage: Pick<RepereStorage, 'placesMeta' | 'replacePlaces'>;
  loadDemo: () => Promise<PlaceDataset>;
}): Promise<SaveOutcome | 'kept'> {
  if (await readPlacesMeta(deps.storage)) return 'kept';
  const demo = await deps.loadDemo();
  return attemptSave(() => deps.storage.replacePlaces(demo.meta, demo.places));
}
