// The collector's entry point (`npm run collector`): configuration, database, HTTP server, graceful shutdown.
import { StoreUnavailableError, type BatchStore } from './batch-store';
import { buildApp } from './build-app';
import { loadPlacesOffer, PlacesOfferError, type PlacesOffer } from './places-offer';
import { ConfigError, loadConfig, type CollectorConfig } from './load-config';
import { describeDatabase, openStore } from './open-store';
import { SchemaError } from './schema-error';

function configOrExit(): CollectorConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Repère collector: configuration refused. ${error.message}`);
    process.exit(1);
  }
}

/** The schema upgrade run at this start, if any: logged once the logger exists. */
const upgrades: { from: number; to: number }[] = [];
async function storeOrExit(database: string): Promise<BatchStore> {
  try {
    return await openStore(database, { onMigrated: (from, to) => upgrades.push({ from, to }) });
  } catch (error) {
    // A file it cannot write (its folder read-only under the service's sandbox…), a PostgreSQL server that does not
    // answer: one line each, and a non-zero exit (the service manager tries again later).
    const reason =
      error instanceof SchemaError
        ? 'database refused.'
        : error instanceof StoreUnavailableError
          ? `cannot reach the database ${describeDatabase(database)} (REPERE_DB): is PostgreSQL running and reachable from here?`
          : `cannot open the database ${describeDatabase(database)} (REPERE_DB):`;
    console.error(`Repère collector: ${reason} ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}

/**
 * The places file of REPERE_PLACES, counted per territory: the observatory's "proposé". A file that cannot be read is
 * said in one line and the collector goes on without it (the needs are still shown), never stops for it.
 */
function placesOfferOrNone(path: string | null): PlacesOffer | null {
  if (path === null) return null;
  try {
    return loadPlacesOffer(path);
  } catch (error) {
    if (!(error instanceof PlacesOfferError)) throw error;
    console.warn(`Repère collector: ${error.message} The observatory shows the needs without the places offering them.`);
    return null;
  }
}

const config = configOrExit();
const db = describeDatabase(config.database);
const store = await storeOrExit(config.database);
const placesOffer = placesOfferOrNone(config.places);
const app = buildApp({ config, store, placesOffer, prepareStats: true });
if (placesOffer) {
  const { source, places, unlocated, locatedBy } = placesOffer.meta;
  app.log.info({ source, places, unlocated, departementOnly: locatedBy.departementOnly }, 'places file loaded (REPERE_PLACES)');
}
for (const { from, to } of upgrades) app.log.info({ db, from, to }, 'database schema migrated');

/** How long the requests in flight may take to finish once the collector is asked to stop. */
const CLOSE_GRACE_MS = 5_000;
let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'stopping: finishing the requests in flight');
  // A browser may hold a socket open without sending anything (a speculative preconnect): Fastify's idle close does not
  // see it, and close() would wait for it. Requests in flight get a few seconds; then every connection is ended.
  setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS).unref();
  try {
    // close() stops accepting, lets requests in flight finish, then resolves; only then may the database close.
    await app.close();
  } finally {
    await store.close();
  }
  app.log.info('stopped');
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

app.log.info(
  {
    db,
    engine: store.engine,
    k: config.k,
    tokens: config.tokens.filter((t) => !t.revoked).length,
    rateLimitPerMinute: config.rateLimitPerMinute,
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
  },
  'collector starting',
);
if (!config.tokens.some((token) => !token.revoked)) app.log.warn('no enrollment token: every batch will be refused (401); set REPERE_TOKENS');
try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  app.log.fatal({ err: error }, 'cannot listen');
  await store.close();
  process.exit(1);
}
