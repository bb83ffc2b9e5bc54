// Serves a build with `vite preview` on a free port for the engine runs; stopping it is how the runs cut the network
// (nothing answers any more on that origin, so only the service worker can serve the app).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAGE_ERROR_RECORDER } from './page-errors';

export { freePort } from '../support/free-port';

export interface PreviewServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * The servers still running and their copies of the build, stopped and removed if Node exits first (a check that timed
 * out leaves its server behind until the end of the run; `vite preview` runs in a process group of its own).
 */
const live = new Map<ChildProcess, string>();
process.on('exit', () => {
  for (const [child, served] of live) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(served, { recursive: true, force: true });
  }
});

/** The file a preload is served as, beside index.html. */
export const PRELOAD_FILE = 'engines-preload.js';

/**
 * A copy of the build whose index.html runs `preload` (plain JavaScript source) before the app's module script: a
 * classic script in the head runs before any module, on every engine, whether or not its driver has preload
 * scripts (WebKitWebDriver has none). A file, not an inline script: the app's Content-Security-Policy allows only
 * 'self'. The service worker precaches this very page, so a reload offline runs it too.
 */
export function buildWithPreload(outDir: string, preload: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'repere-engines-preload-'));
  cpSync(outDir, copy, { recursive: true });
  writeFileSync(join(copy, PRELOAD_FILE), preload);
  const html = readFileSync(join(copy, 'index.html'), 'utf8');
  const moduleScript = html.indexOf('<script type="module"');
  if (moduleScript < 0) throw new Error(`${outDir}/index.html has no module script to run the preload before`);
  writeFileSync(join(copy, 'index.html'), `${html.slice(0, moduleScript)}<script src="/${PRELOAD_FILE}"></script>\n    ${html.slice(moduleScript)}`);
  return copy;
}

/**
 * Starts `vite preview` on the port (the same port again keeps the origin, hence the storage), serving a copy of the
 * build that runs the page error recorder, then `preload` if given, before the app (buildWithPreload; the copy is
 * removed on stop()). The recorder comes with the page so that it is there from the first script on every engine,
 * and after a reload the app does itself (an update applied on the welcome screen): WebKitWebDriver has no preload
 * scripts and only installs it after its own navigations. Offline, the service worker serves the page without the
 * preload's file (not in its precache): the drivers install the recorder themselves then.
 */
export async function startPreview(outDir: string, port: number, options: { preload?: string } = {}): Promise<PreviewServer> {
  const url = `http://localhost:${port}/`;
  const served = buildWithPreload(outDir, `${PAGE_ERROR_RECORDER}\n${options.preload ?? ''}`);
  const child: ChildProcess = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--outDir', served, '--port', String(port), '--strictPort'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  live.set(child, served);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    }
    rmSync(served, { recursive: true, force: true });
    live.delete(child);
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`vite preview exited (${child.exitCode}): ${stderr.trim()}`);
    }
    try {
      if ((await fetch(url)).ok) return { url, port, stop };
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`vite preview not up at ${url} after 30 s: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
