import type pg from 'pg';
import type { RateCount, RateCounter } from './batch-store';
import { groupCommit } from './group-commit';
import { unavailableOr } from './postgres-errors';

/** Keys whose window ended this long ago are deleted, now and then, so that addresses seen once do not pile up. */
const FORGET_AFTER_MS = 60 * 60_000;
const FORGET_EVERY_MS = 10 * 60_000;

interface CountedKey {
  readonly key: string;
  readonly count: number;
  readonly ttl: number;
}

/** Adds `perKey`'s requests to their keys' counts, in one statement; returns each key's count after, and its window's ms left. */
async function addRequests(pool: pg.Pool, perKey: ReadonlyMap<string, number>, windowMs: number): Promise<CountedKey[]> {
  // Sorted: two collectors counting the same keys lock their rows in the same order.
  const keys = [...perKey.keys()].sort();
  const { rows } = await pool.query<CountedKey>({
    name: 'count-requests',
    text: `INSERT INTO rate_limits AS r (key, window_start, count)
           SELECT key, now(), n FROM unnest($1::text[], $2::integer[]) AS requests(key, n)
           ON CONFLICT (key) DO UPDATE SET
             window_start = CASE WHEN r.window_start + $3::float8 * interval '1 millisecond' <= now() THEN now() ELSE r.window_start END,
             count = CASE WHEN r.window_start + $3::float8 * interval '1 millisecond' <= now() THEN excluded.count ELSE r.count + excluded.count END
           RETURNING key, count, GREATEST(0, EXTRACT(EPOCH FROM (window_start - now())) * 1000 + $3::float8)::float8 AS ttl`,
    values: [keys, keys.map((key) => perKey.get(key)!), windowMs],
  });
  return rows;
}

/**
 * The rate limit's counts in PostgreSQL (table rate_limits), shared by every collector of the database: a fixed window
 * per key, starting at its first request, as @fastify/rate-limit's own store counts in memory. The requests counted in
 * the same turn of the event loop go in one statement (one round trip, however many keys), each key once with the
 * number of its requests; each request then gets its own place in the count.
 */
export function postgresRateCounter(pool: pg.Pool): RateCounter {
  let forgotten = Date.now();
  const count = groupCommit<{ key: string; windowMs: number }, RateCount>(async (requests) => {
    const places = new Map<string, { next: number; ttl: number }>();
    for (const windowMs of new Set(requests.map((request) => request.windowMs))) {
      const perKey = new Map<string, number>();
      for (const request of requests) if (request.windowMs === windowMs) perKey.set(request.key, (perKey.get(request.key) ?? 0) + 1);
      let rows: CountedKey[];
      try {
        rows = await addRequests(pool, perKey, windowMs);
      } catch (error) {
        throw unavailableOr(error, 'counting requests');
      }
      for (const row of rows) places.set(`${windowMs} ${row.key}`, { next: row.count - perKey.get(row.key)! + 1, ttl: Math.round(row.ttl) });
    }
    if (Date.now() - forgotten > FORGET_EVERY_MS) {
      forgotten = Date.now();
      pool.query(`DELETE FROM rate_limits WHERE window_start < now() - $1::float8 * interval '1 millisecond'`, [FORGET_AFTER_MS]).catch(() => {});
    }
    return requests.map(({ key, windowMs }) => {
      const place = places.get(`${windowMs} ${key}`)!;
      place.next += 1;
      return { current: place.next - 1, ttl: place.ttl };
    });
  });
  return { count: (key, windowMs) => count({ key, windowMs }) };
}
