import { departementRows, statsOf, type ProtectedQuarter, type Stats, type StatsRequest, type StatsRowV2 } from './compute-stats';
import type { BatchStore } from './batch-store';
import { quarterProtector, type QuarterProtector } from './quarter-protector';

/** Quarters kept protected at once: the current one and a few that people look back at. */
const QUARTERS_KEPT = 8;
/**
 * How long a request waits for the figures of the latest batches before it is answered with those protected before
 * them, when the quarter took no longer than that to protect last time: a small collector's quarter is protected within
 * it, and its figures are always the latest. A Région's takes seconds (docs/SCALING.md): its requests do not wait.
 */
export const FRESH_WAIT_MS = 300;

/**
 * The statistics of any query, for the API and the page. Protecting a quarter reads and protects every territory of it
 * together (compute-stats.ts), which takes seconds on a large collector: it is done once per quarter and revision of
 * the store, away from the requests (quarter-protector.ts), and meanwhile the figures protected before are shown.
 */
export interface StatsSource {
  (query: StatsRequest): Promise<Stats>;
  /** Every département's row of questionnaire 2 for the query's period (the map), from the same protected quarter. */
  departements(query: StatsRequest): Promise<Map<string, StatsRowV2>>;
  /** Protects a quarter ahead of the first visitor (the current one, at start). */
  prepare(quarter: StatsRequest['quarter']): Promise<void>;
  /** Stops the worker thread. */
  close(): Promise<void>;
}

export interface StatsSourceOptions {
  readonly protect?: QuarterProtector;
  readonly freshWaitMs?: number;
  /** Told when protecting a quarter failed while older figures were shown. */
  readonly onError?: (error: unknown, quarter: string) => void;
}

interface Kept {
  readonly revision: number;
  readonly tables: ProtectedQuarter;
  /** How long it took to read and protect. */
  readonly ms: number;
}

export function statsSource(store: BatchStore, k: number, options: StatsSourceOptions = {}): StatsSource {
  const protect = options.protect ?? quarterProtector();
  const freshWaitMs = options.freshWaitMs ?? FRESH_WAIT_MS;
  const kept = new Map<string, Kept>();
  /**
   * The protection of each quarter: one running at a time, and at most one waiting behind it, whatever the number of
   * requests and batches meanwhile (the one waiting reads the latest revision when it starts).
   */
  const running = new Map<string, { revision: number; started: boolean; done: Promise<Kept> }>();

  /** The quarter protected at `revision` (or later), by the protection running or waiting, or a new one. */
  const refresh = (quarter: StatsRequest['quarter'], revision: number): Promise<Kept> => {
    const name = quarter.name;
    const inFlight = running.get(name);
    if (inFlight && (!inFlight.started || inFlight.revision >= revision)) return inFlight.done;
    // A protection of an older revision finishes first (its figures are shown meanwhile); this one follows it.
    const before = inFlight ? inFlight.done.catch(() => undefined) : Promise.resolve();
    const job = { revision, started: false, done: Promise.resolve() as unknown as Promise<Kept> };
    job.done = before
      .then(async () => {
        job.started = true;
        // The revision read before the sums: a batch stored while they are read makes the next request protect again.
        const at = await store.revision();
        job.revision = at;
        const started = performance.now();
        const tables = await protect(store, quarter, k);
        const entry = { revision: at, tables, ms: performance.now() - started };
        const current = kept.get(name);
        if (!current || current.revision <= at) {
          kept.delete(name);
          kept.set(name, entry);
          if (kept.size > QUARTERS_KEPT) kept.delete(kept.keys().next().value!);
        }
        return entry;
      })
      .finally(() => {
        if (running.get(name) === job) running.delete(name);
      });
    running.set(name, job);
    return job.done;
  };

  const protectedOf = async (query: StatsRequest): Promise<ProtectedQuarter> => {
    const revision = await store.revision();
    const entry = kept.get(query.quarter.name);
    if (entry && entry.revision >= revision) return entry.tables;
    const fresh = refresh(query.quarter, revision);
    if (!entry) return (await fresh).tables;
    // Figures already protected are there: the fresh ones are waited for a moment only, if they may come in it.
    fresh.catch((error: unknown) => options.onError?.(error, query.quarter.name));
    if (entry.ms > freshWaitMs) return entry.tables;
    let timer: NodeJS.Timeout | undefined;
    const stale = new Promise<Kept>((resolve) => (timer = setTimeout(() => resolve(entry), freshWaitMs)));
    try {
      return (await Promise.race([fresh.catch(() => entry), stale])).tables;
    } finally {
      clearTimeout(timer);
    }
  };
  const source = async (query: StatsRequest) => statsOf(await protectedOf(query), query);
  source.departements = async (query: StatsRequest) => departementRows(await protectedOf(query), query);
  source.prepare = async (quarter: StatsRequest['quarter']) => {
    await refresh(quarter, await store.revision());
  };
  source.close = () => protect.close();
  return source;
}
