/// <reference lib="webworker" />
import { copyResponse } from 'workbox-core';
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { PRECACHE_COMPLETE_MESSAGE, PRECACHE_LATER_MESSAGE } from './messages';
import { planPrecache } from './precache-plan';

declare const self: ServiceWorkerGlobalScope;

/** Downloads at once: what a browser opens to one server anyway (Workbox's own install goes one file at a time). */
const PARALLEL_DOWNLOADS = 6;

const controller = new PrecacheController();

/**
 * Precache-first for everything the build produced (app shell, every locale, the places): after the first visit the
 * kiosk works with the network cut. On a first install, what a French session needs is stored before the worker
 * becomes active, six files at a time; the rest (precache-plan.ts) follows when the page asks, in the background. An
 * update installs everything before it waits. Caches of older versions are removed once this one activates.
 */
export function precacheAppShell(manifest: Array<PrecacheEntry | string>): void {
  cleanupOutdatedCaches();
  controller.addToCacheList(manifest);
  const plan = planPrecache(manifest);
  const absolute = (url: string) => new URL(url, self.location.href).href;
  const revised = new Set(manifest.flatMap((entry) => (typeof entry !== 'string' && entry.revision ? [absolute(entry.url)] : [])));
  const store = (urls: readonly string[]) => storeInPrecache(urls.map(absolute), revised);

  self.addEventListener('install', (event) => {
    const firstInstall = self.registration.active === null;
    event.waitUntil(store(firstInstall ? plan.first : [...plan.first, ...plan.later]));
  });
  self.addEventListener('activate', (event) => event.waitUntil(controller.activate(event)));
  self.addEventListener('message', (event) => {
    if ((event.data as { type?: unknown } | null)?.type !== PRECACHE_LATER_MESSAGE) return;
    event.waitUntil(
      store(plan.later).then(
        () => event.ports[0]?.postMessage({ type: PRECACHE_COMPLETE_MESSAGE }),
        (error: unknown) => console.warn('Repère: the rest of the app is not stored yet; asked again at the next start', error),
      ),
    );
  });
  registerRoute(new PrecacheRoute(controller));
}

/** Stores each URL not yet in the precache, a few at a time; fails if one cannot be fetched (an install then fails). */
async function storeInPrecache(urls: readonly string[], revised: ReadonlySet<string>): Promise<void> {
  const cache = await caches.open(controller.strategy.cacheName);
  const keys = controller.getURLsToCacheKeys();
  const queue = [...urls];
  const download = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      const cacheKey = keys.get(url);
      if (!cacheKey || (await cache.match(cacheKey))) continue;
      const ask = (cacheMode: RequestCache) =>
        fetch(new Request(url, { cache: cacheMode, credentials: 'same-origin', integrity: controller.getIntegrityForCacheKey(cacheKey) }));
      // A file without a revision has its hash in its name, so whatever the browser's cache holds for it is right: the
      // scripts the page has just loaded are not downloaded a second time on a slow link ("default" asked the server
      // again in Chromium). Anything but a good answer from there is asked of the server. A file with a revision
      // (index.html, the icons, the communes table) is always asked again, as Workbox does.
      let response = await ask(revised.has(url) ? 'reload' : 'force-cache');
      if (!response.ok && !revised.has(url)) response = await ask('reload');
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      await cache.put(cacheKey, response.redirected ? await copyResponse(response) : response);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, download));
}

/**
 * Every navigation (a reload, a deep link) in the worker's scope gets the precached index.html: the app routes itself.
 * `index.html` is the one beside the worker's script, under the app's base path (REPERE_BASE).
 */
export function serveAppShellForNavigations(): void {
  registerRoute(new NavigationRoute(controller.createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));
}
