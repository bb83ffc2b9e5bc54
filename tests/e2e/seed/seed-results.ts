// Bundled by scripts/seed-bundle.mjs into a script the e2e tests and the benchmarks add to a page: it fills the device's
// IndexedDB with a year of results through the app's own storage code (openStorage, queueBatches), as a busy France
// Services would have them after a year of work.
import { openStorage } from '../../../src/storage/open-storage';
import { readDeviceSettings, writeDeviceSettings } from '../../../src/storage/settings';
import type { DeviceSettings } from '../../../src/domain/device-settings';
import { DISTANCE_RESULTS, type FinishedResult } from '../../../src/domain/result';
import { THEMES, type Observation } from '../../../src/domain/observation';
import { aV2FinishedResult } from '../../../src/domain/testing/finished-result';
import { seededRandom } from '../../../src/domain/testing/respondent';

declare global {
  interface Window {
    /**
     * Writes `count` results, one every (365 days / count) back from `now`, a third of them guided and observed, on a
     * device that keeps a year of results (retention 365 days, unless `retentionDays` says otherwise).
     */
    repereSeedResults: (count: number, options?: { now?: string; seed?: number; retentionDays?: number }) => Promise<number>;
    /** Writes these device settings over the stored ones (the app reads them at its next start). */
    repereSeedSettings: (settings: Partial<DeviceSettings>) => Promise<void>;
  }
}

const DAY_MS = 86_400_000;
/** Results per transaction: a few hundred milliseconds each, so the page keeps painting. */
const CHUNK = 2_000;

window.repereSeedResults = async (count, options = {}) => {
  const now = Date.parse(options.now ?? new Date().toISOString());
  const random = seededRandom(options.seed ?? 2026);
  const storage = await openStorage();
  const step = (365 * DAY_MS) / Math.max(1, count);
  try {
    await writeDeviceSettings(storage, { ...(await readDeviceSettings(storage)), retentionDays: options.retentionDays ?? 365 });
    for (let start = 0; start < count; start += CHUNK) {
      const chunk: FinishedResult[] = [];
      for (let i = start; i < Math.min(count, start + CHUNK); i += 1) {
        const guided = random() < 0.3;
        const observation: Observation | undefined = guided
          ? {
              autonomy: random() < 0.5 ? 'partlyAutonomous' : 'fullySupported',
              themes: THEMES.filter(() => random() < 0.15),
              activityType: 'individual',
              durationMinutes: random() < 0.5 ? 30 : 60,
              placeType: 'activityPlace',
              equipment: random() < 0.5 ? ['phone'] : ['computer'],
              referral: random() < 0.2 ? 'proceduresHelp' : 'none',
              updatedAt: new Date(now - i * step).toISOString(),
            }
          : undefined;
        chunk.push(
          aV2FinishedResult(`seed-${String(i).padStart(6, '0')}`, new Date(now - i * step).toISOString(), {
            distanceLevel: DISTANCE_RESULTS[Math.floor(random() * DISTANCE_RESULTS.length)]!,
            mode: guided ? 'guided' : 'kiosk',
            language: random() < 0.85 ? 'fr' : 'ar',
            ...(observation ? { observation } : {}),
          }),
        );
      }
      // The app's transaction that writes results (with batches queued; none here).
      await storage.queueBatches([], chunk);
    }
  } finally {
    storage.close();
  }
  return count;
};

window.repereSeedSettings = async (settings) => {
  const storage = await openStorage();
  try {
    await writeDeviceSettings(storage, { ...(await readDeviceSettings(storage)), ...settings });
  } finally {
    storage.close();
  }
};
