import { createHash } from 'node:crypto';
import rateLimit, { type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isoWeek, type AggregateBatch } from '../src/domain/aggregate';
import { authenticateToken, type Authentication } from './authenticate-token';
import { batchSchema } from './batch-schema';
import { canonicalJson } from './canonical-json';
import { checkBatch, checkFormatAgreement } from './check-batch';
import { groupCommit } from './group-commit';
import { HttpError } from './http-error';
import type { TokenEntry } from './load-config';
import type { BatchStore, IncomingBatch, RateCounter, SaveOutcome } from './batch-store';

export interface BatchesRouteOptions {
  readonly store: BatchStore;
  readonly k: number;
  readonly tokens: readonly TokenEntry[];
  readonly rateLimitPerMinute: number;
  readonly now: () => Date;
}

const TOKEN_MESSAGES = {
  'missing-token': 'Jeton d’inscription absent : l’appareil doit envoyer « Authorization: Bearer <jeton> ».',
  'unknown-token': 'Jeton d’inscription inconnu : vérifiez le jeton saisi dans les réglages de l’appareil.',
  'revoked-token': 'Ce jeton d’inscription a été révoqué : demandez-en un nouveau à l’observatoire.',
} as const;

/** The token check of each request, kept beside it between the hooks and the handler. */
const authentications = new WeakMap<FastifyRequest, Authentication>();
const labelOf = (request: FastifyRequest) => (authentications.get(request) as Authentication & { ok: true }).label;

/**
 * The rate limit's key: the token's label for a device that sent a valid token (however many addresses it comes from),
 * the client's address for a request without one (labels hold no space, so the two never meet). Behind a trusted
 * proxy the address is the one it forwarded (build-app.ts, trustProxy).
 */
const rateKeyOf = (request: FastifyRequest) => {
  const authentication = authentications.get(request)!;
  return authentication.ok ? authentication.label : `address ${request.ip}`;
};

/**
 * @fastify/rate-limit's store over the database's shared counts (several collectors, one PostgreSQL): a limit then holds
 * whichever collector a device or an address reaches. A count that fails (the database gone) fails the request: 503.
 */
function sharedRateStore(counter: RateCounter): FastifyRateLimitStoreCtor {
  return class SharedRateStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number) {
      counter.count(key, timeWindow).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }
    child() {
      return this;
    }
  };
}

/** isoWeek formats a date in Europe/Paris (Intl, slow at thousands of calls a second): once a minute is enough. */
function weekCache() {
  let minute = Number.NaN;
  let week = '';
  return (date: Date) => {
    const current = Math.floor(date.getTime() / 60_000);
    if (current !== minute) [minute, week] = [current, isoWeek(date)];
    return week;
  };
}

/**
 * POST /api/v1/batches: authenticate the device's token, limit each token's rate (and each address's, for requests
 * without a valid token), validate the batch (format against
 * questionnaire version, schema of its format, then consistency), then store it once: 201 stored, 200 already stored
 * identically, 409 the id holds another batch (of either format); 503 with Retry-After while the database cannot be reached
 * (build-app.ts), the batch then kept by the device.
 */
export async function batchesRoute(app: FastifyInstance, options: BatchesRouteOptions) {
  const { store, k, rateLimitPerMinute, now } = options;
  const authenticate = authenticateToken(options.tokens);
  const save = groupCommit<IncomingBatch, SaveOutcome>((items) => store.saveAll(items));
  const currentWeek = weekCache();

  await app.register(rateLimit, {
    global: false,
    // One collector counts in memory; collectors sharing a database count in it.
    ...(store.rateCounter ? { store: sharedRateStore(store.rateCounter) } : {}),
    errorResponseBuilder: (request, context) =>
      new HttpError(
        429,
        'rate-limited',
        authentications.get(request)?.ok
          ? `Trop d’envois avec ce jeton : réessayez dans ${Math.ceil(context.ttl / 1000)} s.`
          : `Trop d’envois refusés depuis cette adresse : réessayez dans ${Math.ceil(context.ttl / 1000)} s.`,
      ),
  });

  app.post(
    '/api/v1/batches',
    {
      schema: { body: batchSchema },
      // The token is checked before the rate limit (route hooks run in order, the limit's is added last), so the limit
      // counts per token; a request without a valid token is counted per address, then refused (preParsing, below).
      onRequest: [
        async (request) => {
          authentications.set(request, authenticate(request.headers.authorization));
        },
      ],
      preParsing: async (request) => {
        const result = authentications.get(request)!;
        if (!result.ok) throw new HttpError(401, result.reason, TOKEN_MESSAGES[result.reason]);
      },
      // A batch mixing versions (format 2 of questionnaire 1…) is told so before the schema of its format says what it lacks.
      preValidation: async (request) => {
        const mixed = checkFormatAgreement(request.body);
        if (mixed) throw new HttpError(400, 'invalid-batch', mixed);
      },
      config: {
        rateLimit: { max: rateLimitPerMinute, timeWindow: 60_000, keyGenerator: rateKeyOf },
      },
    },
    async (request, reply) => {
      const batch = request.body as AggregateBatch;
      const today = now();
      const reason = checkBatch(batch, { k, currentWeek: currentWeek(today) });
      if (reason) throw new HttpError(400, 'invalid-batch', reason);
      const outcome = await save({
        batch,
        contentHash: createHash('sha256').update(canonicalJson(batch)).digest(),
        tokenLabel: labelOf(request),
        receivedOn: today.toISOString().slice(0, 10),
      });
      if (outcome === 'conflict') {
        throw new HttpError(409, 'conflict', 'Un autre lot, au contenu différent, porte déjà cet identifiant : ce lot n’est pas enregistré.');
      }
      return reply.code(outcome === 'created' ? 201 : 200).send({ id: batch.id, status: outcome });
    },
  );
}
