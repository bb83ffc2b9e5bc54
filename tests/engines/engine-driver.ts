// What a journey needs from a browser, whatever drives it: the steps (journey-steps.ts) are written against this
// interface only, so that Firefox (puppeteer-core over WebDriver BiDi, firefox-driver.ts) and WebKit
// (selenium-webdriver against WebKitWebDriver, webkit-driver.ts) run the very same steps.

/** The ARIA roles the journeys look for. */
export type Role = 'button' | 'heading' | 'group' | 'radio' | 'checkbox' | 'textbox' | 'link';

/**
 * How a step names an element, as a person would: by role and accessible name, by its label (a form field), by its
 * visible text; a CSS selector only for what has no accessible name (the app's own markers such as #app[data-…]).
 */
export type Target =
  | { readonly role: Role; readonly name: string }
  | { readonly label: string }
  | { readonly text: string }
  | { readonly css: string };

export interface WaitOptions {
  /** 'visible' (the default) or merely 'attached' to the document. */
  readonly state?: 'visible' | 'attached';
  readonly timeoutMs?: number;
}

export interface EngineDriver {
  /** The engine and its version, as reported in reports/engines.json ("firefox-esr", "153.8.0esr"). */
  readonly name: string;
  readonly version: string;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  click(target: Target): Promise<void>;
  fill(target: Target, value: string): Promise<void>;
  /** Resolves once the target is there (visible by default); rejects after the timeout, naming the target. */
  waitFor(target: Target, options?: WaitOptions): Promise<void>;
  /** The visible text of the first match, trimmed; rejects if nothing matches within the timeout. */
  textOf(target: Target, options?: WaitOptions): Promise<string>;
  /** Runs a function in the page with one serialisable argument; awaits a returned promise. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Resolves once the function returns something truthy in the page, polling; rejects after the timeout. */
  waitForFunction<A>(fn: (arg: A) => unknown, arg: A, options?: { timeoutMs?: number; message?: string }): Promise<void>;
  /** Closes the browser; the profile folder stays, so that a relaunch finds the same storage. */
  close(): Promise<void>;
}

/** Starts a browser of one engine on a profile folder (kept between launches for the restart check). */
export type LaunchEngine = (options: { profileDir: string }) => Promise<EngineDriver>;

/** A readable name of a target, for failure messages. */
export function describeTarget(target: Target): string {
  if ('role' in target) return `${target.role} "${target.name}"`;
  if ('label' in target) return `field labelled "${target.label}"`;
  if ('text' in target) return `text "${target.text}"`;
  return `selector ${target.css}`;
}
