import cors from '@fastify/cors';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { StoreUnavailableError, type BatchStore } from './batch-store';
import { batchesRoute } from './batches-route';
import { describeValidationError } from './describe-validation-error';
import { HttpError } from './http-error';
import type { CollectorConfig } from './load-config';
import { observatoryRoute } from './observatory-route';
import { statsSource } from './stats-source';
import { quarterOf, addWeeks } from './iso-weeks';
import { isoWeek } from '../src/domain/aggregate';
import type { QuarterProtector } from './quarter-protector';
import type { PlacesOffer } from './places-offer';
import { statsRoute } from './stats-route';

export interface AppOptions {
  readonly config: CollectorConfig;
  readonly store: BatchStore;
  /** The clock (tests fix it); the week in progress is read from it. */
  readonly now?: () => Date;
  /** The places of REPERE_PLACES, counted per territory and service; null without a places file. */
  readonly placesOffer?: PlacesOffer | null;
  /**
   * Protects the statistics of the latest quarter once the collector listens, before the first visitor asks (main.ts):
   * on a Région's collector that takes seconds.
   */
  readonly prepareStats?: boolean;
  /** How the quarters are protected (tests give a worker of little memory). */
  readonly protect?: QuarterProtector;
}

/** Seconds a device is told to wait (Retry-After) while the database cannot be reached: it keeps its batches meanwhile. */
export const UNAVAILABLE_RETRY_AFTER_S = 10;
const UNAVAILABLE = {
  statusCode: 503,
  error: 'unavailable',
  message: 'Le collecteur ne peut pas enregistrer pour l’instant (base de données injoignable) : l’appareil garde ses lots et réessaiera.',
};

/** A batch is about 1.5 KB; anything much larger is not one. */
const BODY_LIMIT = 64 * 1024;

/** Fastify's own request errors, answered in the collector's words. */
const FASTIFY_ERRORS: Readonly<Record<string, HttpError>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: new HttpError(415, 'not-json', 'Le lot doit être envoyé en JSON (Content-Type: application/json).'),
  FST_ERR_CTP_BODY_TOO_LARGE: new HttpError(413, 'too-large', `Le lot dépasse ${BODY_LIMIT / 1024} Ko : ce n’est pas un lot Repère.`),
  FST_ERR_CTP_EMPTY_JSON_BODY: new HttpError(400, 'invalid-json', 'Le corps de la requête est vide.'),
  FST_ERR_CTP_INVALID_JSON_BODY: new HttpError(400, 'invalid-json', 'Le corps de la requête n’est pas du JSON valide.'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: new HttpError(400, 'invalid-length', 'La longueur annoncée ne correspond pas au corps reçu.'),
};

const SECURITY_HEADERS = {
  // The page loads only its own files: chart.js is served from here, never from a CDN.
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** The answers to a device refused for its token or its rate: their line says where they came from, to block a flood. */
const WITH_CLIENT = new Set([401, 429]);

/**
 * One log line per request (Fastify writes two), once answered: method, URL, status, time; never a header or a body.
 * The client's address (behind a trusted proxy, the one it forwarded) only on a 401 or a 429.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const line: { method: string; url: string; statusCode: number; ms: number; client?: string } = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (WITH_CLIENT.has(reply.statusCode)) line.client = request.ip;
    if (error) reply.log.error({ ...line, err: { type: error.name, message: error.message } }, 'request errored');
    else reply.log.info(line, 'request');
  }
}

function toHttpError(error: FastifyError): HttpError | null {
  if (error instanceof HttpError) return error;
  if (error.validation) return new HttpError(400, 'invalid-batch', describeValidationError(error.validation));
  const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
  if (known) return known;
  // Other client errors (a JSON body with __proto__, a bad header…): their status, a neutral message.
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new HttpError(error.statusCode, 'bad-request', 'Requête refusée par le collecteur.');
  }
  return null;
}

/**
 * The collector as a Fastify instance, not listening yet: POST /api/v1/batches, the statistics, the observatory page and
 * /healthz (200 while the database answers). A request that finds the database out of reach gets 503 and Retry-After.
 * Logs carry the method, URL, status and time of each request, never a body or a header (the token).
 */
export function buildApp({ config, store, now = () => new Date(), placesOffer = null, prepareStats = false, protect }: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: ['req.headers', 'req.body', 'res.headers', 'body', 'headers.authorization'], censor: '[redacted]' },
    },
    logController: new OneLinePerRequest(),
    bodyLimit: BODY_LIMIT,
    // Ajv as the schema says: no silent removal of unknown fields, no "5" taken for 5, no defaults filled in. Refs kept
    // as functions of their own: the batch schema of each format is one (batch-schema.ts).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false, inlineRefs: false } },
    forceCloseConnections: 'idle',
    // Behind a reverse proxy, request.ip is the client it forwarded, but only for a request that comes from one of
    // those addresses: anyone else's X-Forwarded-For is ignored.
    trustProxy: config.trustProxy.length > 0 ? [...config.trustProxy] : false,
  });

  // JSON only: Fastify would otherwise accept text/plain bodies as strings.
  app.removeContentTypeParser('text/plain');

  // On close, Fastify ends the idle keep-alive connections once; a connection busy at that moment would stay open
  // after its answer and hold close() until its keep-alive timeout. Answers sent from then on close theirs.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  app.addHook('onSend', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (closing) reply.header('connection', 'close');
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof StoreUnavailableError) {
      request.log.warn({ reason: error.message }, 'database unavailable');
      return reply.code(503).header('retry-after', String(UNAVAILABLE_RETRY_AFTER_S)).send(UNAVAILABLE);
    }
    const known = toHttpError(error);
    if (!known) {
      request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, 'request failed');
      return reply.code(500).send({ statusCode: 500, error: 'internal', message: 'Erreur du collecteur : réessayez plus tard.' });
    }
    // error.message may quote the body (JSON.parse does): only the code is logged.
    request.log.info({ statusCode: known.statusCode, error: known.code }, 'request refused');
    return reply.code(known.statusCode).send({ statusCode: known.statusCode, error: known.code, message: known.message });
  });

  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ statusCode: 404, error: 'not-found', message: 'Adresse inconnue du collecteur.' }),
  );

  // Kiosks post from their own origin: a browser asks first (preflight) because of the Authorization header, and may
  // read Retry-After on a 429 only if it is exposed.
  app.register(cors, {
    origin: config.allowedOrigins.includes('*') ? '*' : [...config.allowedOrigins],
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type', 'Authorization'],
    exposedHeaders: ['Retry-After'],
    maxAge: 86_400,
  });
  // Healthy when the database answers, not only the process: a load balancer then sends devices elsewhere.
  app.get('/healthz', async (_request, reply) => {
    try {
      await store.check();
      return { status: 'ok' };
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      return reply.code(503).header('retry-after', String(UNAVAILABLE_RETRY_AFTER_S)).send({ status: 'unavailable', message: 'database unreachable' });
    }
  });
  app.register(batchesRoute, { store, k: config.k, tokens: config.tokens, rateLimitPerMinute: config.rateLimitPerMinute, now });
  // One source for the API and the page: a quarter is protected once for both, not once each.
  const stats = statsSource(store, config.k, {
    ...(protect ? { protect } : {}),
    onError: (error, quarter) =>
      app.log.error({ err: error, quarter }, 'protecting the statistics failed: the figures protected before are shown'),
  });
  app.addHook('onClose', () => stats.close());
  if (prepareStats) {
    app.addHook('onListen', async () => {
      const started = performance.now();
      void store
        .latestWeek({ level: 'all' })
        .then((week) => quarterOf(week ?? addWeeks(isoWeek(now()), -1)))
        .then(async (quarter) => {
          await stats.prepare(quarter);
          app.log.info({ quarter: quarter.name, ms: Math.round(performance.now() - started) }, 'statistics of the latest quarter protected');
        })
        .catch((error: unknown) => app.log.error({ err: error }, 'protecting the statistics of the latest quarter failed'));
    });
  }
  app.register(statsRoute, { store, stats, now });
  app.register(observatoryRoute, { store, stats, now, placesOffer });
  return app;
}
