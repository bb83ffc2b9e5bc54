// The collector's entry point (`npm run collector`): configuration, database, HTTP server, graceful shutdown.
import { buildApp } from './build-app';
import { ConfigError, loadConfig, type CollectorConfig } from './load-config';
import { openBatchStore } from './open-batch-store';

function configOrExit(): CollectorConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Repère collector: configuration refused. ${error.message}`);
    process.exit(1);
  }
}

const config = configOrExit();
const store = openBatchStore(config.databaseFile);
const app = buildApp({ config, store });

let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'stopping: finishing the requests in flight');
  try {
    // close() stops accepting, lets requests in flight finish, then resolves; only then may the database close.
    await app.close();
  } finally {
    store.close();
  }
  app.log.info('stopped');
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

app.log.info(
  { db: config.databaseFile, k: config.k, tokens: config.tokens.filter((t) => !t.revoked).length, rateLimitPerMinute: config.rateLimitPerMinute },
  'collector starting',
);
if (!config.tokens.some((token) => !token.revoked)) app.log.warn('no enrollment token: every batch will be refused (401); set REPERE_TOKENS');
try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  app.log.fatal({ err: error }, 'cannot listen');
  store.close();
  process.exit(1);
}
