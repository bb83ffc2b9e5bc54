// Runs the checks on one engine (tests/engines/main.ts), each bounded in time: a check that never ends (a browser that
// never gives the service worker control, a driver call that never answers) fails with its reason after its timeout,
// and the next check runs; a check that cannot run here is skipped with its reason. Unit-tested with fake engines
// (tests/unit/run-engine.test.ts).
import { CheckSkipped, type EngineCheck } from './engine-checks';
import type { LaunchEngine } from './engine-driver';

/** An engine the runs know: how to get it here, or why it cannot be had; the checks it cannot run, with why. */
export interface Engine {
  readonly name: string;
  prepare(): { launch: LaunchEngine; version: string; skips?: ReadonlyMap<EngineCheck, string> } | { skipped: string };
}

/** No check may hang the suite: past this, it fails with its reason. */
export const CHECK_TIMEOUT_MS = 120_000;

export interface EngineReport {
  name: string;
  version: string | null;
  passed: number;
  failed: number;
  skipped: number;
  reason?: string;
  durationMs: number;
  failures: Array<{ check: string; message: string }>;
  checks: Array<{ check: string; ok: boolean; durationMs: number } | { check: string; skipped: string }>;
}

export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no end after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function runEngine(engine: Engine, outDir: string, checks: readonly EngineCheck[]): Promise<EngineReport> {
  const started = Date.now();
  const report: EngineReport = { name: engine.name, version: null, passed: 0, failed: 0, skipped: 0, durationMs: 0, failures: [], checks: [] };
  let prepared: ReturnType<Engine['prepare']>;
  try {
    prepared = engine.prepare();
  } catch (error) {
    prepared = { skipped: `cannot be installed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if ('skipped' in prepared) {
    report.skipped = checks.length;
    report.reason = prepared.skipped;
  } else {
    report.version = prepared.version;
    for (const check of checks) {
      const skip = prepared.skips?.get(check);
      if (skip !== undefined) {
        report.skipped += 1;
        report.checks.push({ check: check.name, skipped: skip });
        console.log(`${engine.name} – skipped: ${check.name}\n  ${skip}`);
        continue;
      }
      const checkStarted = Date.now();
      try {
        await withTimeout(check.run({ launch: prepared.launch, outDir }), check.timeoutMs ?? CHECK_TIMEOUT_MS, check.name);
        report.passed += 1;
        report.checks.push({ check: check.name, ok: true, durationMs: Date.now() - checkStarted });
      } catch (error) {
        if (error instanceof CheckSkipped) {
          report.skipped += 1;
          report.checks.push({ check: check.name, skipped: error.message });
          console.log(`${engine.name} – skipped: ${check.name}\n  ${error.message}`);
          continue;
        }
        const message = error instanceof Error ? error.message : String(error);
        report.failed += 1;
        report.failures.push({ check: check.name, message });
        report.checks.push({ check: check.name, ok: false, durationMs: Date.now() - checkStarted });
        console.error(`${engine.name} ✗ ${check.name}\n  ${message.replaceAll('\n', '\n  ')}`);
      }
    }
  }
  report.durationMs = Date.now() - started;
  return report;
}

