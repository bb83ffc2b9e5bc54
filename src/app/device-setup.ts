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

/**
 * Whether a new device opens on its PIN creation: at the setup address, or when it runs as a web app added to an iPad's
 * or iPhone's home screen (`navigator.standalone`, WebKit's own, never set by a PC's kiosk browser). Such an app keeps
 * a storage of its own, apart from Safari's, and opens at the manifest's start address without an address bar: it could
 * never be given `?installation`. Adding it to the home screen is a staff step (docs/DEPLOY.md, "iPad").
 */
export function opensOnSetup(href: string, nav: { readonly standalone?: unknown }): boolean {
  return isSetupAddress(href) || nav.standalone === true;
}

/** The same address without the setup parameter (so the kiosk's address stays the public one once installed). */
export function withoutSetupParameter(href: string): string {
  const url = new URL(href);
  url.searchParams.delete(SETUP_PARAMETER);
  return url.toString();
}
