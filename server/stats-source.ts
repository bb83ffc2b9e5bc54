import { departementRows, protectStats, statsOf, type ProtectedQuarter, type Stats, type StatsRequest, type StatsRowV2 } from './compute-stats';
import type { BatchStore } from './batch-store';

/** Quarters kept protected at once: the current one and a few that people look back at. */
const QUARTERS_KEPT = 8;

/**
 * The statistics of any query, for the API and the page. Protecting a quarter reads and protects every territory of it
 * together (compute-stats.ts), which takes time on a large collector: it is done once per quarter, and again only when
 * a batch has been stored since.
 */
export interface StatsSource {
  (query: StatsRequest): Promise<Stats>;
  /** Every département's row of questionnaire 2 for the query's period (the map), from the same protected quarter. */
  departements(query: StatsRequest): Promise<Map<string, StatsRowV2>>;
}

export function statsSource(store: BatchStore, k: number): StatsSource {
  const kept = new Map<string, { readonly revision: number; readonly tables: ProtectedQuarter }>();
  /** The quarters being protected now, at a revision: a request that comes meanwhile waits for the same work. */
  const running = new Map<string, { readonly revision: number; readonly tables: Promise<ProtectedQuarter> }>();
  const protectedOf = async (query: StatsRequest): Promise<ProtectedQuarter> => {
    const revision = await store.revision();
    const name = query.quarter.name;
    const entry = kept.get(name);
    if (entry && entry.revision === revision) return entry.tables;
    const inFlight = running.get(name);
    if (inFlight && inFlight.revision === revision) return inFlight.tables;
    // The stale quarter is let go first: it and the new one are never held together.
    kept.delete(name);
    const tables = store
      .sumsByTerritory(query.quarter.from, query.quarter.to)
      .then((sums) => protectStats(sums, query.quarter, k))
      .then((protectedQuarter) => {
        kept.set(name, { revision, tables: protectedQuarter });
        if (kept.size > QUARTERS_KEPT) kept.delete(kept.keys().next().value!);
        return protectedQuarter;
      })
      .finally(() => {
        if (running.get(name)?.tables === tables) running.delete(name);
      });
    running.set(name, { revision, tables });
    return tables;
  };
  const source = async (query: StatsRequest) => statsOf(await protectedOf(query), query);
  source.departements = async (query: StatsRequest) => departementRows(await protectedOf(query), query);
  return source;
}
