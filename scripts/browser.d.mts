/** Types of browser.mjs, for the engine runs (tests/engines) and the Node scripts. */
export const CHROMIUM_ARGS: string[];
export function findChromium(): string | null;
export function ensureChromium(): string;
