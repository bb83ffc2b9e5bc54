/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

/**
 * Precache-first for everything the build produced (app shell, every locale, the demo places): after the first visit
 * the kiosk works with the network cut. Caches of older versions are removed once this one activates.
 */
export function precacheAppShell(manifest: Array<PrecacheEntry | string>): void {
  cleanupOutdatedCaches();
  precacheAndRoute(manifest);
}

/** Every navigation (a reload, a deep link) gets the precached index.html: the app routes itself. */
export function serveAppShellForNavigations(): void {
  registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));
}
