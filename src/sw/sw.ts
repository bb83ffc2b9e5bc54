/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import type { PrecacheEntry } from 'workbox-precaching';
import { precacheAppShell, serveAppShellForNavigations } from './app-shell';
import { flushOutboxOnSync } from './background-sync';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };
declare const __APP_VERSION__: string;

precacheAppShell(self.__WB_MANIFEST);
serveAppShellForNavigations();
flushOutboxOnSync(self, __APP_VERSION__);

// The first install takes the open page at once; later versions wait until the app says the moment is right.
clientsClaim();
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
