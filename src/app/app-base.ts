/**
 * Where the app is served: `/`, or the path an administrator built it for (REPERE_BASE, docs/DEPLOY.md), such as
 * `/repere/` on https://mediatheque.example.fr/repere/. Every URL the page makes starts there, never at the host's root.
 */
export const APP_BASE: string = import.meta.env.BASE_URL;

/** A file of the app (`places/dataset.json`, `sw.js`) under the base path. */
export const appUrl = (path: string): string => `${APP_BASE}${path.replace(/^\/+/, '')}`;
