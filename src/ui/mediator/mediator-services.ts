import type { DeviceSettings } from '../../domain/device-settings';
import type { RepereStorage } from '../../storage/open-storage';
import type { SyncCycleOutcome } from '../../sync/sync-cycle';

/** What the mediator space needs from the outside (App passes them; tests can build their own). */
export interface MediatorServices {
  readonly storage: RepereStorage;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly fetcher: typeof fetch;
  /** The device's settings as they are now. */
  readonly settings: DeviceSettings;
  /** Called once new settings are saved (all of them, validated): the app applies them at once. */
  readonly onSettingsSaved: (settings: DeviceSettings) => void;
  /** Runs a sync cycle now (mediator settings' "Envoyer maintenant"); null when offline or already running. */
  readonly syncNow: () => Promise<SyncCycleOutcome | null>;
}
