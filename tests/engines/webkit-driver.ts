// The EngineDriver on WebKit: Debian's WebKitWebDriver (webkit2gtk-driver) driving the MiniBrowser of
// libwebkit2gtk-4.1-0 under its own Xvfb, through selenium-webdriver (STACK.md "Other engines"). Each launch starts
// its own Xvfb (a free display) and its own WebKitWebDriver (a free port); close() stops both, and so does the end of
// the Node process, whatever happened (no Xvfb or WebKitWebDriver left behind).
//
// Roles and accessible names come from WebKit itself, as Firefox's come from its accessibility tree: the page lists the
// elements that have the role (ROLE_NAME_FINDER), and WebKitWebDriver's "computed label" and "computed role" endpoints
// (selenium's getAccessibleName / getAriaRole) say which one has the name, compared exact after collapsing whitespace.
// Same Target semantics as the Firefox driver.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Builder, error as seleniumError, type WebDriver, type WebElement } from 'selenium-webdriver';
import { fileURLToPath } from 'node:url';
import type { WebKitPrograms } from '../../scripts/webkit.mjs';
import { describeTarget, ViewportUnreachable, type Box, type EngineDriver, type LaunchEngine, type Target, type WaitOptions } from './engine-driver';
import { PAGE_ERROR_RECORDER } from './page-errors';
import { freePort } from './preview-server';

const DEFAULT_TIMEOUT_MS = 10_000;
/** WebKitGTK through its Python bindings, keeping its storage in a folder (the restart check). */
const PROFILE_BROWSER = fileURLToPath(new URL('./webkit-profile-browser.py', import.meta.url));
const POLL_MS = 100;

/** Every child still running, killed (with their process groups) if Node exits before close() ran. */
const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of liveChildren) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** Stops a child and its process group (WebKitWebDriver's MiniBrowser and web processes): TERM, then KILL after 3 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(child, 'SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3_000))]);
    if (!stopped) {
      killGroup(child, 'SIGKILL');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
    }
  }
  // the group may outlive its leader (a web process still exiting)
  killGroup(child, 'SIGKILL');
  liveChildren.delete(child);
}

function startChild(command: string, args: string[], env: NodeJS.ProcessEnv, extraFd = false): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { detached: true, env, stdio: extraFd ? ['ignore', 'ignore', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'] });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output.trim() };
}

/** Starts Xvfb on a display it picks itself (-displayfd: no race with another Xvfb on this machine). */
async function startXvfb(xvfb: string): Promise<{ child: ChildProcess; display: string }> {
  const { child, output } = startChild(xvfb, ['-displayfd', '3', '-screen', '0', '1600x1280x24', '-nolisten', 'tcp'], process.env, true);
  const displayPipe = child.stdio[3] as NodeJS.ReadableStream;
  try {
    const display = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`Xvfb gave no display after 10 s: ${output()}`)), 10_000);
      displayPipe.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) {
          clearTimeout(timer);
          resolve(`:${text.trim()}`);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Xvfb exited (${code}): ${output()}`));
      });
    });
    return { child, display };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** Starts WebKitWebDriver on a free port and waits for its /status. */
async function startWebDriver(path: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const { child, output } = startChild(path, [`--port=${port}`], env);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/status`, { signal: AbortSignal.timeout(1_000) })).ok) return { child, url };
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  await stopChild(child);
  throw new Error(`WebKitWebDriver not up on port ${port}: ${output() || `exit ${child.exitCode}`}`);
}

/**
 * The candidates for a target, in the page (arguments: target, state), as [{ element, name }]: for a CSS selector or a
 * text, the first match; for a role (or a field's label: a textbox), every element of that role, explicit or the
 * HTML element's implicit one, with its accessible name as computed here (aria-labelledby, aria-label, a field's
 * labels, a fieldset's legend, else the text of the content), used only where WebKit cannot say (see find()). Plain
 * JavaScript source (see PAGE_ERROR_RECORDER: no tsx helpers in the page). Visible = rendered with a non-empty box and
 * not visibility:hidden, as Puppeteer's locators mean it. Elements hidden from assistive technologies (aria-hidden,
 * hidden, inert) have no role.
 */
const ROLE_NAME_FINDER = `
const target = arguments[0];
const state = arguments[1];
const collapse = (text) => (text || '').replace(/\\s+/g, ' ').trim();
const visible = (el) => {
  if (!el.isConnected) return false;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || style.visibility === 'collapse') return false;
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
};
const hiddenFromAccessibility = (el) => el.closest('[aria-hidden="true"], [hidden], [inert]') !== null;
const implicitRole = (el) => {
  const tag = el.localName;
  if (tag === 'button' || tag === 'summary') return 'button';
  if (/^h[1-6]$/.test(tag)) return 'heading';
  if (tag === 'fieldset' || tag === 'details' || tag === 'optgroup') return 'group';
  if (tag === 'a' || tag === 'area') return el.hasAttribute('href') ? 'link' : null;
  if (tag === 'textarea') return 'textbox';
  if (tag === 'input') {
    const type = (el.getAttribute('type') || 'text').toLowerCase();
    if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
    if (type === 'checkbox' || type === 'radio') return type;
    // a password field has no ARIA role of its own; browsers expose it as a textbox, and WebKit says so
    if (['text', 'email', 'tel', 'url', 'password'].includes(type) && !el.hasAttribute('list')) return 'textbox';
  }
  return null;
};
const roleOf = (el) => {
  const explicit = collapse(el.getAttribute('role')).split(' ')[0];
  return explicit || implicitRole(el);
};
const contentText = (node) => {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return '';
  const el = node;
  if (el.getAttribute('aria-hidden') === 'true' || el.hidden) return '';
  if (['script', 'style', 'template'].includes(el.localName)) return '';
  const style = getComputedStyle(el);
  if (style.display === 'none' || style.visibility === 'hidden') return '';
  const label = collapse(el.getAttribute('aria-label'));
  if (label) return ' ' + label + ' ';
  if (el.localName === 'img') return ' ' + (el.getAttribute('alt') || '') + ' ';
  const inner = Array.from(el.childNodes).map(contentText).join('');
  return style.display === 'inline' ? inner : ' ' + inner + ' ';
};
const nameOf = (el) => {
  const labelledBy = collapse(el.getAttribute('aria-labelledby'));
  if (labelledBy) {
    const text = labelledBy.split(' ').map((id) => document.getElementById(id)).filter(Boolean).map((ref) => collapse(contentText(ref))).join(' ');
    if (collapse(text)) return collapse(text);
  }
  const label = collapse(el.getAttribute('aria-label'));
  if (label) return label;
  if (el.labels && el.labels.length > 0) return collapse(Array.from(el.labels).map((l) => contentText(l)).join(' '));
  if (['input', 'textarea', 'select'].includes(el.localName)) return collapse(el.getAttribute('title') || el.getAttribute('placeholder'));
  if (['fieldset'].includes(el.localName)) {
    const legend = el.querySelector(':scope > legend');
    if (legend) return collapse(contentText(legend));
  }
  const content = collapse(contentText(el));
  return content || collapse(el.getAttribute('title'));
};
if (target.css !== undefined || target.text !== undefined) {
  let candidates;
  if (target.css !== undefined) candidates = Array.from(document.querySelectorAll(target.css));
  else {
    const wanted = collapse(target.text);
    // the deepest elements whose text holds the text (as Puppeteer's ::-p-text), visible ones kept below; their text
    // content, not innerText: WebKit's innerText leaves out what content-visibility: auto skips (out of view)
    const textOf = (el) => (['script', 'style', 'template'].includes(el.localName) ? '' : collapse(el.textContent));
    candidates = Array.from(document.body ? document.body.querySelectorAll('*') : [])
      .filter((el) => textOf(el).includes(wanted))
      .filter((el) => !Array.from(el.children).some((child) => textOf(child).includes(wanted)));
  }
  const shown = state === 'attached' ? candidates : candidates.filter(visible);
  return shown.length > 0 ? [{ element: shown[0], name: null }] : [];
}
// a role (a field by its label: a textbox): every element of that role, with the name computed here
const role = target.role !== undefined ? target.role : 'textbox';
return Array.from(document.querySelectorAll('*'))
  .filter((el) => roleOf(el) === role && !hiddenFromAccessibility(el) && (state === 'attached' || visible(el)))
  .map((el) => ({ element: el, name: nameOf(el) }));
`;

/** Wraps a function of the page (its source) into an async WebDriver script that reports a value or an error. */
function asyncScript(source: string): string {
  return `const done = arguments[arguments.length - 1];
Promise.resolve().then(() => (${source})(arguments[0])).then(
  (value) => done({ ok: value === undefined ? null : value }),
  (error) => done({ error: error instanceof Error ? error.name + ': ' + error.message : String(error) }),
);`;
}

const collapse = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message || '(no message)'}` : String(error));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class WebKitDriver implements EngineDriver {
  readonly name = 'webkit';
  private crashed: string | null = null;
  /** Whether WebKitWebDriver answers the computed label and role endpoints (until one says it does not). */
  private computedNames = true;

  constructor(
    private readonly driver: WebDriver,
    private readonly children: { xvfb: ChildProcess; webDriver: ChildProcess },
    readonly version: string,
  ) {
    children.webDriver.once('exit', (code, signal) => {
      this.crashed ??= `WebKitWebDriver exited (${code ?? signal}) in the middle of the run`;
    });
    children.xvfb.once('exit', (code, signal) => {
      this.crashed ??= `Xvfb exited (${code ?? signal}) in the middle of the run`;
    });
  }

  private alive(): void {
    if (this.crashed) throw new Error(this.crashed);
  }

  /**
   * Runs a WebDriver command; when it fails, asks whether the browser is still there, so that a crash reads as one
   * (selenium's errors for a vanished MiniBrowser can have no message at all) and the next steps stop at once.
   */
  private async command<T>(what: string, work: () => Promise<T>): Promise<T> {
    this.alive();
    try {
      return await work();
    } catch (error) {
      if (!this.crashed) {
        const gone = await Promise.race([this.driver.getWindowHandle().then(() => false, () => true), sleep(5_000).then(() => true)]);
        if (gone) this.crashed = `the MiniBrowser crashed or closed in the middle of the run (${errorText(error)})`;
      }
      throw new Error(`${what}: ${this.crashed ?? errorText(error)}`);
    }
  }

  /**
   * The first element matching the target now, or null. For a role, the name and the role are WebKit's computed ones
   * (one round trip per element of that role on screen, a handful); if this WebKitWebDriver does not have those
   * endpoints, the name computed in the page is used instead.
   */
  private async find(target: Target, state: 'visible' | 'attached'): Promise<WebElement | null> {
    const candidates = (await this.command('looking up', () => this.driver.executeScript(ROLE_NAME_FINDER, target, state))) as Array<{ element: WebElement; name: string | null }>;
    if (!('role' in target) && !('label' in target)) return candidates[0]?.element ?? null;
    const role = 'role' in target ? target.role : 'textbox';
    const wanted = collapse('role' in target ? target.name : target.label);
    for (const { element, name } of candidates) {
      if (this.computedNames) {
        try {
          if (collapse(await element.getAccessibleName()) !== wanted) continue;
          const computedRole = await element.getAriaRole();
          if (computedRole !== role) throw new Error(`WebKit says its role is "${computedRole}", the page lookup "${role}"`);
          return element;
        } catch (error) {
          if (!(error instanceof seleniumError.UnsupportedOperationError || error instanceof seleniumError.UnknownCommandError)) throw error;
          this.computedNames = false;
        }
      }
      if (collapse(name) === wanted) return element;
    }
    return null;
  }

  /** Finds the target and runs the work on it, again and again until it succeeds or the timeout (as a locator does). */
  private async retry<T>(target: Target, action: string, options: WaitOptions, work: (el: WebElement) => Promise<T>): Promise<T> {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = Date.now() + timeout;
    let last = 'nothing matched';
    for (;;) {
      try {
        const el = await this.find(target, options.state ?? 'visible');
        if (el) return await work(el);
      } catch (error) {
        if (this.crashed) throw new Error(`${action} ${describeTarget(target)}: ${this.crashed}`);
        last = errorText(error);
      }
      if (Date.now() > deadline) {
        // What the page showed, to look at (reports/ is kept by CI): a wait that fails on one engine only says little.
        const shot = await this.driver.takeScreenshot().catch(() => null);
        if (shot) {
          mkdirSync('reports', { recursive: true });
          writeFileSync('reports/engines-webkit-failure.png', shot, 'base64');
        }
        const text = (await this.driver.executeScript('return document.body.innerText;').catch(() => '')) as string;
        throw new Error(`${action} ${describeTarget(target)}: not done in ${timeout} ms (${last}); the page said: ${text.replace(/\s+/g, ' ').slice(0, 300)} … ${text.replace(/\s+/g, ' ').slice(-400)}`);
      }
      await sleep(POLL_MS);
    }
  }

  /**
   * The error recorder, put in the page right after the load (it does nothing when the page brought its own): WebKitWebDriver
   * has no preload scripts. The served page loads it before the app (preview-server.ts), except offline, where the
   * service worker serves the page without that file: then this one misses what happens while the page loads (a script
   * that fails to parse or throws at start, an early rejection, a CSP violation during the load); the app's
   * #app[data-ready] that every opening waits for catches a start that breaks.
   */
  private async installRecorder(): Promise<void> {
    await this.command('installing the page error recorder', () => this.driver.executeScript(PAGE_ERROR_RECORDER));
  }

  async goto(url: string): Promise<void> {
    await this.command(`opening ${url}`, () => this.driver.get(url));
    await this.installRecorder();
  }

  async reload(): Promise<void> {
    await this.command('reloading', () => this.driver.navigate().refresh());
    await this.installRecorder();
  }

  click(target: Target): Promise<void> {
    return this.retry(target, 'click', {}, async (el) => {
      // into view first: WebKitWebDriver finds what content-visibility: auto skips (out of view) not interactable
      await this.driver.executeScript('arguments[0].scrollIntoView({ block: "center" });', el);
      await el.click();
    });
  }

  fill(target: Target, value: string): Promise<void> {
    return this.retry(target, 'fill', {}, async (el) => {
      await el.clear();
      await el.sendKeys(value);
    });
  }

  async waitFor(target: Target, options: WaitOptions = {}): Promise<void> {
    await this.retry(target, 'wait for', options, async () => undefined);
  }

  textOf(target: Target, options: WaitOptions = {}): Promise<string> {
    return this.retry(target, 'read', options, async (el) => ((await this.driver.executeScript('return arguments[0].innerText;', el)) as string).trim());
  }

  async evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    const result = (await this.command('running in the page', () => this.driver.executeAsyncScript(asyncScript(fn.toString()), arg))) as { ok?: R; error?: string };
    if (result.error !== undefined) throw new Error(`in the page: ${result.error}`);
    return result.ok as R;
  }

  async waitForFunction<A>(fn: (arg: A) => unknown, arg: A, options: { timeoutMs?: number; message?: string } = {}): Promise<void> {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = Date.now() + timeout;
    let last = 'never truthy';
    for (;;) {
      try {
        if (await this.evaluate(fn, arg)) return;
      } catch (error) {
        if (this.crashed) throw new Error(`${options.message ?? 'waiting in the page'}: ${this.crashed}`);
        last = errorText(error);
      }
      if (Date.now() > deadline) throw new Error(`${options.message ?? 'waiting in the page'} (${timeout} ms): ${last}`);
      await sleep(POLL_MS);
    }
  }

  /**
   * WebDriver sizes the window, not the page: the MiniBrowser's window is the page plus its own bar, measured and added
   * (once more if the first try missed, as a window manager-less Xvfb may round).
   */
  async setViewport(width: number, height: number): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const inner = await this.evaluate(() => ({ width: innerWidth, height: innerHeight }), null);
      if (inner.width === width && inner.height === height) return;
      const outer = await this.command('reading the window size', () => this.driver.manage().window().getRect());
      await this.command('sizing the window', () =>
        this.driver.manage().window().setRect({ width: outer.width + width - inner.width, height: outer.height + height - inner.height }),
      );
      await sleep(200);
    }
    const inner = await this.evaluate(() => ({ width: innerWidth, height: innerHeight }), null);
    if (inner.width !== width || inner.height !== height) {
      throw new ViewportUnreachable(`the MiniBrowser's window cannot make its page ${width}×${height}: at most ${inner.width}×${inner.height} (its window has a minimum width)`);
    }
  }

  async screenshot(path: string): Promise<void> {
    const png = await this.command('taking a screenshot', () => this.driver.takeScreenshot());
    writeFileSync(path, png, 'base64');
  }

  async boxOf(target: Target): Promise<Box | null> {
    const el = await this.find(target, 'visible');
    if (!el) return null;
    return (await this.command('measuring', () =>
      this.driver.executeScript(
        'const r = arguments[0].getBoundingClientRect(); return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };',
        el,
      ),
    )) as Box;
  }

  async close(): Promise<void> {
    this.crashed ??= 'closed';
    try {
      await Promise.race([this.driver.quit(), sleep(10_000)]);
    } finally {
      await stopChild(this.children.webDriver);
      await stopChild(this.children.xvfb);
    }
  }
}

/**
 * Launches the MiniBrowser under a new Xvfb through a new WebKitWebDriver, 1280×900 (the app is French whatever the
 * browser's language: navigator.language is "C" here, as the machine has no French locale). The profile folder
 * holds the XDG data and cache folders the MiniBrowser is given (a non-automation MiniBrowser keeps its storage there).
 */
export function webkitLauncher(programs: WebKitPrograms, version: string, profileBrowser: { python: string } | null = null): LaunchEngine {
  return async ({ profileDir, keepStorage = false }) => {
    if (keepStorage && !profileBrowser) throw new Error('no browser that keeps its storage: the restart check should have been skipped');
    const xvfb = await startXvfb(programs.xvfb);
    let webDriver: ChildProcess | undefined;
    try {
      const dataHome = join(profileDir, 'data');
      const cacheHome = join(profileDir, 'cache');
      mkdirSync(dataHome, { recursive: true });
      mkdirSync(cacheHome, { recursive: true });
      const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: xvfb.display, XDG_DATA_HOME: dataHome, XDG_CACHE_HOME: cacheHome };
      delete env.WAYLAND_DISPLAY;
      const started = await startWebDriver(programs.driver, env);
      webDriver = started.child;
      const driver = await new Builder()
        .usingServer(started.url)
        .withCapabilities({
          browserName: 'MiniBrowser',
          // full screen: no toolbar, so the page is the whole window, and the window can be as narrow as a phone
          // (with its toolbar, the MiniBrowser's page is at least 447 px wide)
          'webkitgtk:browserOptions':
            keepStorage && profileBrowser
              ? // the same engine, keeping its storage in the profile folder (the MiniBrowser's --automation keeps none)
                { binary: profileBrowser.python, args: [PROFILE_BROWSER, `--profile=${profileDir}`, `--version=${version}`] }
              : { binary: programs.miniBrowser, args: ['--automation', '--full-screen'] },
        })
        .build();
      try {
        await driver.manage().setTimeouts({ script: 30_000, pageLoad: 20_000, implicit: 0 });
        await driver.manage().window().setRect({ width: 1280, height: 900 });
        return new WebKitDriver(driver, { xvfb: xvfb.child, webDriver: started.child }, version);
      } catch (error) {
        await Promise.race([driver.quit(), sleep(5_000)]).catch(() => undefined);
        throw error;
      }
    } catch (error) {
      if (webDriver) await stopChild(webDriver);
      await stopChild(xvfb.child);
      throw error;
    }
  };
}
