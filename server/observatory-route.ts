import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { HttpError } from './http-error';
import type { BatchStore } from './batch-store';
import { MAP_FIGURES, isMapFigure, renderObservatory, type MapFigure } from './render-observatory';
import { resolveStatsQuery } from './resolve-stats-query';
import type { StatsSource } from './stats-source';
import type { PlacesOffer } from './places-offer';

export interface ObservatoryRouteOptions {
  readonly store: BatchStore;
  /** The statistics, shared with the API (build-app.ts). */
  readonly stats: StatsSource;
  readonly now: () => Date;
  readonly placesOffer: PlacesOffer | null;
}

const here = dirname(fileURLToPath(import.meta.url));
// chart.js exports no path to its UMD build: find its package through its main entry.
const chartJsDist = dirname(createRequire(import.meta.url).resolve('chart.js'));

/** Files of the page, read once at start-up and served from memory. */
const ASSETS = new Map([
  ['chart.umd.min.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(join(chartJsDist, 'chart.umd.min.js')) }],
  ['observatory.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(join(here, 'public/observatory.js')) }],
  ['observatory.css', { type: 'text/css; charset=utf-8', body: readFileSync(join(here, 'public/observatory.css')) }],
  ['choropleth.css', { type: 'text/css; charset=utf-8', body: readFileSync(join(here, 'public/choropleth.css')) }],
]);

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
/** The figure the map colours by: `?figure=`, or the first one when absent or unknown. */
const figureOf = (query: Record<string, unknown>): MapFigure => {
  const asked = text(query.figure);
  return isMapFigure(asked) ? asked : (Object.keys(MAP_FIGURES)[0] as MapFigure);
};

/** GET /: the observatory page (works without JavaScript); GET /assets/*: its script, style and chart.js. */
export async function observatoryRoute(app: FastifyInstance, { store, stats: statsOfQuery, now, placesOffer }: ObservatoryRouteOptions) {
  app.get('/', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const territories = await store.territories();
    try {
      const resolved = await resolveStatsQuery(query, store, now());
      const [stats, departementRows] = await Promise.all([statsOfQuery(resolved), statsOfQuery.departements(resolved)]);
      // As asked (a merged commune's old code stays in the form; the page says where it went).
      const territory = text(query.territory);
      return reply.type('text/html; charset=utf-8').send(
        renderObservatory({
          form: { territory, quarter: resolved.quarter.name, figure: figureOf(query) },
          territories,
          stats,
          departementRows,
          offer: placesOffer ? { ...placesOffer.offerFor(resolved.scope), meta: placesOffer.meta } : null,
          error: null,
        }),
      );
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const form = { territory: text(query.territory), quarter: text(query.quarter), figure: figureOf(query) };
      return reply.code(error.statusCode).type('text/html; charset=utf-8').send(renderObservatory({ form, territories, stats: null, error: error.message }));
    }
  });

  app.get('/assets/:name', async (request, reply) => {
    const asset = ASSETS.get((request.params as { name: string }).name);
    if (!asset) throw new HttpError(404, 'not-found', 'Fichier introuvable.');
    return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
  });
}
