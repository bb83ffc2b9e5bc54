/** Types of webkit.mjs, for the engine runs (tests/engines). */
export interface WebKitPrograms {
  /** WebKitWebDriver (webkit2gtk-driver). */
  driver: string;
  /** The MiniBrowser of libwebkit2gtk-4.1-0, which WebKitWebDriver starts with --automation. */
  miniBrowser: string;
  xvfb: string;
}
export const WEBKIT_INSTALL_HINT: string;
export function findWebKit(): WebKitPrograms | null;
export function ensureWebKit(): { programs: WebKitPrograms } | { skipped: string };
export function webkitVersion(): string | null;
/** Debian's Python with WebKitGTK's bindings, for the browser that keeps its storage (the restart check). */
export function ensureWebKitProfileBrowser(): { python: string } | { skipped: string };
