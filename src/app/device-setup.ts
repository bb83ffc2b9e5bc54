import type { RepereStorage } from '../storage/open-storage';

/**
 * The address staff open once to install a new device: `…/?installation`. Nothing on the public screens leads there,
 * so the first person to tap "Espace médiateur" on a new kiosk cannot create the PIN and take the device over; a kiosk
 * in kiosk mode has no address bar for the public to type it in (README, "First setup").
 */
export const SETUP_PARAMETER = 'installation';

/** A device is installed once its mediator PIN exists (created on the setup path, erased only by a device reset). */
export async function isDeviceInstalled(storage: Pick<RepereStorage, 'settings'>): Promise<boolean> {
  return (await storage.settings.get('pin')) !== undefined;
}

/** Whether the page was opened on the setup path. */
export function isSetupAddress(href: string): boolean {
  try {
    return new URL(href).searchParams.has(SETUP_PARAMETER);
  } catch {
    return false;
  }
}

/** The same address without the setup parameter (so the kiosk's address stays the public one once installed). */
export function withoutSetupParameter(href: string): string {
  const url = new URL(href);
  url.searchParams.delete(SETUP_PARAMETER);
  return url.toString();
}
