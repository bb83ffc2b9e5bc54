import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { MIN_K, DEFAULT_K } from '../src/domain/aggregate';

/** An enrollment token: what a device sends as `Authorization: Bearer …`, known here only by its SHA-256. */
export interface TokenEntry {
  /** Kept with every batch the token sent, in place of the token itself. */
  readonly label: string;
  readonly sha256: string;
  readonly revoked: boolean;
}

export interface CollectorConfig {
  readonly port: number;
  readonly host: string;
  /** REPERE_DB: the SQLite file (a path), or a PostgreSQL database (postgres://user:password@host:port/name). */
  readonly database: string;
  readonly k: number;
  readonly tokens: readonly TokenEntry[];
  /** Requests per minute and per token on POST /api/v1/batches. */
  readonly rateLimitPerMinute: number;
  readonly logLevel: string;
  /**
   * Web origins of the kiosks allowed to send from a browser (CORS), or ["*"]: devices authenticate with their token,
   * never with cookies, so any origin may ask; a region can still list its own.
   */
  readonly allowedOrigins: readonly string[];
  /**
   * The reverse proxies whose `X-Forwarded-For` is believed (addresses, CIDR ranges, or `loopback`, `linklocal`,
   * `uniquelocal`), or none: the client address is then the socket's, whatever a request's headers say.
   */
  readonly trustProxy: readonly string[];
  /**
   * REPERE_PLACES: a places file of the national standard (the one the devices use), or null. The observatory then shows,
   * beside the needs counted, how many places offer each service in the territory (server/places-offer.ts).
   */
  readonly places: string | null;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const DEFAULTS = {
  port: 8787,
  host: '0.0.0.0',
  database: './data/collector.db',
  k: DEFAULT_K,
  // A device sends a handful of batches a week; 120 a minute only stops a runaway or a stolen token.
  rateLimitPerMinute: 120,
  logLevel: 'info',
  allowedOrigins: ['*'],
  trustProxy: [],
  places: null,
} as const;

const FILE_KEYS = ['port', 'host', 'db', 'k', 'rateLimitPerMinute', 'logLevel', 'tokens', 'allowedOrigins', 'trustProxy', 'places'] as const;
const TOKEN_KEYS = ['label', 'token', 'sha256', 'revoked'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const LABEL_PATTERN = /^[\w.:-]{1,64}$/;

/** Whether REPERE_DB names a PostgreSQL database (postgres:// or postgresql://) rather than a SQLite file. */
export const isPostgresUrl = (database: string) => /^postgres(ql)?:\/\//i.test(database);

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

type Env = Readonly<Record<string, string | undefined>>;

function integer(value: unknown, name: string, min: number, max: number): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(value)}).`);
  }
  return number;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(`${name} must be a non-empty string.`);
  return value.trim();
}

function unknownKeys(object: object, known: readonly string[], where: string) {
  const extra = Object.keys(object).filter((key) => !known.includes(key));
  if (extra.length > 0) throw new ConfigError(`${where}: unknown key(s) ${extra.join(', ')} (known: ${known.join(', ')}).`);
}

function fileToken(raw: unknown, index: number): TokenEntry {
  const where = `tokens[${index}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${where} must be an object.`);
  unknownKeys(raw, TOKEN_KEYS, where);
  const entry = raw as Record<string, unknown>;
  const label = text(entry.label, `${where}.label`);
  if (!LABEL_PATTERN.test(label)) throw new ConfigError(`${where}.label may hold letters, digits, . _ : - (64 at most).`);
  if ((entry.token === undefined) === (entry.sha256 === undefined)) {
    throw new ConfigError(`${where} needs exactly one of "token" or "sha256".`);
  }
  const hash = entry.token !== undefined ? sha256(text(entry.token, `${where}.token`)) : text(entry.sha256, `${where}.sha256`);
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new ConfigError(`${where}.sha256 must be 64 lowercase hexadecimal digits.`);
  if (entry.revoked !== undefined && typeof entry.revoked !== 'boolean') throw new ConfigError(`${where}.revoked must be true or false.`);
  return { label, sha256: hash, revoked: entry.revoked === true };
}

function readConfigFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`REPERE_CONFIG: cannot read ${path} as JSON (${error instanceof Error ? error.message : error}).`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`REPERE_CONFIG: ${path} must hold a JSON object.`);
  }
  unknownKeys(parsed, FILE_KEYS, path);
  return parsed as Record<string, unknown>;
}

/** A comma-separated string or a list of strings, as the environment or the file gives a list. */
function list(value: unknown, name: string): string[] {
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : null;
  if (items === null || items.some((item) => typeof item !== 'string')) throw new ConfigError(`${name} must be a comma-separated string or a list of strings.`);
  return (items as string[]).map((item) => item.trim()).filter((item) => item !== '');
}

/** proxy-addr's names for the usual private ranges (Fastify passes them on). */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * The proxies to believe, checked here so that a typo stops the start-up with a message instead of Fastify's. Trusting
 * every address is refused: any client could then write its own X-Forwarded-For and pass for another.
 */
function trustedProxies(value: unknown): string[] {
  const entries = list(value, 'REPERE_TRUST_PROXY');
  for (const entry of entries) {
    if (NAMED_RANGES.includes(entry)) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = rest.length === 0 && !address.includes('%') ? isIP(address) : 0;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
    if (['*', 'true', 'all'].includes(entry.toLowerCase()) || (family !== 0 && prefixOk && Number(prefix) === 0)) {
      throw new ConfigError(
        `REPERE_TRUST_PROXY: ${entry} would trust every address, so any client could forge X-Forwarded-For; list only the addresses of your reverse proxies.`,
      );
    }
    if (family === 0 || !prefixOk) {
      throw new ConfigError(
        `REPERE_TRUST_PROXY: ${JSON.stringify(entry)} is not an address or a range of the reverse proxies; write them like 127.0.0.1, ::1 or 10.0.0.0/8, comma-separated (or loopback, linklocal, uniquelocal).`,
      );
    }
  }
  return entries;
}

/**
 * The collector's configuration: defaults, then the JSON file named by REPERE_CONFIG, then the environment (which wins).
 * Tokens are the union of the file's (with labels, possibly revoked) and REPERE_TOKENS (labelled `env-` and the start
 * of their hash). Throws a ConfigError that says what to fix.
 */
export function loadConfig(env: Env = process.env): CollectorConfig {
  const file = env.REPERE_CONFIG ? readConfigFile(env.REPERE_CONFIG) : {};
  const pick = (envName: string, fileKey: (typeof FILE_KEYS)[number]) =>
    env[envName] !== undefined && env[envName] !== '' ? env[envName] : file[fileKey];

  const port = integer(pick('PORT', 'port') ?? DEFAULTS.port, 'PORT', 0, 65_535);
  const host = text(pick('HOST', 'host') ?? DEFAULTS.host, 'HOST');
  const database = text(pick('REPERE_DB', 'db') ?? DEFAULTS.database, 'REPERE_DB');
  const rawK = pick('REPERE_K', 'k') ?? DEFAULTS.k;
  const k = integer(rawK, 'REPERE_K', 0, 1_000_000);
  if (k < MIN_K) {
    throw new ConfigError(
      `REPERE_K is ${k}: k-anonymity below ${MIN_K} would let the observatory single people out. Use ${MIN_K} or more (default ${DEFAULT_K}).`,
    );
  }
  const rateLimitPerMinute = integer(
    pick('REPERE_RATE_LIMIT', 'rateLimitPerMinute') ?? DEFAULTS.rateLimitPerMinute,
    'REPERE_RATE_LIMIT',
    1,
    10_000_000,
  );
  const logLevel = text(pick('LOG_LEVEL', 'logLevel') ?? DEFAULTS.logLevel, 'LOG_LEVEL');
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);

  if (file.tokens !== undefined && !Array.isArray(file.tokens)) throw new ConfigError('tokens must be a list.');
  const fromFile = ((file.tokens as unknown[] | undefined) ?? []).map(fileToken);
  const fromEnv = (env.REPERE_TOKENS ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '')
    .map((token): TokenEntry => {
      const hash = sha256(token);
      return { label: `env-${hash.slice(0, 8)}`, sha256: hash, revoked: false };
    });
  const tokens = [...fromFile, ...fromEnv];
  const seen = new Set<string>();
  for (const token of tokens) {
    if (seen.has(token.sha256)) throw new ConfigError(`The token labelled "${token.label}" is listed twice.`);
    seen.add(token.sha256);
  }
  const rawOrigins = pick('REPERE_ORIGINS', 'allowedOrigins') ?? DEFAULTS.allowedOrigins;
  const origins = (typeof rawOrigins === 'string' ? rawOrigins.split(',') : Array.isArray(rawOrigins) ? rawOrigins : [null])
    .map((origin: unknown) => (typeof origin === 'string' ? origin.trim() : origin))
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    if (origin !== '*' && (typeof origin !== 'string' || !/^https?:\/\/[^/\s]+$/.test(origin))) {
      throw new ConfigError(`REPERE_ORIGINS must list origins like https://kiosque.example.fr (no path), or *; got ${JSON.stringify(origin)}.`);
    }
  }
  if (origins.length === 0) throw new ConfigError('REPERE_ORIGINS lists no origin: use * or the kiosks’ origins.');
  const trustProxy = trustedProxies(pick('REPERE_TRUST_PROXY', 'trustProxy') ?? DEFAULTS.trustProxy);
  const rawPlaces = pick('REPERE_PLACES', 'places') ?? DEFAULTS.places;
  const places = rawPlaces === null || rawPlaces === '' ? null : text(rawPlaces, 'REPERE_PLACES');
  return { port, host, database, k, tokens, rateLimitPerMinute, logLevel, allowedOrigins: origins as string[], trustProxy, places };
}
