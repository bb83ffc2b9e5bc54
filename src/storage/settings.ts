import { DEFAULT_DEVICE_SETTINGS, type DeviceSettings } from '../domain/device-settings';
import type { RepereStorage } from './open-storage';

/** The device configuration, with the defaults filled in for anything never set (or set by an older version). */
export async function readDeviceSettings(storage: Pick<RepereStorage, 'settings'>): Promise<DeviceSettings> {
  const record = await storage.settings.get('device');
  const stored = (record?.value ?? {}) as Partial<DeviceSettings>;
  return { ...DEFAULT_DEVICE_SETTINGS, ...stored, sync: { ...DEFAULT_DEVICE_SETTINGS.sync, ...stored.sync } };
}

/** Saves the whole configuration in one write: it is either all saved or not at all. */
export async function writeDeviceSettings(
  storage: Pick<RepereStorage, 'settings'>,
  settings: DeviceSettings,
): Promise<void> {
  await storage.settings.put({ key: 'device', value: settings });
}
