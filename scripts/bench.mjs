// `npm run bench [-- <prefix>]`: builds the production bundle, runs every benchmark in tests/bench/ (or those whose
// metrics start with <prefix>), writes reports/bench.json as { "<metric>": { value, unit, target } } and prints a table.
// The build is skipped when none of the benchmarks run needs it (`export const needsBuild = false`: the collector's).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const prefix = process.argv[2] ?? '';
const BENCH_DIR = 'tests/bench';
const OUTPUT = 'reports/bench.json';

mkdirSync('reports', { recursive: true });

const modules = readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort();
const benches = [];
for (const file of modules) {
  const bench = await import(pathToFileURL(`${BENCH_DIR}/${file}`).href);
  // a prefix selects a benchmark by its name ("size") or by the start of its metrics ("lighthouse.perf")
  if (!prefix || bench.name.startsWith(prefix.split('.')[0])) benches.push(bench);
}
if (benches.length === 0) {
  console.error(`No benchmark matches "${prefix}". Known: ${modules.join(', ')}`);
  process.exit(1);
}
if (benches.some((bench) => bench.needsBuild !== false)) {
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const previous = existsSync(OUTPUT) ? JSON.parse(readFileSync(OUTPUT, 'utf8')) : {};
const measured = {};
const directions = {};
let failed = false;
const skipped = [];
for (const bench of benches) {
  console.log(`Running ${bench.name}…`);
  try {
    const metrics = await bench.run({ distDir: 'dist' });
    for (const [metric, { value, unit, target, better }] of Object.entries(metrics)) {
      if (prefix && !metric.startsWith(prefix)) continue;
      measured[metric] = { value, unit, target };
      directions[metric] = better;
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'BenchmarkSkipped') {
      // never a full-speed figure under a weak-device name: the last run's figures of this benchmark go too
      console.warn(`Benchmark ${bench.name} SKIPPED: ${error.message}`);
      skipped.push(bench.name);
      continue;
    }
    failed = true;
    console.error(`Benchmark ${bench.name} failed: ${error instanceof Error ? error.message : error}`);
  }
}

// A subset run updates its own metrics and keeps the others from the last full run.
const kept = Object.fromEntries(Object.entries(previous).filter(([metric]) => !skipped.some((name) => metric.startsWith(`${name}.`))));
writeFileSync(OUTPUT, `${JSON.stringify({ ...kept, ...measured }, null, 2)}\n`);
const rows = Object.entries(measured).map(([metric, { value, unit, target }]) => {
  // A figure reported beside the targets, with none of its own.
  if (target === undefined) return { metric, value, unit, target: '—', ok: '—' };
  const ok = directions[metric] === 'higher' ? value >= target : value <= target;
  return { metric, value, unit, target: `${directions[metric] === 'higher' ? '≥' : '≤'} ${target}`, ok: ok ? 'yes' : 'NO' };
});
console.table(rows);
console.log(`Written to ${OUTPUT}`);
process.exit(failed ? 1 : 0);
