import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBatches, type AggregateBatchV2 } from '../src/domain/aggregate';
import type { FinishedResult } from '../src/domain/result';
import { aV2FinishedResult } from '../src/domain/testing/finished-result';
import { seededRandom } from '../src/domain/testing/respondent';
import { COUNT_GROUPS_V2, countName, groupOf } from './count-groups';
import { BATCHES_V2_COUNTS_BEFORE_TRIES, columnsOf } from './batch-tables';
import { MIGRATIONS, SCHEMA_VERSION, triesColumnsAdded } from './migrations';
import { openBatchStore } from './open-batch-store';
import { makeBatch, makeBatchV2, randomResultV2, seededUuid } from './testing/make-batch';
import { CSV_COLUMNS } from './stats-csv';
import { startCollector, type RunningCollector } from './testing/start-collector';
import { describeEachEngine } from './testing/store-engines';

/** Wednesday 2 December 2026 in Paris: week 2026-W49 is in progress. */
const NOW = new Date('2026-12-02T11:00:00Z');
const clock = () => NOW;
const random = seededRandom(2);

const NOT_ASSESSED_AREAS = { information: 'notAssessed', communication: 'notAssessed', contentCreation: 'notAssessed', safety: 'notAssessed', problemSolving: 'notAssessed' } as const;
const times = (count: number, make: (index: number) => FinishedResult) => Array.from({ length: count }, (_, index) => make(index));
const at = '2026-11-18T10:00:00.000Z';

/** Someone "learning" aged 45-54, a smartphone only, needing help with the CAF (the builder's default). */
const learning = (id: string) => aV2FinishedResult(id, at);
/** A farmer of 78 with no device who does not want one; someone does the procedures for him. */
const farmer = (id: string) =>
  aV2FinishedResult(id, at, {
    distanceLevel: 'firstSteps',
    dsiOverall: 'notAssessed',
    dsiAreas: NOT_ASSESSED_AREAS,
    illectronism: true,
    barriers: ['skills', 'motivation'],
    ageBand: 'from75',
    v2: {
      lastUse: 'never',
      noUseIn12Months: true,
      mainBarrier: 'motivation',
      doesNotWant: true,
      proceduresStatus: 'fullySupported',
      organisms: ['msa', 'retirement'],
      services: ['Aide aux démarches administratives'],
      delegation: true,
      deviceProfile: 'none',
    },
  });
/** A daily user of 25-34 who answered "je ne sais pas" to the skill screens and about procedures. */
const unsure = (id: string) =>
  aV2FinishedResult(id, at, {
    distanceLevel: 'unknown',
    dsiOverall: 'unknown',
    dsiAreas: { information: 'unknown', communication: 'unknown', contentCreation: 'unknown', safety: 'unknown', problemSolving: 'unknown' },
    illectronism: null,
    barriers: [],
    ageBand: 'from25to34',
    v2: { mainBarrier: null, proceduresStatus: 'unknown', organisms: [], services: ['Aide aux démarches administratives'], deviceProfile: 'unknown' },
  });
/** An autonomous student of 16-24 with basic skills, who never needed an online procedure. */
const student = (id: string) =>
  aV2FinishedResult(id, at, {
    distanceLevel: 'autonomous',
    dsiOverall: 'basic',
    dsiAreas: { information: 'basic', communication: 'aboveBasic', contentCreation: 'basic', safety: 'basic', problemSolving: 'basic' },
    illectronism: false,
    barriers: [],
    ageBand: 'from16to24',
    v2: { mainBarrier: null, proceduresStatus: 'neverNeeded', organisms: [], services: [], deviceProfile: 'withComputerOrTablet' },
  });

/** Twenty people, five of each: every count is 0, 5, 10 or 15, so nothing is hidden and every figure is known. */
const twenty = () => [...times(5, (i) => learning(`a${i}`)), ...times(5, (i) => farmer(`b${i}`)), ...times(5, (i) => unsure(`c${i}`)), ...times(5, (i) => student(`d${i}`))];

const v2 = (extra: Partial<Parameters<typeof makeBatchV2>[0]> = {}) => makeBatchV2({ random, ...extra });

/** A copy of a batch with one count changed (the path under `counts`, dotted). */
function withCount(batch: AggregateBatchV2, name: string, change: (value: number) => number): AggregateBatchV2 {
  const copy = structuredClone(batch) as unknown as { counts: Record<string, unknown> };
  const path = name.split('.');
  const parent = path.slice(0, -1).reduce<Record<string, unknown>>((node, step) => node[step] as Record<string, unknown>, copy.counts);
  parent[path.at(-1)!] = change(parent[path.at(-1)!] as number);
  return copy as unknown as AggregateBatchV2;
}

// The integration tests of format 2 run on each store engine (testing/store-engines.ts).
describeEachEngine('format 2', (engine) => {
  describe('POST /api/v1/batches, format 2', () => {
    let collector: RunningCollector;
    beforeAll(async () => {
      collector = await startCollector({ rateLimitPerMinute: 10_000 }, clock, engine);
    });
    afterAll(() => collector.stop());

    const refused = async (body: unknown, reason: RegExp) => {
      const response = await collector.post(body);
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { error: string; message: string };
      expect(answer.error).toBe('invalid-batch');
      expect(answer.message).toMatch(reason);
      const id = (body as { id?: unknown }).id;
      if (typeof id === 'string') expect(await collector.storedIds()).not.toContain(id);
    };

    it('still stores a batch of format 1 from a kiosk not yet updated (201)', async () => {
      const sent = makeBatch({ random });
      expect((await collector.post(sent)).status).toBe(201);
      expect(await collector.storedIds()).toContain(sent.id);
    });

    it('stores a batch of format 2 (201), answers 200 to it again keys in any order, 409 to another under its id', async () => {
      const sent = v2();
      const first = await collector.post(sent);
      expect(first.status).toBe(201);
      expect(await first.json()).toEqual({ id: sent.id, status: 'created' });
      const { counts, ...rest } = sent;
      expect((await collector.post({ counts, ...Object.fromEntries(Object.entries(rest).reverse()) })).status).toBe(200);
      expect((await collector.post({ ...v2(), id: sent.id })).status).toBe(409);
      expect((await collector.storedIds()).filter((id) => id === sent.id)).toHaveLength(1);
    });

    it('keys idempotency on the id across formats: a batch of the other format under a stored id is a conflict (409)', async () => {
      const first = v2();
      expect((await collector.post(first)).status).toBe(201);
      const response = await collector.post(makeBatch({ random, id: first.id }));
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ error: 'conflict' });
      const older = makeBatch({ random });
      expect((await collector.post(older)).status).toBe(201);
      expect((await collector.post(v2({ id: older.id }))).status).toBe(409);
      expect((await collector.post(first)).status).toBe(200);
      expect((await collector.post(older)).status).toBe(200);
    });

    it('stores a batch of format 2 sent 50 times at once exactly once: one 201, then 200s', async () => {
      const sent = v2({ size: 20 });
      const statuses = await Promise.all(Array.from({ length: 50 }, () => collector.post(sent).then((r) => r.status)));
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(49);
      expect((await collector.storedIds()).filter((id) => id === sent.id)).toHaveLength(1);
    });

    it('accepts what the device builds with buildBatches from results of questionnaire 2', async () => {
      const built = buildBatches({
        results: times(9, (i) => ({ ...randomResultV2(random, `r${i}`), finishedAt: '2026-11-24T12:00:00.000Z' })),
        territory: { level: 'commune', code: '25056' },
        k: 5,
        appVersion: '0.2.0',
        now: NOW,
        newId: () => seededUuid(random),
      });
      // Counted in format 3 since the tries exist: these results, finished before, count their tries "non passé".
      expect(built.batches.map((b) => b.batch.format)).toEqual([3]);
      expect((await collector.post(built.batches[0]!.batch)).status).toBe(201);
    });

    it('refuses a batch mixing versions (400), either way, and stores nothing', async () => {
      await refused({ ...v2(), questionnaireVersion: '1' }, /^Le lot mêle les versions : il est au format 2, mais les résultats du questionnaire « 1 » se comptent au format 1/);
      await refused({ ...makeBatch({ random }), questionnaireVersion: '2' }, /^Le lot mêle les versions : il est au format 1, mais les résultats du questionnaire « 2 » se comptent au format 3/);
      // Counts of format 1 sent as format 2: the versions are what is wrong, not the counts missing.
      await refused({ ...makeBatch({ random }), format: 2 }, /mêle les versions/);
    });

    it.each<[string, (b: AggregateBatchV2) => unknown, RegExp]>([
      ['an unknown count', (b) => ({ ...b, counts: { ...b.counts, services: { ...b.counts.services, cooking: 0 } } }), /Champ inconnu : « counts\.services\.cooking »/],
      ['a missing group', (b) => ({ ...b, counts: { ...b.counts, dsiOverall16to74: undefined } }), /Champ manquant : « counts\.dsiOverall16to74 »/],
      ['a missing category', (b) => ({ ...b, counts: { ...b.counts, lastUse: { ...b.counts.lastUse, never: undefined } } }), /Champ manquant : « counts\.lastUse\.never »/],
      ['illectronism as one number (format 1)', (b) => ({ ...b, counts: { ...b.counts, illectronism: 3 } }), /« counts\.illectronism » doit être un objet/],
      ['a count as text', (b) => ({ ...b, counts: { ...b.counts, doesNotWant: '1' } }), /« counts\.doesNotWant » doit être un nombre entier/],
      ['format 1 counts under format 2, questionnaire 2', (b) => ({ ...b, counts: makeBatch({ random, size: b.total }).counts }), /Champ manquant|doit être un objet/],
    ])('refuses %s in a batch of format 2 (400)', async (_name, change, reason) => {
      await refused(change(v2()), reason);
    });

    const distributions = COUNT_GROUPS_V2.filter((group) => group.partition && !group.subsetOf);
    it.each(distributions.map((group) => [group.path.join('.'), group] as const))('refuses a batch whose %s is off by one (400) and stores nothing', async (field, group) => {
      const batch = v2({ size: 12 });
      await refused(withCount(batch, countName(group, group.keys[0]!), (n) => n + 1), new RegExp(`« counts\\.${field.replace('.', '\\.')} » totalisent 13 au lieu de 12`));
      await refused(withCount(batch, countName(group, group.keys.find((key) => groupOf(batch.counts, group)[key]! > 0)!), (n) => n - 1), /totalisent 11 au lieu de 12/);
    });

    const properties = COUNT_GROUPS_V2.filter((group) => !group.partition).flatMap((group) => group.keys.map((key) => countName(group, key)));
    it.each(properties)('refuses a batch whose %s is above the total (400)', async (name) => {
      await refused(withCount(v2({ size: 10 }), name, () => 11), new RegExp(`« counts\\.${name.replace('.', '\\.')} » \\(11\\) dépasse le total \\(10\\)`));
    });

    it('refuses a DSI of the 16-74 year-olds that is not theirs: above the total, above or below the 16-74 count (400)', async () => {
      // Eleven people, six of them aged 16 to 74: five outside, as many as k, so the device sends their DSI.
      const batch = v2({ results: [...times(6, (i) => learning(`l${i}`)), ...times(5, (i) => farmer(`f${i}`))] });
      expect(batch.counts.dsiOverall16to74?.narrow).toBe(6);
      await refused(withCount(batch, 'dsiOverall16to74.narrow', () => 12), /« counts\.dsiOverall16to74 » totalisent 12, plus que le total \(11\)/);
      await refused(withCount(batch, 'dsiOverall16to74.basic', () => 1), /« counts\.dsiOverall16to74 » totalisent 7, plus que les résultats de 16 à 74 ans \(6 d’après « counts\.ageBand »\)/);
      await refused(withCount(batch, 'dsiOverall16to74.narrow', () => 5), /« counts\.dsiOverall16to74 » totalisent 5 au lieu de 6, le nombre de résultats de 16 à 74 ans/);
      expect((await collector.post(batch)).status).toBe(201);
    });

    it('stores a batch whose DSI of the 16-74 year-olds is withheld (null) because 1 of its 5 people is aged 78 (201)', async () => {
      const batch = v2({ results: [...times(4, (i) => learning(`l${i}`)), farmer('f')] });
      expect(batch.counts.dsiOverall16to74).toBeNull();
      expect((await collector.post(batch)).status).toBe(201);
      expect(await collector.storedIds()).toContain(batch.id);
      expect((await collector.post(batch)).status).toBe(200);
    });

    it('takes null whenever someone is outside 16-74, even k or more of them: the device’s k may be larger (201)', async () => {
      // Six aged 16-74 and five aged 75+, counted by a device whose k is 10.
      const batch = v2({ results: [...times(6, (i) => learning(`l${i}`)), ...times(5, (i) => farmer(`f${i}`))], k: 10 });
      expect(batch.counts.dsiOverall16to74).toBeNull();
      expect((await collector.post(batch)).status).toBe(201);
    });

    it('refuses a DSI of the 16-74 year-olds withheld (null) when nobody is outside 16-74 (400), and stores nothing', async () => {
      const batch = v2({ results: times(6, (i) => learning(`l${i}`)) });
      await refused(
        { ...batch, counts: { ...batch.counts, dsiOverall16to74: null } },
        /^« counts\.dsiOverall16to74 » vaut null \(tableau retenu\), mais d’après « counts\.ageBand » les 6 résultats du lot sont tous des résultats de 16 à 74 ans : il n’y a personne à protéger, ce tableau doit être envoyé\.$/,
      );
    });

    it.each<[string, unknown, RegExp]>([
      ['a number', 6, /^« counts\.dsiOverall16to74 » doit être un objet ou null\.$/],
      ['a text', 'null', /^« counts\.dsiOverall16to74 » doit être un objet ou null\.$/],
      ['an empty object', {}, /^Champ manquant : « counts\.dsiOverall16to74\.notAssessed »\.$/],
    ])('refuses a DSI of the 16-74 year-olds that is %s, neither its counts nor null (400)', async (_name, value, reason) => {
      const batch = v2({ results: [...times(4, (i) => learning(`l${i}`)), farmer('f')] });
      await refused({ ...batch, counts: { ...batch.counts, dsiOverall16to74: value } }, reason);
    });

    it('refuses, besides the null, counts that do not add up in a batch that withheld its 16-74 table (400)', async () => {
      const batch = v2({ results: [...times(4, (i) => learning(`l${i}`)), farmer('f')] });
      await refused(withCount(batch, 'ageBand.from75', (n) => n + 1), /« counts\.ageBand » totalisent 6 au lieu de 5/);
    });
  });

  describe('statistics with batches of both formats', () => {
    let collector: RunningCollector;
    /** A collector holding Dijon's week 47 only: no neighbour whose small cells Dijon's numbers would give away. */
    let dijonAlone: RunningCollector;
    const dijon = { level: 'commune', code: '21231' } as const;
    beforeAll(async () => {
      collector = await startCollector({}, clock, engine);
      dijonAlone = await startCollector({}, clock, engine);
      // Week 47 in Dijon: 7 results of questionnaire 1 and the twenty of questionnaire 2.
      for (const batch of [
        makeBatch({ random, territory: dijon, weeks: { from: '2026-W47', to: '2026-W47' }, size: 7 }),
        v2({ territory: dijon, weeks: { from: '2026-W46', to: '2026-W47' }, results: twenty() }),
      ]) {
        expect((await collector.post(batch)).status).toBe(201);
        expect((await dijonAlone.post(batch)).status).toBe(201);
      }
      // Week 47 in Besançon: 15 "learning" aged 45-54, 5 students, and one "learning" aged 78, from a kiosk not yet
      // updated: it sends the DSI of the 16-74 year-olds (k = 1 stands for that), however few are outside 16-74.
      const besancon = [...times(15, (i) => learning(`l${i}`)), ...times(5, (i) => student(`s${i}`)), aV2FinishedResult('old', at, { ageBand: 'from75' })];
      expect((await collector.post(v2({ territory: { level: 'commune', code: '25056' }, weeks: { from: '2026-W47', to: '2026-W47' }, results: besancon, k: 1 }))).status).toBe(201);
      // Week 47 in Pontarlier: 4 "learning" aged 45-54 and a farmer aged 78. The device withholds their DSI of 16-74.
      const pontarlier = v2({ territory: { level: 'commune', code: '25462' }, weeks: { from: '2026-W47', to: '2026-W47' }, results: [...times(4, (i) => learning(`l${i}`)), farmer('f')] });
      expect(pontarlier.counts.dsiOverall16to74).toBeNull();
      expect((await collector.post(pontarlier)).status).toBe(201);
      // Week 47 in Beaune: 6 "learning" aged 45-54 and 2 farmers aged 78: withheld too.
      const beaune = v2({ territory: { level: 'commune', code: '21054' }, weeks: { from: '2026-W47', to: '2026-W47' }, results: [...times(6, (i) => learning(`l${i}`)), ...times(2, (i) => farmer(`f${i}`))] });
      expect(beaune.counts.dsiOverall16to74).toBeNull();
      expect((await collector.post(beaune)).status).toBe(201);
      // Week 48 in Dijon: 6 people aged 45-54 and 2 aged 75+, questionnaire 2, from a kiosk not yet updated.
      const week48 = [...times(6, (i) => learning(`l${i}`)), ...times(2, (i) => farmer(`f${i}`))];
      expect((await collector.post(v2({ territory: dijon, weeks: { from: '2026-W48', to: '2026-W48' }, results: week48, k: 1 }))).status).toBe(201);
    });
    afterAll(async () => {
      await collector.stop();
      await dijonAlone.stop();
    });

    type Row = Record<string, unknown> & { batches: number; total: number | null; counts: Record<string, Record<string, number | null> | number | null> };
    const stats = async (query: string, on = collector) => {
      const response = await fetch(`${on.url}/api/v1/stats?${query}`);
      expect(response.status).toBe(200);
      return (await response.json()) as { period: Row; series: (Row & { week: string })[]; format2: { period: Row; series: (Row & { week: string })[] }; notes: Record<string, string> };
    };

    it('keeps format 1 where it was, and gives the figures of format 2 apart', async () => {
      const { period, format2, notes } = await stats('territory=21231&from=2026-W47&to=2026-W47');
      expect([period.batches, period.total]).toEqual([1, 7]);
      // Format 1's counts, as they were: illectronism one number (or hidden), no last use.
      expect(Object.keys(period.counts)).toEqual(['distanceLevel', 'dsiOverall', 'dsiAreas', 'illectronism', 'barriers', 'autonomy', 'ageBand', 'language', 'mode']);
      expect(typeof format2.period.counts.illectronism).toBe('object');
      expect([format2.period.batches, format2.period.total]).toEqual([1, 20]);
      expect(notes.format2).toMatch(/unknown.*n’entre dans aucun taux/);
    });

    it('counts "je ne sais pas" apart and out of every rate', async () => {
      const { format2 } = await stats('territory=21231&from=2026-W47&to=2026-W47', dijonAlone);
      const row = format2.period;
      expect(row.counts.illectronism).toEqual({ yes: 5, no: 10, unknown: 5 });
      expect(row).toMatchObject({ illectronismKnown: 15, illectronismRate: 0.333 });
      expect(row.counts.lastUse).toEqual({ last3Months: 15, from3to12Months: 0, moreThanYear: 0, never: 5, unknown: 0 });
      expect(row).toMatchObject({ lastUseKnown: 20, noUseIn12Months: 5, noUseIn12MonthsRate: 0.25 });
      expect(row.counts.dsiOverall).toEqual({ notAssessed: 5, no: 0, limited: 0, narrow: 5, low: 0, basic: 5, aboveBasic: 0, unknown: 5 });
      expect(row).toMatchObject({ assessed: 10, atLeastBasic: 5, atLeastBasicShare: 0.5 });
      // Eurostat's scope: the 15 aged 16 to 74 (not the farmers), the 5 unsure out of the denominator.
      expect(row.counts.dsiOverall16to74).toEqual({ notAssessed: 0, no: 0, limited: 0, narrow: 5, low: 0, basic: 5, aboveBasic: 0, unknown: 5 });
      expect(row).toMatchObject({ aged16to74: 15, dsiKnown16to74: 10, atLeastBasic16to74: 5, atLeastBasic16to74Share: 0.5 });
      expect(row).toMatchObject({ withheld16to74Batches: 0, aged16to74Withheld: 0 });
    });

    it('gives the main barrier, procedures, needs, organisms and equipment', async () => {
      const { format2 } = await stats('territory=21231&from=2026-W47&to=2026-W47', dijonAlone);
      const row = format2.period;
      expect(row.counts.mainBarrier).toEqual({ motivation: 5, access: 0, skills: 5, none: 10 });
      expect(row.withMainBarrier).toBe(10);
      expect(row.counts.autonomy).toEqual({ fullySupported: 5, partlyAutonomous: 5, autonomous: 0, neverNeeded: 5, unknown: 5 });
      expect(row.counts.services).toMatchObject({ adminProcedures: 15, everydayTools: 5, employment: 0, parenting: 0 });
      expect(row.counts.organisms).toMatchObject({ caf: 5, msa: 5, retirement: 5, impots: 0 });
      expect(row.counts.deviceProfile).toEqual({ none: 5, basicPhoneOnly: 0, smartphoneOnly: 5, withComputerOrTablet: 5, unknown: 5 });
      expect([row.counts.doesNotWant, row.counts.delegation]).toEqual([5, 5]);
    });

    it('hides small cells of format 2 as of format 1, the 16-74 year-olds with the age bands that would give them away', async () => {
      const { format2 } = await stats('territory=21231&from=2026-W48&to=2026-W48');
      const row = format2.series[0]!;
      expect(row.total).toBe(8);
      expect(row.counts.distanceLevel).toMatchObject({ firstSteps: null, learning: null, autonomous: 0 });
      // 2 aged 75+: hidden, and so the 6 aged 16-74 (8 − 6 = 2)… including as the total of their DSI.
      expect(row.counts.ageBand).toMatchObject({ from45to54: null, from75: null, under16: 0 });
      expect(row.aged16to74).toBeNull();
      expect(row.counts.dsiOverall16to74).toMatchObject({ narrow: null, basic: 0 });
      expect(row.atLeastBasic16to74Share).toBeNull();
    });

    it('never lets the DSI of all ages minus that of the 16-74 year-olds give away the few outside 16-74 (a kiosk not yet updated)', async () => {
      const { format2 } = await stats('territory=25056&from=2026-W47&to=2026-W47');
      const { dsiOverall, dsiOverall16to74 } = format2.period.counts as Record<string, Record<string, number | null>>;
      // Unprotected, narrow would show 16 and 15: the one person aged 78 is "narrow".
      for (const [category, count] of Object.entries(dsiOverall!)) {
        const inScope = dsiOverall16to74![category];
        if (count === null || inScope === null || inScope === undefined) continue;
        expect(count - inScope === 0 || count - inScope >= 5, category).toBe(true);
      }
      expect(dsiOverall16to74!.narrow).toBeNull();
    });

    it('says a batch withheld its DSI of the 16-74 year-olds, and leaves it out of the 16-74 figures only', async () => {
      const { format2, notes } = await stats('territory=25462&from=2026-W47&to=2026-W47');
      const row = format2.period;
      expect([row.batches, row.total]).toEqual([1, 5]);
      expect(row.withheld16to74Batches).toBe(1);
      // Nothing to count in the 16-74 figures; the 4 aged 16-74 left out are fewer than k: hidden.
      expect(row.counts.dsiOverall16to74).toEqual({ notAssessed: 0, no: 0, limited: 0, narrow: 0, low: 0, basic: 0, aboveBasic: 0, unknown: 0 });
      expect(row).toMatchObject({ dsiKnown16to74: 0, atLeastBasic16to74: 0, atLeastBasic16to74Share: null, aged16to74Withheld: null });
      // The rest of the batch is counted as any other (small cells hidden as always).
      expect(row.counts.lastUse).toMatchObject({ never: null, last3Months: null });
      expect(row.counts.ageBand).toMatchObject({ from45to54: null, from75: null });
      expect(notes.withheld16to74).toMatch(/ne donne pas les compétences de ses 16-74 ans.*withheld16to74Batches.*aged16to74Withheld/);
    });

    it('computes the 16-74 figures over the batches that sent them, and says how many 16-74 year-olds are left out', async () => {
      // Département 21, week 47: the twenty of Dijon sent theirs (15 aged 16-74), Beaune (6 aged 16-74) withheld its.
      const { format2 } = await stats('territory=21&from=2026-W47&to=2026-W47');
      const row = format2.period;
      expect([row.batches, row.total]).toEqual([2, 28]);
      /** Every number shown is the one expected; a hidden one protects Beaune's small cells (docs/API.md). */
      const shownAs = (actual: Record<string, unknown>, expected: Record<string, unknown>) => {
        for (const [key, value] of Object.entries(expected)) if (actual[key] !== null) expect(actual[key], key).toBe(value);
      };
      shownAs(row.counts.dsiOverall16to74 as Record<string, unknown>, { notAssessed: 0, no: 0, limited: 0, narrow: 5, low: 0, basic: 5, aboveBasic: 0, unknown: 5 });
      shownAs(row, { aged16to74: 15, dsiKnown16to74: 10, atLeastBasic16to74: 5, atLeastBasic16to74Share: 0.5 });
      // Beaune's 6 aged 16-74 are hidden in its own table (its 2 aged 75+ are fewer than k): the département, whose
      // other commune left none out, would give them away, so they are hidden here too; the batch is still counted.
      expect(row).toMatchObject({ withheld16to74Batches: 1, aged16to74Withheld: null });
      // All ages, all batches: the twenty and Beaune's 8.
      shownAs(row.counts.dsiOverall as Record<string, unknown>, { notAssessed: 7, narrow: 11, basic: 5, unknown: 5 });
      shownAs(row.counts.ageBand as Record<string, unknown>, { from16to24: 5, from25to34: 5, from45to54: 11, from75: 7 });
      // Dijon's alone, its 16-74 figures are all shown: the computation itself.
      const alone = (await stats('territory=21231&from=2026-W47&to=2026-W47', dijonAlone)).format2.period;
      expect(alone).toMatchObject({ aged16to74: 15, dsiKnown16to74: 10, atLeastBasic16to74: 5, atLeastBasic16to74Share: 0.5 });
    });

    it('never lets the DSI of all batches minus that of the 16-74 year-olds of some give away a few people', async () => {
      // Département 25, week 47: Besançon sent its 16-74 table (20 of 21 aged 16-74), Pontarlier withheld its (4 of 5).
      const { format2 } = await stats('territory=25&from=2026-W47&to=2026-W47');
      const row = format2.period;
      const { dsiOverall, dsiOverall16to74 } = row.counts as Record<string, Record<string, number | null>>;
      expect(row.withheld16to74Batches).toBe(1);
      // Unprotected: notAssessed 1 − 0 is Pontarlier's farmer; narrow 20 − 15 is Besançon's man of 78 and Pontarlier's
      // four; like with like, Besançon's narrow 16 − 15 is the man of 78.
      for (const [category, count] of Object.entries(dsiOverall!)) {
        const inScope = dsiOverall16to74![category];
        if (count === null || inScope === null || inScope === undefined) continue;
        expect(count - inScope === 0 || count - inScope >= 5, category).toBe(true);
      }
      expect(dsiOverall!.notAssessed).toBeNull();
      expect(dsiOverall16to74!.narrow).toBeNull();
      // The 4 aged 16-74 left out are fewer than k: hidden, and so is what would give them away (aged16to74 beside the
      // 16-74 of the age table).
      expect(row.aged16to74Withheld).toBeNull();
      const age = row.counts.ageBand as Record<string, number | null>;
      const bands = [age.from16to24, age.from25to34, age.from35to44, age.from45to54, age.from55to64, age.from65to74];
      expect(row.aged16to74 === null || bands.includes(null)).toBe(true);
    });

    it('counts format 2 in the last week of a batch, and the period across the weeks', async () => {
      const { format2, series } = await stats('territory=21&quarter=2026-Q4');
      expect(format2.series.slice(6, 9).map((row) => [row.week, row.batches, row.total])).toEqual([
        ['2026-W46', 0, 0],
        ['2026-W47', 2, 28],
        ['2026-W48', 1, 8],
      ]);
      expect(series.slice(6, 9).map((row) => row.total)).toEqual([0, 7, 0]);
      expect(format2.period.total).toBe(36);
      expect(format2.series.slice(6, 9).map((row) => row.withheld16to74Batches)).toEqual([0, 1, 0]);
      expect(format2.period.withheld16to74Batches).toBe(1);
    });

    it('shows by default the quarter of the last week holding batches of either format', async () => {
      const { series, format2 } = await stats('territory=21231');
      expect([series[0]!.week, series.at(-1)!.week]).toEqual(['2026-W40', '2026-W53']);
      expect(format2.series.find((row) => row.week === '2026-W48')!.total).toBe(8);
    });

    it('answers the figures of format 2 in CSV, after the unchanged columns of format 1', async () => {
      const response = await fetch(`${dijonAlone.url}/api/v1/stats.csv?territory=21231&quarter=2026-Q4`);
      expect(response.status).toBe(200);
      const lines = Papa.parse<string[]>(await response.text(), { comments: '#', skipEmptyLines: true }).data;
      const [header, w47, w48, period] = [lines[0], lines[8], lines[9], lines.at(-1)];
      const headerOf = (name: string) => CSV_COLUMNS.find((candidate) => candidate.name === name)!.header;
      expect(header!.slice(0, 6)).toEqual(['territory', 'territoryLabel', 'week', 'dates', 'batches', 'total'].map(headerOf));
      expect(header!.indexOf(headerOf('illectronismRate'))).toBe(header!.indexOf(headerOf('format2.batches')) - 1);
      const column = (name: string) => {
        expect(header, name).toContain(headerOf(name));
        return header!.indexOf(headerOf(name));
      };
      expect(w47![column('total')]).toBe('7');
      expect(w47![column('format2.total')]).toBe('20');
      expect(w47![column('format2.illectronism.unknown')]).toBe('5');
      expect(w47![column('format2.illectronismRate')]).toBe('0.333');
      expect(w47![column('format2.services.adminProcedures')]).toBe('15');
      expect(w47![column('format2.atLeastBasic16to74Share')]).toBe('0.5');
      expect(w47![column('format2.mainBarrier.motivation')]).toBe('5');
      expect(w47![column('format2.withheld16to74Batches')]).toBe('0');
      expect(w47![column('format2.aged16to74Withheld')]).toBe('0');
      expect(w48![column('week')]).toBe('2026-W48');
      expect(w48![column('batches')]).toBe('0');
      expect(period![column('week')]).toBe('2026-W40/2026-W53');
      expect(period![column('format2.total')]).toBe('20');
      expect(header!.length).toBe(w47!.length);
    });

    it('shows the questionnaire 2 on the observatory page beside questionnaire 1, in French, with tables', async () => {
      const response = await fetch(`${collector.url}/?territory=21231&from=2026-W47&to=2026-W47`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<h2 id="q1-title">Questionnaire 1</h2>');
      expect(html).toContain('<h2 id="q2-title">Questionnaire 2</h2>');
      for (const id of ['distance-caption', 'v2-distance-caption', 'v2-dsi16to74-caption', 'v2-illectronism-caption', 'v2-main-barrier-caption', 'needs-caption', 'v2-organisms-caption', 'v2-device-caption', 'v2-autonomy-caption', 'v2-last-use-caption']) {
        expect(html).toContain(`<caption id="${id}">`);
      }
      for (const label of ['N’en a jamais eu besoin', 'Caisse de retraite', 'Téléphone simple (à touches) seulement', 'Ne veut pas (envie)', 'Aide aux démarches administratives', 'hors calcul', 'champ d’Eurostat']) {
        expect(html).toContain(escapeHtml(label));
      }
      // The charts of both formats, drawn from the numbers in the page.
      const data = JSON.parse(/<script type="application\/json" id="chart-data">(.*?)<\/script>/s.exec(html)![1]!) as { charts: { canvas: string }[] };
      expect(data.charts.map((chart) => chart.canvas)).toEqual(['distance-chart', 'dsi-chart', 'v2-distance-chart', 'v2-dsi-chart']);
    });

    it('says on the observatory page, next to the 16-74 indicator, that some batches withheld it and how many it leaves out', async () => {
      const page = async (query: string) => (await fetch(`${collector.url}/?${query}`)).text();
      const note = (html: string) => /<p class="note" id="v2-withheld-16to74">([\s\S]*?)<\/p>/.exec(html)?.[1]?.replace(/\s+/g, ' ');
      const dijon = await page('territory=21231&from=2026-W47&to=2026-W47');
      expect(note(dijon)).toBeUndefined();
      expect(dijon).not.toContain('hors lots retenus');
      const departement = await page('territory=21&from=2026-W47&to=2026-W47');
      expect(note(departement)).toContain('1 lot ne les a pas transmises, pour protéger de petits groupes');
      // Beaune's 6 left out are hidden in its own table, so here too (the département minus Dijon would give them).
      expect(note(departement)).toContain('Le nombre de personnes de 16 à 74 ans ainsi laissées de côté est masqué');
      expect(departement).toContain('hors lots retenus (voir ci-dessous)');
      expect(departement).toContain('Non comptés ici : 16–74 ans des lots qui ont retenu ce tableau (protection des petits groupes)');
      // The note follows the key figures, before the charts.
      expect(departement.indexOf('id="v2-withheld-16to74"')).toBeLessThan(departement.indexOf('id="v2-distance-title"'));
      const pontarlier = await page('territory=25462&from=2026-W47&to=2026-W47');
      expect(note(pontarlier)).toContain('1 lot ne les a pas transmises');
      expect(note(pontarlier)).toContain('Le nombre de personnes de 16 à 74 ans ainsi laissées de côté est masqué');
    });

    it('shows only questionnaire 2 where there is nothing of questionnaire 1, and only 1 where there is nothing of 2', async () => {
      const only2 = await (await fetch(`${collector.url}/?territory=21231&from=2026-W48&to=2026-W48`)).text();
      expect(only2).toContain('id="q2-title"');
      expect(only2).not.toContain('id="q1-title"');
      const nothing = await (await fetch(`${collector.url}/?territory=21231&quarter=2026-Q3`)).text();
      expect(nothing).toContain('id="q1-title"');
      expect(nothing).not.toContain('id="q2-title"');
    });
  });
});

const escapeHtml = (text: string) => text.replace(/'/g, '&#39;').replace(/"/g, '&quot;');

describe('a collector upgraded in place', () => {
  it('keeps the batches of format 1 of a database made before format 2, and takes batches of format 2', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'repere-upgrade-'));
    const databaseFile = join(folder, 'collector.db');
    try {
      const before = await startCollector({ database: databaseFile }, clock);
      const old = makeBatch({ random, weeks: { from: '2026-W47', to: '2026-W47' }, size: 9 });
      expect((await before.post(old)).status).toBe(201);
      await before.stop();
      // The database as the collector before format 2 left it: schema version 1, no table for format 2.
      const db = new Database(databaseFile);
      db.exec('DROP TABLE batches_v2');
      db.pragma('user_version = 1');
      db.close();

      const after = await startCollector({ database: databaseFile }, clock);
      try {
        expect((await after.post(old)).status).toBe(200);
        expect((await after.post(v2({ weeks: { from: '2026-W47', to: '2026-W47' } }))).status).toBe(201);
        const stats = (await (await fetch(`${after.url}/api/v1/stats?from=2026-W47&to=2026-W47`)).json()) as { period: { total: number }; format2: { period: { total: number } } };
        expect([stats.period.total, stats.format2.period.total]).toEqual([9, 8]);
        const check = new Database(databaseFile, { readonly: true });
        expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        check.close();
      } finally {
        await after.stop();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps the batches of format 2 of a database whose counts were all NOT NULL, and then takes a withheld 16-74 table', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'repere-upgrade-v2-'));
    const databaseFile = join(folder, 'collector.db');
    const current = join(folder, 'current.db');
    try {
      // Two batches of format 2 sent before the 16-74 table could be withheld, stored by this collector…
      const before = await startCollector({ database: current }, clock);
      const stored = [v2({ weeks: { from: '2026-W47', to: '2026-W47' }, size: 12, k: 1 }), v2({ weeks: { from: '2026-W47', to: '2026-W47' }, results: twenty() })];
      for (const batch of stored) expect((await before.post(batch)).status).toBe(201);
      const statsBefore = await (await fetch(`${before.url}/api/v1/stats?from=2026-W47&to=2026-W47`)).json();
      await before.stop();
      // …copied into a database as the collector of schema version 2 made it: every count NOT NULL.
      const db = new Database(databaseFile);
      for (const step of MIGRATIONS.filter((m) => m.version <= 2)) step.migrate(db);
      db.pragma('user_version = 2');
      db.exec(`ATTACH DATABASE '${current}' AS current`);
      const columns = columnsOf(2, BATCHES_V2_COUNTS_BEFORE_TRIES).join(', ');
      db.exec(`INSERT INTO batches_v2 SELECT ${columns} FROM current.batches_v2; INSERT INTO territories SELECT * FROM current.territories`);
      db.exec('DETACH DATABASE current');
      expect((db.pragma('table_info(batches_v2)') as { name: string; notnull: number }[]).find((c) => c.name === 'dsi_overall16to74_narrow')!.notnull).toBe(1);
      db.close();

      const after = await startCollector({ database: databaseFile }, clock);
      try {
        for (const batch of stored) expect((await after.post(batch)).status).toBe(200);
        expect(await (await fetch(`${after.url}/api/v1/stats?from=2026-W47&to=2026-W47`)).json()).toEqual(statsBefore);
        const withheld = v2({ weeks: { from: '2026-W47', to: '2026-W47' }, results: [...times(4, (i) => learning(`l${i}`)), farmer('f')] });
        expect((await after.post(withheld)).status).toBe(201);
        const stats = (await (await fetch(`${after.url}/api/v1/stats?from=2026-W47&to=2026-W47`)).json()) as { format2: { period: Record<string, unknown> } };
        expect(stats.format2.period).toMatchObject({ batches: 3, total: 37, withheld16to74Batches: 1 });
      } finally {
        await after.stop();
      }
      const check = new Database(databaseFile, { readonly: true });
      expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(check.prepare('SELECT COUNT(*) FROM batches_v2 WHERE dsi_overall16to74_narrow IS NULL').pluck().get()).toBe(1);
      expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'batches_v2' AND name NOT LIKE 'sqlite_%'").pluck().all()).toEqual(['batches_v2_by_week']);
      expect(check.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%_next%'").pluck().all()).toEqual([]);
      check.close();
      // The columns of the 16-74 table are NULL all together or not at all.
      const write = new Database(databaseFile);
      expect(() => write.exec('UPDATE batches_v2 SET dsi_overall16to74_basic = NULL WHERE dsi_overall16to74_narrow IS NOT NULL')).toThrow(/CHECK constraint failed/);
      write.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses to start on a table whose columns are not those of its format, saying so', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'repere-columns-'));
    const databaseFile = join(folder, 'collector.db');
    try {
      await openBatchStore(databaseFile).close();
      const db = new Database(databaseFile);
      db.exec('ALTER TABLE batches_v2 ADD COLUMN services_cooking INTEGER');
      db.close();
      expect(() => openBatchStore(databaseFile)).toThrow(/batches_v2 does not hold the counts of format 2 \(missing: none; unknown: services_cooking\)/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses to start on a table of format 2 that cannot hold a withheld 16-74 table, saying so', () => {
    const folder = mkdtempSync(join(tmpdir(), 'repere-notnull-'));
    const databaseFile = join(folder, 'collector.db');
    try {
      // Schema version 3 written over a table still NOT NULL: the migration did not run.
      const db = new Database(databaseFile);
      for (const step of MIGRATIONS.filter((m) => m.version <= 2)) step.migrate(db);
      // The tries' columns there, so that only the NULLs are wrong.
      for (const column of triesColumnsAdded().columns) db.exec(`ALTER TABLE batches_v2 ADD COLUMN ${column} INTEGER NOT NULL DEFAULT 0`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      db.close();
      expect(() => openBatchStore(databaseFile)).toThrow(/batches_v2 does not take NULL where a batch of format 2 may withhold counts.*dsi_overall16to74_not_assessed/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
