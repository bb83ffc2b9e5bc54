/** Types of firefox.mjs, for the engine runs (tests/engines). */
export const FIREFOX_INSTALL_HINT: string;
export function findFirefox(): string | null;
export function ensureFirefox(): { path: string } | { skipped: string };
export function firefoxVersion(path: string): string | null;
