// The EngineDriver through puppeteer-core: Debian's firefox-esr over WebDriver BiDi (no geckodriver, no download;
// STACK.md "Other engines"), and Chromium over CDP as the reference the layout check compares the engines with. Roles
// and accessible names come from the browser's own accessibility tree (Firefox: BiDi browsingContext.locateNodes;
// Chromium: its accessibility tree over CDP), not from a copy of the algorithm in the page.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS } from '../../scripts/browser.mjs';
import { describeTarget, type Box, type EngineDriver, type LaunchEngine, type Target, type WaitOptions } from './engine-driver';
import { PAGE_ERROR_RECORDER } from './page-errors';

const DEFAULT_TIMEOUT_MS = 10_000;

/** A puppeteer selector for a target: ARIA for role and name, Puppeteer's text selector for visible text. */
function selector(target: Target): string {
  const quoted = (value: string) => {
    if (value.includes('"')) throw new Error(`a name with a double quote cannot be looked up: ${value}`);
    return `"${value}"`;
  };
  if ('role' in target) return `::-p-aria([name=${quoted(target.name)}][role="${target.role}"])`;
  // A form field is named by its label: the element of that name in the accessibility tree, kept below if it is a
  // field (Firefox gives a password field no "textbox" role, and its label element the same name).
  if ('label' in target) return `::-p-aria([name=${quoted(target.label)}])`;
  if ('text' in target) return `::-p-text(${JSON.stringify(target.text)})`;
  return target.css;
}

class PuppeteerDriver implements EngineDriver {
  private crashed: string | null = null;

  constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    readonly name: string,
    readonly version: string,
  ) {
    browser.on('disconnected', () => {
      this.crashed ??= `${name} disconnected (crashed or closed) in the middle of the run`;
    });
    browser.process()?.once('exit', (code, signal) => {
      this.crashed ??= `${name} exited (${signal ?? code}) in the middle of the run`;
    });
  }

  private alive(): void {
    if (this.crashed) throw new Error(this.crashed);
  }

  private locator(target: Target, options: WaitOptions = {}) {
    this.alive();
    const locator = this.page
      .locator(selector(target))
      .setTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
      .setVisibility(options.state === 'attached' ? null : 'visible');
    return locator;
  }

  /**
   * The field a label names: Firefox's accessibility tree gives the name to both the field and its label element, and
   * a locator keeps only the first match; so the matches are read until one is a visible field.
   */
  private async field(target: Target, options: WaitOptions = {}) {
    this.alive();
    const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    for (;;) {
      for (const handle of await this.page.$$(selector(target))) {
        if (await handle.evaluate((el) => el.matches('input, textarea, select') && (el as HTMLElement).offsetParent !== null)) return handle.asLocator();
      }
      if (Date.now() > deadline) throw new Error(`no visible field of that name in ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  private async named<T>(target: Target, action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      // a browser gone in the middle of a wait reads as what it is, not as the wait's timeout
      throw new Error(`${action} ${describeTarget(target)}: ${this.crashed ?? (error instanceof Error ? error.message : String(error))}`);
    }
  }

  async goto(url: string): Promise<void> {
    this.alive();
    await this.page.goto(url, { waitUntil: 'load' });
  }

  async reload(): Promise<void> {
    this.alive();
    await this.page.reload({ waitUntil: 'load' });
  }

  click(target: Target): Promise<void> {
    return this.named(target, 'click', () => this.locator(target).click());
  }

  fill(target: Target, value: string): Promise<void> {
    return this.named(target, 'fill', async () => ('label' in target ? await this.field(target) : this.locator(target)).fill(value));
  }

  async waitFor(target: Target, options: WaitOptions = {}): Promise<void> {
    await this.named(target, 'wait for', async () => ('label' in target ? this.field(target, options) : this.locator(target, options).wait()));
  }

  textOf(target: Target, options: WaitOptions = {}): Promise<string> {
    return this.named(target, 'read', async () => (await this.locator(target, options).map((el) => (el as HTMLElement).innerText).wait()).trim());
  }

  async evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    this.alive();
    try {
      return (await this.page.evaluate(fn as (arg: unknown) => Promise<R>, arg)) as R;
    } catch (error) {
      if (this.crashed) throw new Error(`running in the page: ${this.crashed}`);
      throw error;
    }
  }

  async waitForFunction<A>(fn: (arg: A) => unknown, arg: A, options: { timeoutMs?: number; message?: string } = {}): Promise<void> {
    this.alive();
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    try {
      await this.page.waitForFunction(fn as (arg: unknown) => unknown, { timeout, polling: 100 }, arg);
    } catch (error) {
      const why = this.crashed ?? (error instanceof Error ? error.message : String(error));
      throw new Error(`${options.message ?? 'waiting in the page'} (${timeout} ms): ${why}`);
    }
  }

  async setViewport(width: number, height: number): Promise<void> {
    this.alive();
    await this.page.setViewport({ width, height });
  }

  async screenshot(path: string): Promise<void> {
    this.alive();
    await this.page.screenshot({ path: path as `${string}.png` });
  }

  async boxOf(target: Target): Promise<Box | null> {
    this.alive();
    for (const handle of await this.page.$$(selector(target))) {
      const box = await handle.evaluate((el) => {
        const field = el.matches('input, textarea, select');
        const rect = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden') return null;
        return { x: rect.x + scrollX, y: rect.y + scrollY, width: rect.width, height: rect.height, field };
      });
      if (box && (!('label' in target) || box.field)) return { x: box.x, y: box.y, width: box.width, height: box.height };
    }
    return null;
  }

  async close(): Promise<void> {
    this.crashed ??= 'closed';
    await this.browser.close();
  }
}

/** Puppeteer's launch with the settings every run shares: nothing waits for ever, the error recorder in every page. */
async function launchWith(name: string, version: string, options: Parameters<typeof puppeteer.launch>[0]): Promise<EngineDriver> {
  // Nothing must wait for ever: a protocol call that does not answer fails the step.
  const browser = await puppeteer.launch({ headless: true, protocolTimeout: 30_000, timeout: 30_000, ...options });
  try {
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
    page.setDefaultNavigationTimeout(20_000);
    await page.setViewport({ width: 1280, height: 900 });
    await page.evaluateOnNewDocument(PAGE_ERROR_RECORDER);
    return new PuppeteerDriver(browser, page, name, version);
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

/** Launches headless Firefox on a profile folder, French first, the error recorder in every page. */
export function firefoxLauncher(executablePath: string, version: string): LaunchEngine {
  return ({ profileDir }) =>
    launchWith('firefox-esr', version, {
      browser: 'firefox',
      executablePath,
      userDataDir: profileDir,
      extraPrefsFirefox: { 'intl.accept_languages': 'fr-FR, fr' },
    });
}

/** Launches headless Chromium (the engine of the Playwright specs) on a profile folder, French first: the reference. */
export function chromiumLauncher(executablePath: string, version: string): LaunchEngine {
  return ({ profileDir }) =>
    launchWith('chromium', version, {
      browser: 'chrome',
      executablePath,
      userDataDir: profileDir,
      args: [...CHROMIUM_ARGS, '--lang=fr-FR'],
    });
}
