// Renders the app icons (PNG 192, 512 and a maskable 512) from the SVG mark with the test Chromium.
// Run once after changing public/icons/favicon.svg: `npm run icons`. The PNGs are committed.
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, ensureChromium } from './browser.mjs';

const svg = readFileSync(new URL('../public/icons/favicon.svg', import.meta.url), 'utf8');
const plain = (size) =>
  `<body style="margin:0;background:transparent"><div style="width:${size}px;height:${size}px">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</div></body>`;
// Maskable: full-bleed background, the mark inside the 80 % safe zone.
const maskable = (size) =>
  `<body style="margin:0"><div style="width:${size}px;height:${size}px;background:#1a4d8f;display:grid;place-items:center">${svg
    .replace('<svg ', `<svg width="${Math.round(size * 0.72)}" height="${Math.round(size * 0.72)}" `)
    .replace('rx="14"', 'rx="0"')}</div></body>`;

const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage();
for (const [file, size, html] of [
  ['icon-192.png', 192, plain(192)],
  ['icon-512.png', 512, plain(512)],
  ['icon-maskable-512.png', 512, maskable(512)],
]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(html);
  await page.screenshot({ path: `public/icons/${file}`, omitBackground: true });
  console.log(`public/icons/${file}`);
}
await browser.close();
