/** What the page and its service worker share (src/pwa/sw-bridge.ts, main.tsx). Imports nothing: both bundles use it. */

/** The service worker's script, built by vite-plugin-pwa beside index.html (under the app's base path). */
export const SERVICE_WORKER_FILE = 'sw.js';

/** Once the worker is active: store the part of the precache that may follow the first session (precache-plan.ts). */
export const PRECACHE_LATER_MESSAGE = 'PRECACHE_LATER';

/** The worker's answer (on the message's port) once every file of the precache is stored: the app works offline. */
export const PRECACHE_COMPLETE_MESSAGE = 'PRECACHE_COMPLETE';
