// What a journey needs from a browser, whatever drives it: the steps (journey-steps.ts) are written against this
// interface only, so that Firefox (puppeteer-core over WebDriver BiDi, puppeteer-driver.ts), WebKit
// (selenium-webdriver against WebKitWebDriver, webkit-driver.ts) and Chromium, the layout check's reference
// (puppeteer-core over CDP), run the very same steps.

import type { Target } from '../support/journey-names';

/** The roles and targets are the shared page objects' (tests/support/journey-names.ts). */
export type { Role, Target } from '../support/journey-names';

export interface WaitOptions {
  /** 'visible' (the default) or merely 'attached' to the document. */
  readonly state?: 'visible' | 'attached';
  readonly timeoutMs?: number;
}

/** A box in CSS pixels of the document (the page's scroll added), as getBoundingClientRect gives it. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
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
  /** Sets the size of the page's viewport (window.innerWidth × innerHeight), in CSS pixels. */
  setViewport(width: number, height: number): Promise<void>;
  /** Saves a PNG of the viewport. */
  screenshot(path: string): Promise<void>;
  /** The box of the first visible match now, or null when there is none (no waiting). */
  boxOf(target: Target): Promise<Box | null>;
  /** Closes the browser; the profile folder stays, so that a relaunch finds the same storage. */
  close(): Promise<void>;
}

/**
 * Starts a browser of one engine on a profile folder (kept between launches for the restart check). `keepStorage`: the
 * restart check's launches, whose storage must be kept in that folder (WebKit then runs webkit-profile-browser.py, its
 * MiniBrowser keeping nothing).
 */
export type LaunchEngine = (options: { profileDir: string; keepStorage?: boolean }) => Promise<EngineDriver>;

/** Thrown by setViewport when the browser cannot make its page that size (a window with a minimum width). */
export class ViewportUnreachable extends Error {}

/** A readable name of a target, for failure messages. */
export function describeTarget(target: Target): string {
  if ('role' in target) return `${target.role} "${target.name}"`;
  if ('label' in target) return `field labelled "${target.label}"`;
  if ('text' in target) return `text "${target.text}"`;
  return `selector ${target.css}`;
}
