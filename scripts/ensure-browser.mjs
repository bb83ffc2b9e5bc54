// Makes sure a Chromium is there for the end-to-end tests and benchmarks; prints its path.
import { ensureChromium } from './browser.mjs';

console.log(`Chromium: ${ensureChromium()}`);
