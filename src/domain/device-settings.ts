import type { Language } from './language';

/** How this device is used: a public kiosk left alone, or a mediator's tablet. */
export type DeviceMode = 'publicKiosk' | 'mediatorTablet';

/** The configuration of one device, set by a mediator. Nothing in it is about a person. */
export interface DeviceSettings {
  readonly mode: DeviceMode;
  readonly defaultLanguage: Language;
  /** Seconds without a touch before the kiosk asks "Êtes-vous toujours là ?". */
  readonly inactivitySeconds: number;
  /** INSEE code of the device's commune, which the anonymous batches carry; null until configured. */
  readonly inseeCode: string | null;
  /** Days a finished result stays on the device. */
  readonly retentionDays: number;
  /** Where the device stands, to suggest nearby places; null until a mediator sets it (people then type a postal code). */
  readonly location: { readonly lat: number; readonly lon: number; readonly label: string } | null;
}

/** What a new device starts with: a French public kiosk, 90 s of patience, results kept 90 days. */
export const DEFAULT_DEVICE_SETTINGS: DeviceSettings = {
  mode: 'publicKiosk',
  defaultLanguage: 'fr',
  inactivitySeconds: 90,
  inseeCode: null,
  retentionDays: 90,
  location: null,
};
