// size.initialJsGzipKB: the JavaScript a kiosk downloads before it can show the welcome screen (entry + modulepreloads),
// gzipped as a server would send it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const name = 'size';

/** Scripts index.html loads before the first screen: the module entry and every modulepreload. */
export function initialScripts(html) {
  const scripts = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  return [...new Set([...scripts, ...preloads])];
}

export async function run({ distDir }) {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = initialScripts(html);
  if (files.length === 0) throw new Error('index.html loads no script: is dist/ a Vite build?');
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(distDir, file))).length, 0);
  return {
    'size.initialJsGzipKB': { value: Math.round((bytes / 1024) * 10) / 10, unit: 'KB', target: 32, better: 'lower' },
  };
}
