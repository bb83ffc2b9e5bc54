import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoWeek } from '../src/domain/aggregate';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../src/domain/testing/respondent';
import { buildApp } from './build-app';
import { addWeeks } from './iso-weeks';
import { DEFAULTS, sha256, type CollectorConfig } from './load-config';
import type { BatchStore } from './batch-store';
import { openBatchStore } from './open-batch-store';
import { makeBatch } from './testing/make-batch';
import { spawnCollector, type ChildCollector } from './testing/spawn-collector';

const TOKEN = 'proxy-test-token-5d2e8a';
/** Wednesday 2 December 2026 in Paris. */
const NOW = new Date('2026-12-02T11:00:00Z');
const random = seededRandom(31);
const PROXY = '127.0.0.1';
const KIOSK = '198.51.100.7';
const STRANGER = '203.0.113.9';

let folder = '';
let store: BatchStore | null = null;
let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  await store?.close();
  [app, store] = [null, null];
  rmSync(folder, { recursive: true, force: true });
});

/** The collector in-process, three requests a minute, behind the given proxies (none: no trustProxy). */
function collector(trustProxy: readonly string[]) {
  folder = mkdtempSync(join(tmpdir(), 'repere-proxy-'));
  store = openBatchStore(join(folder, 'collector.db'));
  const config: CollectorConfig = {
    ...DEFAULTS,
    logLevel: 'silent',
    rateLimitPerMinute: 3,
    tokens: [{ label: 'test', sha256: sha256(TOKEN), revoked: false }],
    trustProxy,
  };
  app = buildApp({ config, store, now: () => NOW });
  return app;
}

/** POSTs a batch from a socket address, with an X-Forwarded-For and a token; returns the status. */
async function post(
  from: string,
  { forwardedFor, token = 'not-a-known-token', contentType = 'application/json' }: { forwardedFor?: string; token?: string; contentType?: string } = {},
) {
  const headers: Record<string, string> = { 'content-type': contentType, authorization: `Bearer ${token}` };
  if (forwardedFor !== undefined) headers['x-forwarded-for'] = forwardedFor;
  const response = await app!.inject({ method: 'POST', url: '/api/v1/batches', remoteAddress: from, headers, payload: JSON.stringify(makeBatch({ random })) });
  return response;
}
const statuses = async (count: number, send: (index: number) => Promise<{ statusCode: number }>) => {
  const result: number[] = [];
  for (let index = 0; index < count; index += 1) result.push((await send(index)).statusCode);
  return result;
};

describe('requests without a valid token', () => {
  it('are limited per client address: a flood of bad tokens gets 429, other addresses and valid tokens go on', async () => {
    collector([]);
    expect(await statuses(4, () => post(STRANGER))).toEqual([401, 401, 401, 429]);
    const limited = await post(STRANGER);
    expect(limited.json()).toMatchObject({ error: 'rate-limited', message: expect.stringMatching(/^Trop d’envois refusés depuis cette adresse : réessayez dans \d+ s\.$/) });
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect((await post('203.0.113.10')).statusCode).toBe(401);
    // The device with a valid token on the same address has its own count, the token's.
    expect((await post(STRANGER, { token: TOKEN })).statusCode).toBe(201);
  });

  it('are still told 401 before anything is read of their body (not 415)', async () => {
    collector([]);
    expect((await post(STRANGER, { contentType: 'text/plain' })).statusCode).toBe(401);
  });
});

describe('without trustProxy', () => {
  it('ignores X-Forwarded-For: a client changing it at every request is still counted on its socket address', async () => {
    collector([]);
    expect(await statuses(4, (index) => post(STRANGER, { forwardedFor: `198.51.100.${index + 1}` }))).toEqual([401, 401, 401, 429]);
  });

  it('ignores it from the proxy too: every kiosk behind it shares the proxy’s address', async () => {
    collector([]);
    expect(await statuses(4, (index) => post(PROXY, { forwardedFor: `198.51.100.${index + 1}` }))).toEqual([401, 401, 401, 429]);
  });
});

describe('with trustProxy set to the reverse proxy', () => {
  it('counts each client the proxy forwards apart', async () => {
    collector([PROXY]);
    expect(await statuses(4, (index) => post(PROXY, { forwardedFor: `198.51.100.${index + 1}` }))).toEqual([401, 401, 401, 401]);
    expect(await statuses(4, () => post(PROXY, { forwardedFor: KIOSK }))).toEqual([401, 401, 401, 429]);
    expect((await post(PROXY, { forwardedFor: '198.51.100.8' })).statusCode).toBe(401);
  });

  it('ignores what a client wrote in X-Forwarded-For before the proxy added the address it saw', async () => {
    collector([PROXY]);
    // nginx's $proxy_add_x_forwarded_for: the client's own header, then the address the proxy saw.
    expect(await statuses(4, (index) => post(PROXY, { forwardedFor: `10.0.0.${index + 1}, ${KIOSK}` }))).toEqual([401, 401, 401, 429]);
  });

  it('ignores X-Forwarded-For sent from an address that is not the proxy', async () => {
    collector([PROXY]);
    expect(await statuses(4, (index) => post(STRANGER, { forwardedFor: `198.51.100.${index + 1}` }))).toEqual([401, 401, 401, 429]);
  });

  it('keeps one count per token, whatever address its device comes from (a stolen token used from many)', async () => {
    collector(['10.0.0.0/8']);
    const sent = await statuses(4, (index) => post('10.1.2.3', { forwardedFor: `198.51.100.${index + 1}`, token: TOKEN }));
    expect(sent).toEqual([201, 201, 201, 429]);
    const limited = await post('10.1.2.3', { forwardedFor: '198.51.100.9', token: TOKEN });
    expect(limited.json()).toMatchObject({ message: expect.stringMatching(/^Trop d’envois avec ce jeton/) });
  });
});

describe('the collector process behind a proxy', { timeout: 30_000 }, () => {
  let child: ChildCollector | null = null;
  afterEach(async () => {
    child?.child.kill('SIGTERM');
    await child?.exited;
    child = null;
  });

  const lastWeek = addWeeks(isoWeek(new Date()), -1);
  const send = (url: string, token: string, forwardedFor: string) =>
    fetch(`${url}/api/v1/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-forwarded-for': forwardedFor },
      body: JSON.stringify(makeBatch({ random, weeks: { from: lastWeek, to: lastWeek } })),
    });
  /** The request lines of the process's JSON log. */
  const requestLines = (logs: string) =>
    logs
      .split('\n')
      .filter((line) => line.includes('"msg":"request"'))
      .map((line) => JSON.parse(line) as { statusCode: number; client?: string });

  it('takes REPERE_TRUST_PROXY: the log line of a refused request names the client the proxy forwarded', async () => {
    folder = mkdtempSync(join(tmpdir(), 'repere-proxy-process-'));
    child = await spawnCollector({ REPERE_DB: join(folder, 'collector.db'), REPERE_TOKENS: TOKEN, REPERE_TRUST_PROXY: '127.0.0.1' });
    expect((await send(child.url, 'not-a-known-token', KIOSK)).status).toBe(401);
    expect((await send(child.url, TOKEN, KIOSK)).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The line of an accepted batch carries no address; that of a refused one, the kiosk's.
    expect(requestLines(child.logs()).map((line) => [line.statusCode, line.client])).toEqual([
      [401, KIOSK],
      [201, undefined],
    ]);
    expect(child.logs()).toContain('"trustProxy":["127.0.0.1"]');
  });

  it('without it, logs the socket address and never the forged one', async () => {
    folder = mkdtempSync(join(tmpdir(), 'repere-proxy-process-'));
    child = await spawnCollector({ REPERE_DB: join(folder, 'collector.db'), REPERE_TOKENS: TOKEN });
    expect((await send(child.url, 'not-a-known-token', KIOSK)).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(requestLines(child.logs()).map((line) => line.client)).toEqual(['127.0.0.1']);
    expect(child.logs()).not.toContain(KIOSK);
  });

  it('refuses to start on a REPERE_TRUST_PROXY that is not a list of addresses, saying what to write', async () => {
    folder = mkdtempSync(join(tmpdir(), 'repere-proxy-process-'));
    await expect(spawnCollector({ REPERE_DB: join(folder, 'collector.db'), REPERE_TRUST_PROXY: '127.0.0.1,10.0.0.0/40' })).rejects.toThrow(
      /exited \(1\) before listening: Repère collector: configuration refused\. REPERE_TRUST_PROXY: "10\.0\.0\.0\/40" is not an address or a range/,
    );
  });
});
