// REPERE_BASE: the path the app is served under (`/` by default, `/repere/` for https://mediatheque.example.fr/repere/).
// Every URL the app makes is relative to it: vite's `base`, the manifest, the service worker's scope, the places files.

export class DeployBaseError extends Error {
  constructor(message) {
    super(message);
    this.name = 'DeployBaseError';
  }
}

/** The validated base path from the environment: `/`, or `/segment/…/` made of URL-safe characters. */
export function deployBase(env = process.env) {
  const raw = env.REPERE_BASE;
  if (raw === undefined || raw === '') return '/';
  const suggestion = `/${raw.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  if (!raw.startsWith('/') || !raw.endsWith('/')) {
    throw new DeployBaseError(`REPERE_BASE must start and end with "/" (got "${raw}"): write REPERE_BASE=${suggestion}`);
  }
  if (/^\/\//.test(raw) || /\/\/|(^|\/)\.\.?(\/|$)/.test(raw)) {
    throw new DeployBaseError(`REPERE_BASE must be a plain path such as /repere/, without "//", "." or ".." (got "${raw}").`);
  }
  if (!/^[A-Za-z0-9/_~.-]+$/.test(raw)) {
    throw new DeployBaseError(`REPERE_BASE may hold only letters, digits and - _ . ~ between its slashes (got "${raw}").`);
  }
  return raw;
}
