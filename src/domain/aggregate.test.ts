import { describe, expect, it } from 'vitest';
import { QUESTIONNAIRE } from '../content/questionnaire';
import {
  AGE_BANDS,
  AggregateError,
  buildBatches,
  countResults,
  departementOf,
  isoWeek,
  territoryOf,
  type BuildBatchesInput,
  type Territory,
} from './aggregate';
import { DSI_AREAS } from './questionnaire';
import { toFinishedResult, type FinishedResult } from './result';
import { scoreProfile } from './score-profile';
import { startSession } from './session';
import { aV2FinishedResult } from './testing/finished-result';
import { respondWith } from './testing/respondent';
import { countResultsV2, countResultsV3, SERVICE_KEYS } from './aggregate';

const DIJON: Territory = { level: 'commune', code: '21231' };
/** Wednesday 2 December 2026, noon in Paris: week 2026-W49 is in progress. */
const NOW = new Date('2026-12-02T11:00:00Z');

let serial = 0;
/** A finished result on a given day (noon UTC), autonomous unless told otherwise. */
function result(day: string, extra: Partial<FinishedResult> = {}): FinishedResult {
  serial += 1;
  return {
    id: `r${serial}`,
    finishedAt: `${day}T12:00:00.000Z`,
    mode: 'kiosk',
    language: 'fr',
    questionnaireVersion: '1',
    distanceLevel: 'autonomous',
    dsiOverall: 'aboveBasic',
    dsiAreas: { information: 'aboveBasic', communication: 'basic', contentCreation: 'basic', safety: 'none', problemSolving: 'basic' },
    illectronism: false,
    barriers: [],
    autonomy: 'autonomous',
    ageBand: 'from35to44',
    countedInBatch: null,
    ...extra,
  };
}
const many = (count: number, day: string, extra: Partial<FinishedResult> = {}) =>
  Array.from({ length: count }, () => result(day, extra));

let ids = 0;
const input = (results: FinishedResult[], extra: Partial<BuildBatchesInput> = {}): BuildBatchesInput => ({
  results,
  territory: DIJON,
  k: 5,
  appVersion: '0.1.0',
  now: NOW,
  newId: () => `batch-${++ids}`,
  ...extra,
});

describe('isoWeek', () => {
  it('follows ISO 8601 at year boundaries', () => {
    expect(isoWeek(new Date('2026-01-01T12:00:00Z'))).toBe('2026-W01');
    expect(isoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2024-12-30T12:00:00Z'))).toBe('2025-W01');
    expect(isoWeek(new Date('2026-11-29T12:00:00Z'))).toBe('2026-W48');
  });

  it('reads the day in Paris: Monday 00:30 in Dijon is Sunday 23:30 in UTC, and already the new week', () => {
    expect(isoWeek(new Date('2026-11-29T23:30:00Z'))).toBe('2026-W49');
    expect(isoWeek(new Date('2026-11-29T22:59:00Z'))).toBe('2026-W48');
  });
});

describe('territories', () => {
  it('takes the département from a commune code, Corsica and overseas included', () => {
    expect(departementOf('21231')).toBe('21');
    expect(departementOf('2A004')).toBe('2A');
    expect(departementOf('97411')).toBe('974');
    expect(territoryOf('97411', 'departement')).toEqual({ level: 'departement', code: '974' });
    expect(territoryOf('21231', 'commune')).toEqual(DIJON);
    expect(territoryOf(null, 'commune')).toBeNull();
  });
});

describe('buildBatches', () => {
  it('does not send a week of 4 results: they wait', () => {
    const out = buildBatches(input(many(4, '2026-11-24')));
    expect(out.batches).toEqual([]);
    expect(out.waiting).toBe(4);
  });

  it('merges a short week into the following ones, and the totals are preserved', () => {
    const results = [...many(4, '2026-11-17'), ...many(1, '2026-11-24')];
    const out = buildBatches(input(results));
    expect(out.batches).toHaveLength(1);
    const [built] = out.batches;
    expect(built!.batch.weeks).toEqual({ from: '2026-W47', to: '2026-W48' });
    expect(built!.batch.total).toBe(5);
    expect(new Set(built!.resultIds)).toEqual(new Set(results.map((r) => r.id)));
    expect(out.waiting).toBe(0);
  });

  it('releases each week that reaches k on its own, and carries only the short tail', () => {
    const results = [...many(6, '2026-11-10'), ...many(5, '2026-11-17'), ...many(2, '2026-11-24')];
    const out = buildBatches(input(results));
    expect(out.batches.map((b) => [b.batch.weeks.from, b.batch.weeks.to, b.batch.total])).toEqual([
      ['2026-W46', '2026-W46', 6],
      ['2026-W47', '2026-W47', 5],
    ]);
    expect(out.waiting).toBe(2);
    const counted = out.batches.flatMap((b) => b.resultIds);
    expect(new Set(counted).size).toBe(counted.length);
    expect(counted.length + out.waiting).toBe(results.length);
  });

  it('never counts the week in progress, whatever its size', () => {
    const out = buildBatches(input(many(12, '2026-12-01')));
    expect(out.batches).toEqual([]);
    expect(out.waiting).toBe(12);
  });

  it('leaves results already counted alone', () => {
    const results = [...many(5, '2026-11-24', { countedInBatch: 'old' }), ...many(3, '2026-11-24')];
    const out = buildBatches(input(results));
    expect(out.batches).toEqual([]);
    expect(out.waiting).toBe(3);
  });

  it('keeps questionnaire versions apart', () => {
    const v2 = Array.from({ length: 5 }, (_, i) => aV2FinishedResult(`v2-${i}`, '2026-11-24T12:00:00.000Z'));
    const results = [...many(5, '2026-11-24'), ...v2];
    const out = buildBatches(input(results));
    expect(out.batches.map((b) => [b.batch.questionnaireVersion, b.batch.format, b.batch.total]).sort()).toEqual([
      ['1', 1, 5],
      ['2', 3, 5],
    ]);
    // never mixed: each batch counts the results of its own version only
    const v2Batch = out.batches.find((b) => b.batch.format === 3)!;
    expect([...v2Batch.resultIds].sort()).toEqual(v2.map((r) => r.id));
  });

  it('refuses to count a result in the other version\'s format, rather than guess', () => {
    expect(() => countResults([aV2FinishedResult('x', '2026-11-24T12:00:00.000Z', { distanceLevel: 'unknown' })])).toThrow(AggregateError);
    expect(() => countResultsV2([result('2026-11-24')])).toThrow(AggregateError);
  });

  it('waits while the device has no territory', () => {
    const out = buildBatches(input(many(8, '2026-11-24'), { territory: null }));
    expect(out).toEqual({ batches: [], waiting: 8 });
  });

  it('gives every batch a new id, and nothing else that could single the device out', () => {
    const out = buildBatches(input([...many(5, '2026-11-10'), ...many(5, '2026-11-17')]));
    const [a, b] = out.batches.map((built) => built.batch);
    expect(a!.id).not.toBe(b!.id);
    expect(Object.keys(a!).sort()).toEqual(
      ['appVersion', 'counts', 'format', 'id', 'questionnaireVersion', 'territory', 'total', 'weeks'].sort(),
    );
  });

  it('refuses a k below 3', () => {
    expect(() => buildBatches(input([], { k: 2 }))).toThrow(AggregateError);
    expect(() => buildBatches(input([], { k: 4.5 }))).toThrow(AggregateError);
  });
});

describe('countResults', () => {
  it('counts each dimension on its own; every distribution sums to the total', () => {
    const results = [
      result('2026-11-24', { barriers: ['skills', 'confidence'], illectronism: true, autonomy: null, ageBand: null }),
      result('2026-11-24', { barriers: ['skills'], language: 'ar', mode: 'guided', distanceLevel: 'firstSteps' }),
      result('2026-11-24', { dsiOverall: 'no', ageBand: 'from75' }),
    ];
    const counts = countResults(results);
    const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
    expect(counts.barriers).toEqual({ access: 0, skills: 2, confidence: 1, motivation: 0 });
    expect(counts.illectronism).toBe(1);
    expect(counts.autonomy.unknown).toBe(1);
    expect(counts.ageBand).toMatchObject({ unknown: 1, from75: 1, from35to44: 1 });
    expect(counts.language).toMatchObject({ fr: 2, ar: 1 });
    expect(counts.mode).toEqual({ kiosk: 2, guided: 1 });
    expect(counts.distanceLevel).toMatchObject({ firstSteps: 1, autonomous: 2 });
    for (const record of [counts.distanceLevel, counts.dsiOverall, counts.autonomy, counts.ageBand, counts.language, counts.mode]) {
      expect(sum(record)).toBe(3);
    }
    for (const area of DSI_AREAS) expect(sum(counts.dsiAreas[area])).toBe(3);
  });

  it('knows every age band the questionnaire offers', () => {
    const ageQuestion = QUESTIONNAIRE.questions.find((question) => question.id === 'ageBand');
    expect(ageQuestion?.options.map((option) => option.id)).toEqual([...AGE_BANDS]);
  });
});

describe('format 2: the counts of questionnaire 2', () => {
  /** Results as the device keeps them, from people walked through the real questionnaire and scoring. */
  const finished = (table: Record<string, unknown>, language: 'fr' | 'ar' = 'fr') => {
    const { answers } = respondWith(QUESTIONNAIRE, table as never);
    const session = startSession({ id: 's', now: NOW, questionnaireVersion: '2', language, mode: 'kiosk' });
    serial += 1;
    return toFinishedResult(`p${serial}`, session, scoreProfile(QUESTIONNAIRE, answers, { language }), new Date('2026-11-24T12:00:00Z'));
  };
  const dontKnowSkills = Object.fromEntries(DSI_AREAS.map((a) => [`skills.${a}`, 'dontKnow']));
  const noneSkills = Object.fromEntries(DSI_AREAS.map((a) => [`skills.${a}`, 'none']));
  const people = () => [
    // a daily user unsure of what the skill screens ask: unknown, not illectronisme
    finished({ devices: ['smartphone', 'homeInternet'], screenDifficulty: 'none', internetUse: 'everyDay', ...dontKnowSkills, proceduresHow: 'alone', wishToLearn: 'aLittle', ageBand: 'from25to34' }),
    // a farmer of 78 with no device, who does not want one
    finished({ devices: 'none', noDeviceWhy: ['dontWant'], screenDifficulty: 'none', internetUse: 'never', proceduresHow: 'someoneElse', proceduresWhich: ['msa', 'retirement'], wishToUseMore: 'no', fearOfMistakes: 'notAtAll', trust: 'aLittle', helpAround: ['someoneClose'], ageBand: 'from75' }),
    // a user who did none of the activities: illectronisme, first steps
    finished({ devices: ['smartphone'], costBarrier: 'yes', screenDifficulty: 'none', internetUse: 'lessOften', ...noneSkills, proceduresHow: 'withHelp', proceduresWhich: ['caf'], wishToUseMore: 'yes', wishToLearn: 'quite', fearOfMistakes: 'quite', trust: 'aLittle', helpAround: 'none', ageBand: 'from55to64' }),
    // no use for a year, basic phone only, does not know about procedures
    finished({ devices: ['basicPhone'], noDeviceWhy: ['tooExpensive'], screenDifficulty: 'skipped', internetUse: 'moreThanYear', proceduresHow: 'dontKnow', wishToUseMore: 'maybe', wishToLearn: 'aLittle', fearOfMistakes: 'veryMuch', trust: 'dontKnow', helpAround: ['knowsPlace'], ageBand: 'skipped' }),
    // a newcomer in Arabic who did not say how he used the internet
    finished({ devices: ['smartphone'], costBarrier: 'no', screenDifficulty: ['french', 'reading'], internetUse: 'dontKnow', usesApps: 'dontKnow', proceduresHow: 'never', wishToUseMore: 'yes', wishToLearn: 'veryMuch', fearOfMistakes: 'aLittle', trust: 'quite', helpAround: 'none', ageBand: 'from16to24' }, 'ar'),
  ];

  it('counts unknowns apart, and each distribution adds up to the total', () => {
    const counts = countResultsV2(people());
    expect(counts.illectronism).toEqual({ yes: 3, no: 0, unknown: 2 });
    expect(counts.lastUse).toEqual({ last3Months: 2, from3to12Months: 0, moreThanYear: 1, never: 1, unknown: 1 });
    expect(counts.dsiOverall.unknown).toBe(1);
    expect(counts.dsiOverall.notAssessed).toBe(3);
    expect(counts.dsiOverall.no).toBe(1);
    expect(counts.dsiAreas.safety).toEqual({ none: 1, basic: 0, aboveBasic: 0, unknown: 1, notAssessed: 3 });
    expect(counts.autonomy).toEqual({ fullySupported: 1, partlyAutonomous: 1, autonomous: 1, neverNeeded: 1, unknown: 1 });
    expect(counts.deviceProfile).toEqual({ none: 1, basicPhoneOnly: 1, smartphoneOnly: 3, withComputerOrTablet: 0, unknown: 0 });
    expect(counts.organisms).toMatchObject({ caf: 1, msa: 1, retirement: 1, impots: 0 });
    expect(counts.doesNotWant).toBe(1);
    expect(counts.mainBarrier.motivation).toBe(1);
    // the triad adds up to the people far from digital: the three main barriers and "none" make the total
    expect(Object.values(counts.mainBarrier).reduce((a, b) => a + b, 0)).toBe(5);
    for (const group of [counts.distanceLevel, counts.dsiOverall, counts.illectronism, counts.lastUse, counts.autonomy, counts.deviceProfile, counts.mainBarrier]) {
      expect(Object.values(group).reduce((a, b) => a + b, 0)).toBe(5);
    }
    // Eurostat's scope would be the 16-74 year-olds only; two of five lie outside it (the 78-year-old, the one who
    // skipped): with k = 5, dsiOverall minus that table would tell their levels, so it is withheld
    expect(counts.dsiOverall16to74).toBeNull();
    const withK2 = countResultsV2(people(), { k: 2 });
    expect(Object.values(withK2.dsiOverall16to74!).reduce((a, b) => a + b, 0)).toBe(3);
    // everyone in 16-74: nothing to tell apart, the table is sent
    const inScope = countResultsV2(people().map((r) => ({ ...r, ageBand: 'from35to44' })));
    expect(Object.values(inScope.dsiOverall16to74!).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('counts the needs by service, with keys that are plain ids', () => {
    const counts = countResultsV2(people());
    expect(Object.keys(counts.services)).toEqual(Object.values(SERVICE_KEYS));
    expect(counts.services.adminProcedures).toBe(3);
    // the farmer who does not want gets no equipment, learning or free-access need
    expect(counts.services.solidarityEquipment).toBe(2);
    // the farmer, and the non-user who does not know how procedures get done
    expect(counts.delegation).toBe(2);
  });

  it('goes out as a batch of format 3 (format 2 and the tries), k-anonymous like format 1', () => {
    const out = buildBatches(input(people()));
    expect(out.batches).toHaveLength(1);
    const batch = out.batches[0]!.batch;
    expect(batch).toMatchObject({ format: 3, questionnaireVersion: '2', total: 5 });
    expect(buildBatches(input(people().slice(0, 4))).batches).toEqual([]);
  });
});

describe('format 3: what the tries showed, counted apart ("observé, hors Eurostat")', () => {
  const week = '2026-11-24T12:00:00.000Z';
  // Five people a mediator would describe, as their results are kept after the tries.
  const people = (): FinishedResult[] => [
    // A daily user who said basic skills in every area and did every try well.
    aV2FinishedResult('daily-user', week, {
      dsiOverall: 'basic',
      observed: { handling: 'passed3', scam: 'right3', icons: 'notTaken', selfReportGap: false },
    }),
    // The same confidence said, but the 8 mm target missed: in the self-report gap.
    aV2FinishedResult('missed-small-button', week, {
      dsiOverall: 'aboveBasic',
      observed: { handling: 'passed2', scam: 'right2', icons: 'notTaken', selfReportGap: true },
    }),
    // A man not online for years, who tapped, then skipped the rest, and matched two icons.
    aV2FinishedResult('offline-for-years', week, {
      dsiOverall: 'notAssessed',
      observed: { handling: 'partlyTaken', scam: 'notTaken', icons: 'matched2', selfReportGap: false },
    }),
    // Someone who skipped every try.
    aV2FinishedResult('skipped-all', week, { observed: { handling: 'notTaken', scam: 'notTaken', icons: 'notTaken', selfReportGap: false } }),
    // A result finished on this device before the tries existed: nothing observed.
    aV2FinishedResult('before-the-tries', week),
  ];

  it('counts each score on its own, every result once, the self-report gap apart', () => {
    const { observed } = countResultsV3(people());
    expect(observed.handling).toEqual({ passed0: 0, passed1: 0, passed2: 1, passed3: 1, partlyTaken: 1, notTaken: 2 });
    expect(observed.scam).toEqual({ right0: 0, right1: 0, right2: 1, right3: 1, notTaken: 3 });
    expect(observed.icons).toEqual({ matched0: 0, matched1: 0, matched2: 1, matched3: 0, matched4: 0, notTaken: 4 });
    expect(observed.selfReportGap).toBe(1);
  });

  it('never lets the tries touch the Eurostat and INSEE counts', () => {
    const withTries = countResultsV3(people());
    const { observed, ...eurostat } = withTries;
    expect(observed).toBeDefined();
    const without = people().map(({ observed: _dropped, ...rest }) => rest as FinishedResult);
    expect(eurostat).toEqual(countResultsV2(without));
  });

  it('counts a result without tries (finished before them) as "non passé", never as a failure', () => {
    const { observed } = countResultsV3([aV2FinishedResult('old', week)]);
    expect(observed.handling.notTaken).toBe(1);
    expect(observed.handling.passed0).toBe(0);
    expect(observed.selfReportGap).toBe(0);
  });
});
