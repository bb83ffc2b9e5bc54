// Slows a page's CPU as on the old, cheap tablets Repère runs on (Chromium's Emulation.setCPUThrottlingRate), and
// proves it took: a browser that refuses the command, or accepts it without effect, must not have full-speed figures
// reported under a `lowend` name (the benchmark is skipped and says why).

/** How much slower than this machine the benchmarks' weak device is. */
export const CPU_SLOWDOWN = 6;

/** Thrown by a benchmark that cannot measure what its name promises: reported as skipped, with its reason. */
export class BenchmarkSkipped extends Error {
  constructor(reason) {
    super(reason);
    this.name = 'BenchmarkSkipped';
  }
}

/** A fixed piece of work, timed in the page: what a slowed CPU takes longer to do. */
function busyLoop() {
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < 10_000_000; i += 1) sum += Math.sqrt(i);
  return sum > 0 ? performance.now() - started : -1;
}

async function timesOf(evaluate, runs) {
  const times = [];
  for (let run = 0; run < runs; run += 1) times.push(await evaluate(busyLoop));
  return times;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The slowed time must be at least a third of what the rate promises: a refused or ignored throttle leaves the ratio
 * near 1, while a busy two-core machine (timers, JIT, the browser's own work) blurs the exact rate.
 */
const MIN_EFFECT = 1 / 3;

/**
 * Slows the CPU of the page behind `session` (a CDP session) `rate` times, checked by timing the same work before and
 * after with `evaluate` (the page's evaluate). Resolves with the two times, or throws BenchmarkSkipped.
 */
export async function slowDownCpu(session, evaluate, rate = CPU_SLOWDOWN) {
  // the first runs are slower (not yet compiled): the fastest of five is the full speed
  const plainMs = Math.min(...(await timesOf(evaluate, 5)));
  try {
    await session.send('Emulation.setCPUThrottlingRate', { rate });
  } catch (error) {
    throw new BenchmarkSkipped(`this browser refuses CPU throttling (${error instanceof Error ? error.message : String(error)})`);
  }
  return { plainMs, ...(await checkSlowed(evaluate, plainMs, rate)) };
}

/** Checks that the page is still slowed `rate` times (after a navigation, say); throws BenchmarkSkipped if not. */
export async function checkSlowed(evaluate, plainMs, rate = CPU_SLOWDOWN) {
  const slowedMs = median(await timesOf(evaluate, 3));
  if (!(slowedMs >= plainMs * rate * MIN_EFFECT)) {
    throw new BenchmarkSkipped(
      `CPU throttling ×${rate} had no effect (the same work took ${plainMs.toFixed(1)} ms at full speed and ${slowedMs.toFixed(1)} ms throttled)`,
    );
  }
  return { slowedMs };
}
