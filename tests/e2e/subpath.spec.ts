// The app as a library's IT service hosts it (issue: deploy): built with REPERE_BASE=/repere/, served by a real nginx
// with the configuration docs/DEPLOY.md documents (deploy/nginx/repere.conf, included as it is), on a free port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page, Request } from '@playwright/test';
import { findNginx } from '../../scripts/nginx.mjs';
import { staticHostPolicy } from '../../scripts/content-security-policy.mjs';
import { expect, test } from './fixtures';
import { completeJourney, resultHeading, searchPlaces, waitForServiceWorkerControl, welcomeStart } from './support';
import { freePort } from '../support/free-port';

const BASE = '/repere/';
const OUT_DIR = 'dist-repere';
const SNIPPET = resolve('deploy/nginx/repere.conf');

let nginx: ChildProcess | null = null;
let folder = '';
let origin = '';

/** The smallest nginx.conf around the documented snippet: this test's own prefix, logs and port, nothing of /etc but the MIME types. */
function nginxConf(port: number): string {
  const mimeTypes = ['/etc/nginx/mime.types', '/usr/local/nginx/conf/mime.types'].find((path) => existsSync(path));
  if (!mimeTypes) throw new Error('nginx is here but its mime.types is not (looked in /etc/nginx and /usr/local/nginx/conf)');
  const temp = (name: string) => `${name}_temp_path ${join(folder, 'temp', name)};`;
  return `pid ${join(folder, 'nginx.pid')};
error_log ${join(folder, 'error.log')} warn;
events { worker_connections 64; }
http {
  include ${mimeTypes};
  default_type application/octet-stream;
  access_log ${join(folder, 'access.log')};
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  server {
    listen 127.0.0.1:${port};
    root ${join(folder, 'www')};
    include ${SNIPPET};
  }
}
`;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const binary = findNginx();
  if (!binary) throw new Error('No nginx: `npm test` installs Debian’s nginx (scripts/nginx.mjs); elsewhere install it or set NGINX_PATH.');
  // The build under the sub-path, in a folder of its own: dist/ stays what the other tests' server serves.
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', OUT_DIR, '--emptyOutDir', '--logLevel', 'warn'], {
    env: { ...process.env, REPERE_BASE: BASE },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`the build under ${BASE} failed:\n${build.stdout}\n${build.stderr}`);

  folder = mkdtempSync(join(tmpdir(), 'repere-nginx-'));
  // nginx's workers drop root for "nobody": the folder must be readable by them.
  chmodSync(folder, 0o755);
  mkdirSync(join(folder, 'temp'));
  cpSync(OUT_DIR, join(folder, 'www', BASE), { recursive: true });
  const port = await freePort();
  writeFileSync(join(folder, 'nginx.conf'), nginxConf(port));
  nginx = spawn(binary, ['-p', folder, '-c', join(folder, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'inherit', 'inherit'] });
  origin = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries += 1) {
    const up = await fetch(`${origin}${BASE}`).then((r) => r.ok, () => false);
    if (up) break;
    if (tries > 100 || nginx.exitCode !== null) {
      const log = existsSync(join(folder, 'error.log')) ? readFileSync(join(folder, 'error.log'), 'utf8') : '';
      throw new Error(`nginx did not serve ${origin}${BASE}:\n${log}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
});

test.afterAll(() => {
  nginx?.kill('SIGTERM');
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Every URL the page and its service worker ask for, from the first request on. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.context().on('request', (request: Request) => urls.push(request.url()));
  return urls;
}

test('under /repere/ behind nginx: the worker controls the page, the app is installable, nothing is asked outside /repere/', async ({ page }) => {
  const urls = recordRequests(page);
  const response = await page.goto(`${origin}${BASE}`);
  expect(response?.status()).toBe(200);
  await expect(welcomeStart(page)).toBeVisible();
  await waitForServiceWorkerControl(page);

  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(`${origin}${BASE}`);

  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: Array<{ errorId: string }> };
  // Headless Chromium runs as incognito: that one is about the browser, not the app.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
  const { url: manifestUrl, data, errors } = (await cdp.send('Page.getAppManifest')) as { url: string; data: string; errors: unknown[] };
  expect(errors).toEqual([]);
  expect(manifestUrl).toBe(`${origin}${BASE}manifest.webmanifest`);
  const manifest = JSON.parse(data) as { start_url: string; scope: string; id: string; icons: Array<{ src: string }> };
  expect(manifest).toMatchObject({ start_url: BASE, scope: BASE, id: BASE });
  for (const icon of manifest.icons) expect(new URL(icon.src, manifestUrl).pathname.startsWith(BASE)).toBe(true);

  // The places a person looks for come from the communes table and the dataset under the base too.
  await welcomeStart(page).click();
  await completeJourney(page);
  await searchPlaces(page, 'Besançon');
  await expect(page.locator('main.result li.place').first()).toBeVisible();

  expect(urls.length).toBeGreaterThan(10);
  expect(urls.filter((url) => !url.startsWith(`${origin}${BASE}`) && !url.startsWith('data:'))).toEqual([]);
});

test('under /repere/ behind nginx: an offline reload is served by the worker and a whole questionnaire is answered offline', async ({ page, context }) => {
  await page.goto(`${origin}${BASE}`);
  await waitForServiceWorkerControl(page);

  await context.setOffline(true);
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await welcomeStart(page).click();
  await completeJourney(page);
  await expect(resultHeading(page)).toBeVisible();
  await searchPlaces(page, '25000');
  await expect(page.locator('main.result li.place').first()).toBeVisible();
});

test('the documented nginx configuration sends the cache, type and security headers a kiosk needs', async ({ request }) => {
  const index = await request.get(`${origin}${BASE}`);
  expect(index.headers()['cache-control']).toBe('no-cache');
  expect(index.headers()['content-security-policy']).toBe(staticHostPolicy({}));
  expect(index.headers()['x-content-type-options']).toBe('nosniff');
  const page = await index.text();
  const entry = /<script type="module" crossorigin src="([^"]+)"/.exec(page)?.[1];
  expect(entry, 'the page loads its script from under the base').toMatch(/^\/repere\/assets\//);
  // every preloaded chunk under the base, the French messages among them (the bundler may add a small shared chunk)
  const preloads = [...page.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((match) => match[1]);
  expect(preloads.length).toBeGreaterThan(0);
  for (const href of preloads) expect(href).toMatch(/^\/repere\/assets\//);
  expect(preloads.some((href) => /^\/repere\/assets\/fr-/.test(href ?? ''))).toBe(true);

  const asset = await request.get(`${origin}${entry}`, { headers: { 'accept-encoding': 'gzip' } });
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(asset.headers()['content-type']).toMatch(/javascript/);
  expect(asset.headers()['content-encoding']).toBe('gzip');
  expect(asset.headers()['content-security-policy']).toBe(staticHostPolicy({}));

  const worker = await request.get(`${origin}${BASE}sw.js`);
  expect(worker.headers()['cache-control']).toBe('no-cache');
  expect(worker.headers()['content-type']).toMatch(/javascript/);
  const manifest = await request.get(`${origin}${BASE}manifest.webmanifest`);
  expect(manifest.headers()['content-type']).toBe('application/manifest+json');
  expect(manifest.headers()['cache-control']).toBe('no-cache');
  expect((await request.get(`${origin}${BASE}no-such-file.js`)).status()).toBe(404);
});
