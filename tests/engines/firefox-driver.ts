// The EngineDriver on Firefox: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi (no geckodriver, no
// download; STACK.md "Other engines"). Roles and accessible names come from Firefox's own accessibility tree
// (BiDi browsingContext.locateNodes), not from a copy of the algorithm in the page.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { describeTarget, type EngineDriver, type LaunchEngine, type Target, type WaitOptions } from './engine-driver';
import { PAGE_ERROR_RECORDER } from './page-errors';

const DEFAULT_TIMEOUT_MS = 10_000;

/** A puppeteer selector for a target: ARIA for role and name, Puppeteer's text selector for visible text. */
function selector(target: Target): string {
  const quoted = (value: string) => {
    if (value.includes('"')) throw new Error(`a name with a double quote cannot be looked up: ${value}`);
    return `"${value}"`;
  };
  if ('role' in target) return `::-p-aria([name=${quoted(target.name)}][role="${target.role}"])`;
  // A form field is named by its label: the textbox of that name in the accessibility tree.
  if ('label' in target) return `::-p-aria([name=${quoted(target.label)}][role="textbox"])`;
  if ('text' in target) return `::-p-text(${JSON.stringify(target.text)})`;
  return target.css;
}

class FirefoxDriver implements EngineDriver {
  readonly name = 'firefox-esr';
  private crashed: string | null = null;

  constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    readonly version: string,
  ) {
    browser.on('disconnected', () => {
      this.crashed ??= 'Firefox disconnected (crashed or closed) in the middle of the run';
    });
  }

  private alive(): void {
    if (this.crashed) throw new Error(this.crashed);
  }

  private locator(target: Target, options: WaitOptions = {}) {
    this.alive();
    return this.page
      .locator(selector(target))
      .setTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
      .setVisibility(options.state === 'attached' ? null : 'visible');
  }

  private async named<T>(target: Target, action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new Error(`${action} ${describeTarget(target)}: ${error instanceof Error ? error.message : String(error)}`);
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
    return this.named(target, 'fill', () => this.locator(target).fill(value));
  }

  async waitFor(target: Target, options: WaitOptions = {}): Promise<void> {
    await this.named(target, 'wait for', () => this.locator(target, options).wait());
  }

  textOf(target: Target, options: WaitOptions = {}): Promise<string> {
    return this.named(target, 'read', async () => (await this.locator(target, options).map((el) => (el as HTMLElement).innerText).wait()).trim());
  }

  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    this.alive();
    return this.page.evaluate(fn as (arg: unknown) => Promise<R>, arg) as Promise<R>;
  }

  async waitForFunction<A>(fn: (arg: A) => unknown, arg: A, options: { timeoutMs?: number; message?: string } = {}): Promise<void> {
    this.alive();
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    try {
      await this.page.waitForFunction(fn as (arg: unknown) => unknown, { timeout, polling: 100 }, arg);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`${options.message ?? 'waiting in the page'} (${timeout} ms): ${why}`);
    }
  }

  async close(): Promise<void> {
    this.crashed ??= 'closed';
    await this.browser.close();
  }
}

/** Launches headless Firefox on a profile folder, French first, the error recorder in every page. */
export function firefoxLauncher(executablePath: string, version: string): LaunchEngine {
  return async ({ profileDir }) => {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      userDataDir: profileDir,
      // Nothing must wait for ever: a protocol call that does not answer fails the step.
      protocolTimeout: 30_000,
      timeout: 30_000,
      extraPrefsFirefox: { 'intl.accept_languages': 'fr-FR, fr' },
    });
    try {
      const page = (await browser.pages())[0] ?? (await browser.newPage());
      page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
      page.setDefaultNavigationTimeout(20_000);
      await page.setViewport({ width: 1280, height: 900 });
      await page.evaluateOnNewDocument(PAGE_ERROR_RECORDER);
      return new FirefoxDriver(browser, page, version);
    } catch (error) {
      await browser.close().catch(() => undefined);
      throw error;
    }
  };
}
