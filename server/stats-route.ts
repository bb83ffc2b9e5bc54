import type { FastifyInstance } from 'fastify';
import type { BatchStore } from './batch-store';
import { resolveStatsQuery } from './resolve-stats-query';
import type { StatsSource } from './stats-source';
import { statsCsv } from './stats-csv';
import { statsSchema } from './stats-schema';

const STATS_SCHEMA_BODY = JSON.stringify(statsSchema);

export interface StatsRouteOptions {
  readonly store: BatchStore;
  /** The statistics, shared with the observatory page (build-app.ts). */
  readonly stats: StatsSource;
  readonly now: () => Date;
}

/** GET /api/v1/stats and /api/v1/stats.csv: the sums of a territory over a period of weeks, small numbers hidden. */
export async function statsRoute(app: FastifyInstance, { store, stats, now }: StatsRouteOptions) {
  const statsOf = async (query: unknown) => stats(await resolveStatsQuery(query as Record<string, unknown>, store, now()));

  app.get('/api/v1/stats', async (request) => statsOf(request.query));

  app.get('/api/v1/stats.csv', async (request, reply) => {
    const stats = await statsOf(request.query);
    const territory = stats.territory.level === 'all' ? 'tous' : stats.territory.level === 'region' || stats.territory.level === 'epci' ? `${stats.territory.level}-${stats.territory.code}` : stats.territory.code;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="repere-${territory}-${stats.weeks.from}-${stats.weeks.to}.csv"`)
      .send(statsCsv(stats));
  });

  // The JSON Schema of GET /api/v1/stats (stats-schema.ts), for the open-data portal and whoever reuses the figures.
  app.get('/api/v1/stats.schema.json', (_request, reply) =>
    reply.type('application/schema+json; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STATS_SCHEMA_BODY),
  );
}
