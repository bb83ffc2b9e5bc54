// The engine runs never hang and always say why (issue 21): a check that never ends, a browser that crashed, a check
// that cannot run, an engine that cannot be installed, a service worker that never takes control. Fake engines and
// drivers: no browser.
import { describe, expect, it } from 'vitest';
import { CheckSkipped, type EngineCheck } from '../engines/engine-checks';
import type { EngineDriver } from '../engines/engine-driver';
import { waitForServiceWorkerControl } from '../engines/journey-steps';
import { runEngine, type Engine } from '../engines/run-engine';

const check = (name: string, run: EngineCheck['run'], timeoutMs?: number): EngineCheck => ({ name, run, ...(timeoutMs ? { timeoutMs } : {}) });
const engine = (prepare: Engine['prepare']): Engine => ({ name: 'fake', prepare });
const installed = engine(() => ({ launch: () => Promise.reject(new Error('no browser in a unit test')), version: '1.0' }));

describe('runEngine', () => {
  it('fails a check that never ends after its timeout, with its name, and runs the next one', async () => {
    const started = Date.now();
    const report = await runEngine(installed, 'dist', [check('hangs', () => new Promise(() => undefined), 200), check('passes', async () => undefined)]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(report).toMatchObject({ passed: 1, failed: 1, skipped: 0 });
    expect(report.failures).toEqual([{ check: 'hangs', message: 'hangs: no end after 0.2 s' }]);
  });

  it('fails a check whose browser crashed with what the driver said', async () => {
    const report = await runEngine(installed, 'dist', [
      check('crashes', () => Promise.reject(new Error('click button "Suivant": firefox-esr disconnected (crashed or closed) in the middle of the run'))),
    ]);
    expect(report.failed).toBe(1);
    expect(report.failures[0]!.message).toContain('crashed');
  });

  it('skips a check that cannot run here, with its reason, and one the engine cannot run', async () => {
    const cannot = check('needs Chromium', () => Promise.reject(new CheckSkipped('no Chromium to compare with here')));
    const restart = check('restart', async () => undefined);
    const report = await runEngine(
      engine(() => ({ launch: () => Promise.reject(new Error('unused')), version: '1.0', skips: new Map([[restart, 'storage in memory only']]) })),
      'dist',
      [cannot, restart],
    );
    expect(report).toMatchObject({ passed: 0, failed: 0, skipped: 2 });
    expect(report.checks).toEqual([
      { check: 'needs Chromium', skipped: 'no Chromium to compare with here' },
      { check: 'restart', skipped: 'storage in memory only' },
    ]);
  });

  it('skips every check of an engine that cannot be installed, saying why (an apt mirror out of reach)', async () => {
    const why = 'cannot be installed: apt-get install failed (exit 100): E: Unable to locate package firefox-esr';
    const report = await runEngine(engine(() => ({ skipped: why })), 'dist', [check('a', async () => undefined), check('b', async () => undefined)]);
    expect(report).toMatchObject({ passed: 0, failed: 0, skipped: 2, reason: why, version: null });
    const throwing = await runEngine(
      engine(() => {
        throw new Error('apt-get update did not end in 600 s');
      }),
      'dist',
      [check('a', async () => undefined)],
    );
    expect(throwing.reason).toBe('cannot be installed: apt-get update did not end in 600 s');
  });
});

describe('waitForServiceWorkerControl', () => {
  it('reloads once, then fails with its reason when the service worker never takes control', async () => {
    const calls: string[] = [];
    const driver = {
      name: 'fake',
      version: '1',
      reload: async () => void calls.push('reload'),
      // as the drivers do: nothing truthy before the timeout, then a rejection with the step's message
      waitForFunction: async (_fn: unknown, _arg: unknown, options: { timeoutMs?: number; message?: string } = {}) => {
        calls.push(`wait ${options.timeoutMs}`);
        throw new Error(`${options.message ?? 'waiting in the page'} (${options.timeoutMs} ms): never truthy`);
      },
    } as unknown as EngineDriver;
    await expect(waitForServiceWorkerControl(driver)).rejects.toThrow('the service worker never took control of the page');
    expect(calls).toEqual(['wait 5000', 'reload', 'wait 10000']);
  });
});
