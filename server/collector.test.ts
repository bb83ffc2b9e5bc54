import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { buildBatches, type AggregateBatch } from '../src/domain/aggregate';
import type { FinishedResult } from '../src/domain/result';
import { seededRandom } from '../src/domain/testing/respondent';
import { makeBatch, randomResult, seededUuid } from './testing/make-batch';
import { OPEN_DATA_LICENCE } from './open-data-notice';
import { REFERENCE_FIGURES } from './reference-figures';
import { CSV_COLUMNS } from './stats-csv';
import { REVOKED_TOKEN, TEST_TOKEN, startCollector, type RunningCollector } from './testing/start-collector';
import { describeEachEngine } from './testing/store-engines';

/** Wednesday 2 December 2026 in Paris: week 2026-W49 is in progress. */
const NOW = new Date('2026-12-02T11:00:00Z');
const clock = () => NOW;
const random = seededRandom(7);

const batch = (extra: Partial<Parameters<typeof makeBatch>[0]> = {}) => makeBatch({ random, ...extra });
/** Results that are all alike except what `extra` says, so that a test decides every count. */
const results = (count: number, extra: Partial<FinishedResult> = {}) =>
  Array.from({ length: count }, (_, index) => ({ ...randomResult(random, `r${index}`), ...extra }));

// Every test below runs on each store engine: one SQLite file, and a PostgreSQL database (testing/store-engines.ts).
describeEachEngine('the collector', (engine) => {
  describe('POST /api/v1/batches', () => {
    let collector: RunningCollector;
    beforeAll(async () => {
      // The rate limit has its own test below.
      collector = await startCollector({ rateLimitPerMinute: 10_000 }, clock, engine);
    });
    afterAll(() => collector.stop());

    it('stores a new batch (201), then answers 200 to the same batch, keys in any order', async () => {
      const sent = batch();
      const first = await collector.post(sent);
      expect(first.status).toBe(201);
      expect(await first.json()).toEqual({ id: sent.id, status: 'created' });

      const { counts, ...rest } = sent;
      const reordered = { counts, ...Object.fromEntries(Object.entries(rest).reverse()) };
      const again = await collector.post(reordered);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ id: sent.id, status: 'duplicate' });
      expect((await collector.storedIds()).filter((id) => id === sent.id)).toHaveLength(1);
    });

    it('lets a kiosk post from its own web origin (CORS preflight, Retry-After readable)', async () => {
      const preflight = await fetch(`${collector.url}/api/v1/batches`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://localhost:4174',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      const posted = await collector.post(batch());
      expect(posted.headers.get('access-control-allow-origin')).toBe('*');
      expect(posted.headers.get('access-control-expose-headers')).toBe('Retry-After');
    });

    it('refuses another batch under a stored id (409) and keeps the first', async () => {
      const sent = batch();
      expect((await collector.post(sent)).status).toBe(201);
      const other = { ...batch(), id: sent.id };
      const response = await collector.post(other);
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ error: 'conflict' });
      expect((await collector.post(sent)).status).toBe(200);
    });

    it('stores the same batch sent 50 times at once exactly once: one 201, then 200s', async () => {
      const sent = batch();
      const statuses = await Promise.all(Array.from({ length: 50 }, () => collector.post(sent).then((r) => r.status)));
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(49);
      expect((await collector.storedIds()).filter((id) => id === sent.id)).toHaveLength(1);
    });

    it('accepts what the device builds with buildBatches', async () => {
      const finished = results(7, { finishedAt: '2026-11-18T10:00:00.000Z' });
      const built = buildBatches({
        results: finished,
        territory: { level: 'departement', code: '2A' },
        k: 5,
        appVersion: '0.1.0',
        now: NOW,
        newId: () => seededUuid(random),
      });
      expect(built.batches).toHaveLength(1);
      expect((await collector.post(built.batches[0]!.batch)).status).toBe(201);
    });

    it.each<[string, (b: AggregateBatch) => unknown, RegExp]>([
      ['an unknown field', (b) => ({ ...b, deviceId: 'x' }), /Champ inconnu : « deviceId »/],
      ['an unknown count', (b) => ({ ...b, counts: { ...b.counts, language: { ...b.counts.language, it: 0 } } }), /counts\.language\.it/],
      ['a missing language', (b) => ({ ...b, counts: { ...b.counts, language: { ...b.counts.language, uk: undefined } } }), /Champ manquant : « counts\.language\.uk »/],
      ['a number as text', (b) => ({ ...b, total: String(b.total) }), /« total » doit être un nombre entier/],
      ['a negative count', (b) => ({ ...b, counts: { ...b.counts, illectronism: -1 } }), /au moins 0/],
      ['a fractional count', (b) => ({ ...b, counts: { ...b.counts, illectronism: 0.5 } }), /nombre entier/],
      ["an unknown format", (b) => ({ ...b, format: 4 }), /« format » doit valoir 1 ou 2 ou 3/],
      ['no format', ({ format: _format, ...b }) => b, /Champ manquant : « format »/],
      ['a batch of questionnaire 1 marked format 2', (b) => ({ ...b, format: 2 }), /mêle les versions.*format 2.*questionnaire « 1 » se comptent au format 1/],
      ['an id that is not a UUID', (b) => ({ ...b, id: 'batch-1' }), /« id » n'a pas la forme attendue/],
      ['a distribution that does not sum to total', (b) => ({ ...b, total: b.total + 1 }), /totalisent \d+ au lieu de \d+/],
      ['a barrier above total', (b) => ({ ...b, counts: { ...b.counts, barriers: { ...b.counts.barriers, access: b.total + 1 } } }), /barriers\.access.*dépasse le total/],
      ['illectronism above total', (b) => ({ ...b, counts: { ...b.counts, illectronism: b.total + 1 } }), /counts\.illectronism.*dépasse/],
      ['a postal code for a commune', (b) => ({ ...b, territory: { level: 'commune', code: '20000' } }), /code INSEE de commune/],
      ['a commune code as département', (b) => ({ ...b, territory: { level: 'departement', code: '21231' } }), /code de département/],
      ['a week 54', (b) => ({ ...b, weeks: { from: '2026-W47', to: '2026-W54' } }), /« 2026-W54 » n'existe pas/],
      ['weeks in the wrong order', (b) => ({ ...b, weeks: { from: '2026-W47', to: '2026-W46' } }), /à l'envers/],
      ['a week not begun', (b) => ({ ...b, weeks: { from: '2026-W47', to: '2026-W50' } }), /n'a pas encore commencé/],
      ['weeks a year ahead (a kiosk whose clock was set forward)', (b) => ({ ...b, weeks: { from: '2027-W48', to: '2027-W49' } }), /2027-W49 n'a pas encore commencé : vérifiez la date et l'heure de l'appareil/],
      ['not an object', () => [1, 2], /Le lot doit être un objet/],
    ])('refuses %s (400) with a reason for the mediator', async (_name, change, reason) => {
      const response = await collector.post(change(batch()));
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: string; message: string };
      expect(body.error).toBe('invalid-batch');
      expect(body.message).toMatch(reason);
    });

    it('refuses a batch below k (400), whatever the device thought', async () => {
      const response = await collector.post(batch({ size: 4 }));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/au moins 5 par lot/);
    });

    it('refuses bodies that are not JSON batches: broken JSON (400), text (415), no type (415), too large (413)', async () => {
      expect((await collector.post('{"format":1,')).status).toBe(400);
      expect((await collector.post(JSON.stringify(batch()), { contentType: 'text/plain' })).status).toBe(415);
      expect((await collector.post(JSON.stringify(batch()), { contentType: 'application/x-www-form-urlencoded' })).status).toBe(415);
      const noType = await fetch(`${collector.url}/api/v1/batches`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_TOKEN}` },
        body: JSON.stringify(batch()),
      });
      expect(noType.status).toBe(415);
      const large = await collector.post({ ...batch(), padding: 'x'.repeat(70_000) });
      expect(large.status).toBe(413);
      expect(await large.json()).toMatchObject({ error: 'too-large' });
    });

    it('refuses a missing, unknown or revoked token (401) before reading the body', async () => {
      for (const [token, error] of [
        [null, 'missing-token'],
        ['not-a-token', 'unknown-token'],
        [REVOKED_TOKEN, 'revoked-token'],
      ] as const) {
        const response = await collector.post(batch(), { token });
        expect(response.status).toBe(401);
        expect(await response.json()).toMatchObject({ error });
      }
      const basic = await fetch(`${collector.url}/api/v1/batches`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`x:${TEST_TOKEN}`).toString('base64')}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(basic.status).toBe(401);
      expect((await collector.post('x'.repeat(70_000), { token: 'not-a-token' })).status).toBe(401);
    });

    it('keeps tokens out of the rows: only their label is stored', async () => {
      const labels = (await collector.query<{ token_label: string }>('SELECT DISTINCT token_label FROM batches')).map((row) => row.token_label);
      const dump = JSON.stringify(await collector.query('SELECT * FROM batches'));
      expect(labels).toEqual(['test']);
      expect(dump).not.toContain(TEST_TOKEN);
    });
  });

  describe('rate limit', () => {
    it('answers 429 past the per-token limit, and the other tokens go on', async () => {
      const collector = await startCollector({ rateLimitPerMinute: 3 }, clock, engine);
      try {
        const statuses = [];
        for (let i = 0; i < 5; i += 1) statuses.push((await collector.post(batch())).status);
        expect(statuses).toEqual([201, 201, 201, 429, 429]);
        const limited = await collector.post(batch());
        expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await limited.json()).toMatchObject({ error: 'rate-limited' });
        // The limit is the token’s: an unknown token is counted apart (per address, trust-proxy.test.ts) and told so (401).
        expect((await collector.post(batch(), { token: 'not-a-token' })).status).toBe(401);
      } finally {
        await collector.stop();
      }
    });
  });

  describe('GET /api/v1/stats', () => {
    let collector: RunningCollector;
    beforeAll(async () => {
      collector = await startCollector({}, clock, engine);
      const dijon = { level: 'commune', code: '21231' } as const;
      // Week 47 in Dijon: 6 results, one of them "Premiers pas" and five "Autonome".
      await collector.post(
        batch({
          territory: dijon,
          weeks: { from: '2026-W47', to: '2026-W47' },
          results: [...results(5, { distanceLevel: 'autonomous', dsiOverall: 'basic' }), ...results(1, { distanceLevel: 'firstSteps', dsiOverall: 'no' })],
        }),
      );
      // Weeks 45 to 48 in Dijon, counted in week 48 (its last week): 10 results, all "En apprentissage".
      await collector.post(
        batch({ territory: dijon, weeks: { from: '2026-W45', to: '2026-W48' }, results: results(10, { distanceLevel: 'learning', dsiOverall: 'aboveBasic', illectronism: false }) }),
      );
      // The département 21 itself (a device configured at département level): week 48, 5 results.
      await collector.post(
        batch({ territory: { level: 'departement', code: '21' }, weeks: { from: '2026-W48', to: '2026-W48' }, results: results(5, { distanceLevel: 'learning', dsiOverall: 'low' }) }),
      );
      // Elsewhere: Besançon (25), week 48.
      await collector.post(batch({ territory: { level: 'commune', code: '25056' }, weeks: { from: '2026-W48', to: '2026-W48' }, results: results(7) }));
    });
    afterAll(() => collector.stop());

    const stats = async (query: string) => {
      const response = await fetch(`${collector.url}/api/v1/stats?${query}`);
      expect(response.status).toBe(200);
      return (await response.json()) as {
        k: number;
        series: { week: string; batches: number; total: number | null; counts: { distanceLevel: Record<string, number | null> } }[];
        period: { total: number | null; counts: { distanceLevel: Record<string, number | null> }; atLeastBasicShare: number | null };
        notes: { attribution: string; hidden: string };
      };
    };

    it('hides a cell below k, and the cell that would give it away, but shows zeros', async () => {
      const { series, k, notes } = await stats('territory=21231&from=2026-W47&to=2026-W47');
      expect(k).toBe(5);
      expect(series).toHaveLength(1);
      expect(series[0]!.total).toBe(6);
      // 1 is below k; 5 is the only other non-zero count, so 6 - 5 would reveal the 1: both hidden.
      expect(series[0]!.counts.distanceLevel).toEqual({ firstSteps: null, learning: 0, nearlyAutonomous: 0, autonomous: null });
      expect(notes.hidden).toMatch(/masqué/);
    });

    it('counts a batch in the last week it covers', async () => {
      const { series } = await stats('territory=21231&quarter=2026-Q4');
      expect(series.slice(4, 9).map((row) => [row.week, row.batches, row.total])).toEqual([
        ['2026-W44', 0, 0],
        ['2026-W45', 0, 0],
        ['2026-W46', 0, 0],
        ['2026-W47', 1, 6],
        ['2026-W48', 1, 10],
      ]);
      expect(series[8]!.counts.distanceLevel.learning).toBe(10);
    });

    it('sums a département with its communes, and the whole collector', async () => {
      const departement = await stats('territory=21&quarter=2026-Q4');
      expect(departement.series.slice(7, 9).map((row) => row.total)).toEqual([6, 15]);
      expect(departement.period.total).toBe(21);
      // (Its counts by level may be hidden: the whole collector's week 48 minus département 21 is Besançon, whose small
      // cells they would give away.)
      const all = await stats('from=2026-W48&to=2026-W48');
      expect(all.series[0]!.total).toBe(22);
    });

    it('gives the share at least basic among the assessed, unless it would reveal fewer than k people', async () => {
      // A collector holding one batch of 15 (10 above basic, 5 low): 10 / 15 assessed.
      const alone = await startCollector({}, clock, engine);
      try {
        const mixed = [...results(10, { dsiOverall: 'aboveBasic' }), ...results(5, { dsiOverall: 'low' })];
        await alone.post(batch({ territory: { level: 'commune', code: '25056' }, weeks: { from: '2026-W48', to: '2026-W48' }, results: mixed }));
        const response = await fetch(`${alone.url}/api/v1/stats?territory=25056&from=2026-W48&to=2026-W48`);
        expect(((await response.json()) as { period: { atLeastBasicShare: number | null } }).period.atLeastBasicShare).toBe(0.667);
      } finally {
        await alone.stop();
      }
      // Dijon, quarter 4: 15 at least basic and 1 "no": the share would tell that one person is below basic.
      expect((await stats('territory=21231&quarter=2026-Q4')).period.atLeastBasicShare).toBeNull();
      // Département 21, week 48: 10 above basic, 5 low (10 / 15 assessed), but its quarter holds week 47's one "no":
      // the quarter minus week 48 would give it, so week 48's split below / at least basic is hidden too.
      expect((await stats('territory=21&from=2026-W48&to=2026-W48')).period.atLeastBasicShare).toBeNull();
    });

    it('shows the quarter of the last week with batches when no period is asked', async () => {
      const { series } = await stats('territory=21231');
      // 2026 has 53 ISO weeks: its fourth quarter is weeks 40 to 53.
      expect([series.length, series[0]!.week, series.at(-1)!.week]).toEqual([14, '2026-W40', '2026-W53']);
      expect(series.find((row) => row.week === '2026-W48')!.total).toBe(10);
    });

    it('answers the same numbers as CSV, a hidden cell empty', async () => {
      const response = await fetch(`${collector.url}/api/v1/stats.csv?territory=21231&from=2026-W47&to=2026-W47`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      // The notice lines first (« # … »), then French headers: a column is found by its machine name's header.
      const [header, week, period] = Papa.parse<string[]>(await response.text(), { comments: '#', skipEmptyLines: true }).data;
      const column = (name: string) => header!.indexOf(CSV_COLUMNS.find((candidate) => candidate.name === name)!.header);
      expect(week![column('week')]).toBe('2026-W47');
      expect(week![column('total')]).toBe('6');
      expect(week![column('distanceLevel.firstSteps')]).toBe('');
      expect(week![column('distanceLevel.learning')]).toBe('0');
      expect(period![column('week')]).toBe('2026-W47/2026-W47');
    });

    it('refuses a bad territory or period (400)', async () => {
      for (const query of ['territory=20', 'territory=abc', 'from=2026-W54', 'from=2026-W48&to=2026-W40', 'from=2010-W01&to=2026-W01', 'from=2026-W44&to=2026-W48', 'quarter=2026-Q5', 'quarter=2026-Q4&from=2026-W40']) {
        const response = await fetch(`${collector.url}/api/v1/stats?${query}`);
        expect(response.status, query).toBe(400);
      }
    });
  });

  describe('the observatory page and health', () => {
    let collector: RunningCollector;
    beforeAll(async () => {
      collector = await startCollector({}, clock, engine);
      await collector.post(batch({ territory: { level: 'commune', code: '21231' }, weeks: { from: '2026-W47', to: '2026-W47' }, size: 12 }));
    });
    afterAll(() => collector.stop());

    it('answers /healthz', async () => {
      const response = await fetch(`${collector.url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    });

    it('serves a French page with a GET form, tables, the CSV link, and only its own scripts', async () => {
      const response = await fetch(`${collector.url}/?territory=21231&quarter=2026-Q4`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await response.text();
      expect(html).toContain('<html lang="fr">');
      // Every link relative: behind a reverse proxy under a path (https://region.fr/collecteur/) the page still works.
      expect(html).toMatch(/<form method="get" action="\.\/"/);
      expect(html).toMatch(/<label for="territory">/);
      expect(html).toMatch(/<option value="21231" selected>Dijon \(21231\)<\/option>/);
      expect(html).toContain('<caption id="distance-caption">');
      expect(html).toMatch(/<input type="text" id="quarter" name="quarter" value="2026-Q4"/);
      expect(html).toContain('href="api/v1/stats.csv?territory=21231&amp;from=2026-W40&amp;to=2026-W53"');
      const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
      // The only absolute addresses are the sources the page cites (reference figures, the licence): links to read, never loaded.
      const cited = new Set([...REFERENCE_FIGURES.map((figure) => figure.source.url), OPEN_DATA_LICENCE.url]);
      expect(sources.filter((source) => (source.startsWith('/') || /^[a-z]+:\/\//.test(source)) && !cited.has(source))).toEqual([]);
      expect([...html.matchAll(/src="([^"]+)"/g)].map((match) => match[1]!).filter((source) => !source.startsWith('assets/'))).toEqual([]);
      for (const asset of ['assets/chart.umd.min.js', 'assets/observatory.js', 'assets/observatory.css', 'assets/choropleth.css']) {
        expect(sources).toContain(asset);
        expect((await fetch(`${collector.url}/${asset}`)).status).toBe(200);
      }
    });

    it('says what is wrong in the page, with the form kept and escaped', async () => {
      const response = await fetch(`${collector.url}/?territory=%3Cscript%3E&from=2026-W40&to=2026-W47`);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toMatch(/<p class="error" role="alert">/);
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script&gt;');
    });
  });
});
