import type { FastifyInstance } from 'fastify';
import type { BatchStore } from './batch-store';
import { resolveStatsQuery } from './resolve-stats-query';
import { statsSource } from './stats-source';
import { statsCsv } from './stats-csv';

export interface StatsRouteOptions {
  readonly store: BatchStore;
  readonly k: number;
  readonly now: () => Date;
}

/** GET /api/v1/stats and /api/v1/stats.csv: the sums of a territory over a period of weeks, small numbers hidden. */
export async function statsRoute(app: FastifyInstance, { store, k, now }: StatsRouteOptions) {
  const stats = statsSource(store, k);
  const statsOf = async (query: unknown) => stats(await resolveStatsQuery(query as Record<string, unknown>, store, now()));

  app.get('/api/v1/stats', async (request) => statsOf(request.query));

  app.get('/api/v1/stats.csv', async (request, reply) => {
    const stats = await statsOf(request.query);
    const territory = stats.territory.level === 'all' ? 'tous' : stats.territory.code;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="repere-${territory}-${stats.weeks.from}-${stats.weeks.to}.csv"`)
      .send(statsCsv(stats));
  });
}
