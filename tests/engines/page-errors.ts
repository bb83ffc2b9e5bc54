// One way to collect page errors on every engine (WebKitWebDriver has no console-log endpoint): a small recorder put
// into the page before any of its scripts, read at each step. Any entry fails the run with its text.
import type { EngineDriver } from './engine-driver';

declare global {
  interface Window {
    __repereErrors?: string[];
  }
}

/**
 * Installed before any page script (puppeteer: evaluateOnNewDocument), or right after each load where the WebDriver
 * has no preload scripts (WebKitWebDriver: webkit-driver.ts says what that misses). Plain JavaScript source, not a compiled function: tsx (esbuild keepNames) wraps named inner functions
 * in a `__name(…)` helper that does not exist in the page, and the recorder would die half-installed, silently.
 * Listeners rather than window.onerror =, so that the app's own handlers cannot replace the recorder.
 */
export const PAGE_ERROR_RECORDER = `(() => {
  if (window.__repereErrors) return;
  const errors = [];
  Object.defineProperty(window, '__repereErrors', { value: errors });
  const text = (value) => {
    if (value instanceof Error) return value.name + ': ' + value.message;
    if (typeof value === 'string') return value;
    try { return JSON.stringify(value) ?? String(value); } catch { return String(value); }
  };
  window.addEventListener('error', (event) => {
    if (event instanceof ErrorEvent) errors.push('page error: ' + event.message + ' (' + event.filename + ':' + event.lineno + ')');
  });
  window.addEventListener('unhandledrejection', (event) => errors.push('unhandled rejection: ' + text(event.reason)));
  document.addEventListener('securitypolicyviolation', (event) => errors.push(
    'content security policy: ' + event.effectiveDirective + ' blocked ' + (event.blockedURI || 'inline') + ' (' + event.sourceFile + ':' + event.lineNumber + ')'));
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    errors.push('console.error: ' + args.map(text).join(' '));
    consoleError(...args);
  };
})();`;

/** What the recorder holds now; fails if the page has no recorder (it would pass every run unseen). */
export async function readPageErrors(driver: EngineDriver): Promise<string[]> {
  const errors = await driver.evaluate(() => (window.__repereErrors ? [...window.__repereErrors] : null), null);
  if (errors === null) throw new Error('the page error recorder is not in the page: errors would go unseen');
  return errors;
}

/** Fails the step when the page recorded any error, with their text. */
export async function expectNoPageErrors(driver: EngineDriver, where: string): Promise<void> {
  const errors = await readPageErrors(driver);
  if (errors.length > 0) throw new Error(`page errors ${where}:\n  ${errors.join('\n  ')}`);
}
