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
  const protectedOf = async (query: StatsRequest): Promise<ProtectedQuarter> => {
    const revision = await store.revision();
    let entry = kept.get(query.quarter.name);
    if (!entry || entry.revision !== revision) {
      entry = { revision, tables: protectStats(await store.sumsByTerritory(query.quarter.from, query.quarter.to), query.quarter, k) };
      kept.delete(query.quarter.name);
      kept.set(query.quarter.name, entry);
      if (kept.size > QUARTERS_KEPT) kept.delete(kept.keys().next().value!);
    }
    return entry.tables;
  };
  const source = async (query: StatsRequest) => statsOf(await protectedOf(query), query);
  source.departements = async (query: StatsRequest) => departementRows(await protectedOf(query), query);
  return source;
}
