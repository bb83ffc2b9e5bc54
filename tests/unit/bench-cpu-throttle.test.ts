import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the benchmarks, without types
import { BenchmarkSkipped, slowDownCpu } from '../bench/cpu-throttle.mjs';

type Session = { send: (method: string, params: unknown) => Promise<void> };

/** A page whose busy loop takes `plainMs`, or `plainMs × effect` once throttled. */
function fakePage(plainMs: number, effect: number, refuse = false) {
  let rate = 1;
  const session: Session = {
    send: async (method, params) => {
      if (refuse) throw new Error(`'${method}' wasn't found`);
      rate = (params as { rate: number }).rate;
    },
  };
  const evaluate = async () => (rate === 1 ? plainMs : plainMs * effect);
  return { session, evaluate };
}

describe('slowDownCpu (the weak-device benchmark never reports a full-speed figure)', () => {
  it('skips, saying so, on a browser that refuses CPU throttling', async () => {
    const { session, evaluate } = fakePage(20, 6, true);
    const refused = slowDownCpu(session, evaluate, 6);
    await expect(refused).rejects.toBeInstanceOf(BenchmarkSkipped);
    await expect(refused).rejects.toThrow(/refuses CPU throttling/);
  });

  it('skips, saying so, when the throttle is accepted but changes nothing', async () => {
    const { session, evaluate } = fakePage(20, 1.1);
    await expect(slowDownCpu(session, evaluate, 6)).rejects.toThrow(/had no effect.*20\.0 ms at full speed and 22\.0 ms throttled/);
  });

  it('goes on when the page really runs slower', async () => {
    const { session, evaluate } = fakePage(20, 5.5);
    await expect(slowDownCpu(session, evaluate, 6)).resolves.toEqual({ plainMs: 20, slowedMs: 110 });
  });
});
