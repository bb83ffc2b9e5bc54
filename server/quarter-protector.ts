import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { BatchStore, SumsByTerritory } from './batch-store';
import { protectStats, type ProtectedQuarter } from './compute-stats';
import type { Quarter } from './iso-weeks';

export interface ProtectJob {
  readonly id: number;
  /** The sums, or the SQLite file the worker reads them from. */
  readonly source: { readonly sums: SumsByTerritory } | { readonly file: string };
  readonly quarter: Quarter;
  readonly k: number;
}
export type ProtectReply = { readonly id: number; readonly result: ProtectedQuarter } | { readonly id: number; readonly error: string };

/** Reads a quarter's sums from the store and protects its tables (compute-stats.ts, protectStats). */
export interface QuarterProtector {
  (store: BatchStore, quarter: Quarter, k: number): Promise<ProtectedQuarter>;
  /** Stops the worker thread, if one runs; a protection still running is refused. */
  close(): Promise<void>;
}

export interface QuarterProtectorOptions {
  /**
   * Below this many batches in the quarter (in a SQLite file) or territory-weeks (rows of sums, otherwise) a quarter is
   * read and protected on the thread that asks, in milliseconds; from it on, in a worker thread, so that the collector
   * keeps answering (a Région's quarter takes seconds).
   */
  readonly inThreadBelow?: number;
  /** The worker's memory limits (tests make it run out). */
  readonly resourceLimits?: ResourceLimits;
}

/** Where a small quarter stops being protected in the thread that asks: a few hundred communes' weeks. */
export const IN_THREAD_BELOW = 4000;

/**
 * Protects quarters, large ones in one worker thread kept for the next (started when first needed, unref'd so that it
 * never holds the process open). From a SQLite file the worker reads the sums too, on a read-only connection of its
 * own: summing a Région's quarter takes seconds, and better-sqlite3 holds the thread that runs it. A worker that dies
 * (out of memory, a crash) fails the protections it was given, with the reason, and the next one starts a new worker:
 * the collector itself keeps running.
 */
export function quarterProtector(options: QuarterProtectorOptions = {}): QuarterProtector {
  const inThreadBelow = options.inThreadBelow ?? IN_THREAD_BELOW;
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (result: ProtectedQuarter) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    const started = new Worker(new URL('./protect-worker.mjs', import.meta.url), options.resourceLimits ? { resourceLimits: options.resourceLimits } : {});
    started.unref();
    started.on('message', (reply: ProtectReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(`protecting the statistics failed: ${reply.error}`));
      else waiting.resolve(reply.result);
    });
    started.on('error', (error) => {
      if (worker === started) worker = null;
      failAll(new Error(`the statistics worker stopped: ${error.message}`));
    });
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      failAll(new Error(`the statistics worker stopped (exit code ${code})`));
    });
    return started;
  };

  const inWorker = (source: ProtectJob['source'], quarter: Quarter, k: number): Promise<ProtectedQuarter> => {
    worker ??= start();
    const id = nextId++;
    const result = new Promise<ProtectedQuarter>((resolve, reject) => pending.set(id, { resolve, reject }));
    worker.postMessage({ id, source, quarter, k } satisfies ProtectJob);
    return result;
  };
  const protect = async (store: BatchStore, quarter: Quarter, k: number): Promise<ProtectedQuarter> => {
    if (store.offThread && (await store.offThread.batchesIn(quarter.from, quarter.to)) >= inThreadBelow) {
      return inWorker({ file: store.offThread.file }, quarter, k);
    }
    const sums = await store.sumsByTerritory(quarter.from, quarter.to);
    if (sums[1].length + sums[2].length < inThreadBelow) return protectStats(sums, quarter, k);
    return inWorker({ sums }, quarter, k);
  };
  protect.close = async () => {
    const stopping = worker;
    worker = null;
    if (stopping) await stopping.terminate();
  };
  return protect;
}
