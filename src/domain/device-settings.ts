import type { Territory } from './aggregate';
import { DEFAULT_K } from './k-anonymity';
import { LANGUAGES, type Language } from './language';

/*
 * The configuration of one device, set by a mediator (settings-validation.ts checks a change). Settings stored by an
 * older version lack the later fields: storage/settings.ts fills them from DEFAULT_DEVICE_SETTINGS on read.
 */

/** How this device is used: a public kiosk left alone, or a mediator's tablet. */
export const DEVICE_MODES = ['publicKiosk', 'mediatorTablet'] as const;
export type DeviceMode = (typeof DEVICE_MODES)[number];

/** Whether anonymous batches name the device's commune or only its département. */
export const TERRITORY_LEVELS = ['commune', 'departement'] as const satisfies readonly Territory['level'][];
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

/** Where the device stands, to suggest nearby places. */
export interface DeviceLocation {
  readonly lat: number;
  readonly lon: number;
  /** What people see, e.g. "Médiathèque Jean-Jaurès, Dole". */
  readonly label: string;
}

/** Sending the anonymous weekly counts to the region's collector. */
export interface SyncSettings {
  readonly enabled: boolean;
  /** The collector's address: https, or http on this very machine for a test; null until configured. */
  readonly collectorUrl: string | null;
  /** The enrollment token the region gave this device (sent as `Authorization: Bearer …`); null until configured. */
  readonly token: string | null;
}

/**
 * CSS pixels per millimetre of screen when a mediator has not measured it: a 10-inch 1280×800 tablet shows about 5.9,
 * a 22-inch full-HD kiosk about 4 (docs/TRIES.md). Here, not in tries.ts: the first screen reads the settings, and
 * importing the tries' rules here put them, and the result's, in a chunk the first screen preloaded.
 */
export const DEFAULT_PX_PER_MM = 6;

/** The configuration of one device, set by a mediator. Nothing in it is about a person. */
export interface DeviceSettings {
  readonly mode: DeviceMode;
  /** The language the welcome screen opens in; always one of `languagesOffered`. */
  readonly defaultLanguage: Language;
  /** Seconds without a touch before the kiosk asks "Êtes-vous toujours là ?" (30–600). */
  readonly inactivitySeconds: number;
  /** INSEE code of the device's commune, which the anonymous batches carry; null until configured. */
  readonly inseeCode: string | null;
  /** Days a finished result stays on the device (1–365). */
  readonly retentionDays: number;
  /** Where the device stands, to suggest nearby places; null until a mediator sets it (people then type a postal code). */
  readonly location: DeviceLocation | null;
  /** The languages the welcome screen offers, in the order of LANGUAGES; never empty. */
  readonly languagesOffered: readonly Language[];
  /** Whether questions are read aloud from the start of a session (the person can still turn it off). */
  readonly readAloudDefault: boolean;
  /** Sending the anonymous counts. */
  readonly sync: SyncSettings;
  /** An https address to fetch the help places from; null to keep the dataset on the device. */
  readonly placesSourceUrl: string | null;
  /** Whether batches name the commune or only its département. */
  readonly territoryLevel: TerritoryLevel;
  /** The fewest results an anonymous batch may count (never below MIN_K). */
  readonly k: number;
  /** How far a help place is still a reasonable answer here, in km (5–200; more in rural areas): docs/PLACES.md. */
  readonly reasonableDistanceKm: number;
  /**
   * CSS pixels per millimetre of this screen, for the touch try's targets in millimetres (docs/TRIES.md): 6 suits a
   * 10-inch tablet, about 4 a 22-inch kiosk; a mediator measures it once with a ruler (settings, "Utilisation").
   */
  readonly pxPerMm: number;
}

/**
 * What a new device starts with: a French public kiosk offering every language, 90 s of patience, results kept 90
 * days, no read-aloud until asked, nothing sent until a mediator enables sending, batches by commune with k = 5.
 */
export const DEFAULT_DEVICE_SETTINGS: DeviceSettings = {
  mode: 'publicKiosk',
  defaultLanguage: 'fr',
  inactivitySeconds: 90,
  inseeCode: null,
  retentionDays: 90,
  location: null,
  languagesOffered: LANGUAGES,
  readAloudDefault: false,
  sync: { enabled: false, collectorUrl: null, token: null },
  placesSourceUrl: null,
  territoryLevel: 'commune',
  k: DEFAULT_K,
  reasonableDistanceKm: 30,
  pxPerMm: DEFAULT_PX_PER_MM,
};
