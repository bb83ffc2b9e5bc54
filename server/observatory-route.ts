import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { HttpError } from './http-error';
import type { BatchStore } from './batch-store';
import { renderObservatory } from './render-observatory';
import { resolveStatsQuery } from './resolve-stats-query';
import { statsSource } from './stats-source';

export interface ObservatoryRouteOptions {
  readonly store: BatchStore;
  readonly k: number;
  readonly now: () => Date;
}

const here = dirname(fileURLToPath(import.meta.url));
// chart.js exports no path to its UMD build: find its package through its main entry.
const chartJsDist = dirname(createRequire(import.meta.url).resolve('chart.js'));

/** Files of the page, read once at start-up and served from memory. */
const ASSETS = new Map([
  ['chart.umd.min.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(join(chartJsDist, 'chart.umd.min.js')) }],
  ['observatory.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(join(here, 'public/observatory.js')) }],
  ['observatory.css', { type: 'text/css; charset=utf-8', body: readFileSync(join(here, 'public/observatory.css')) }],
]);

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** GET /: the observatory page (works without JavaScript); GET /assets/*: its script, style and chart.js. */
export async function observatoryRoute(app: FastifyInstance, { store, k, now }: ObservatoryRouteOptions) {
  const statsOfQuery = statsSource(store, k);
  app.get('/', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const territories = await store.territories();
    try {
      const resolved = await resolveStatsQuery(query, store, now());
      const stats = await statsOfQuery(resolved);
      // As asked (a merged commune's old code stays in the form; the page says where it went).
      const territory = text(query.territory);
      return reply.type('text/html; charset=utf-8').send(
        renderObservatory({ form: { territory, quarter: resolved.quarter.name }, territories, stats, error: null }),
      );
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const form = { territory: text(query.territory), quarter: text(query.quarter) };
      return reply.code(error.statusCode).type('text/html; charset=utf-8').send(renderObservatory({ form, territories, stats: null, error: error.message }));
    }
  });

  app.get('/assets/:name', async (request, reply) => {
    const asset = ASSETS.get((request.params as { name: string }).name);
    if (!asset) throw new HttpError(404, 'not-found', 'Fichier introuvable.');
    return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
  });
}
