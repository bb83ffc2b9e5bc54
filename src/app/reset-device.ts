import type { RepereStorage } from '../storage/open-storage';

/**
 * "Réinitialiser l'appareil" (a forgotten PIN): erases everything this device keeps — sessions, results, settings,
 * the PIN, batches not sent, places. The app then starts as new (demo places, default settings).
 */
export async function resetDevice(storage: RepereStorage): Promise<void> {
  await Promise.all([
    storage.sessions.clear(),
    storage.results.clear(),
    storage.settings.clear(),
    storage.outbox.clear(),
    storage.places.clear(),
    storage.placesMeta.clear(),
  ]);
}
