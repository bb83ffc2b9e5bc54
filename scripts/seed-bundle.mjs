// The seeding script of tests/e2e/seed/seed-results.ts, bundled with the app's storage code into one classic script
// (Vite's library build, in memory) that Playwright adds to a page: `window.repereSeedResults(count)`.
import { build } from 'vite';

let bundled = null;

export async function seedBundle() {
  bundled ??= build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      emptyOutDir: false,
      lib: { entry: new URL('../tests/e2e/seed/seed-results.ts', import.meta.url).pathname, formats: ['iife'], name: 'RepereSeed' },
    },
  }).then((output) => {
    const outputs = Array.isArray(output) ? output : [output];
    const chunk = outputs.flatMap((o) => o.output).find((file) => file.type === 'chunk');
    if (!chunk) throw new Error('the seeding script did not bundle');
    return chunk.code;
  });
  return bundled;
}
