import { describe, expect, it } from 'vitest';
import type { FinishedResult } from './result';
import { addToReportCounts, emptyReportCounts, triesAgreement, type ReportCounts } from './report-counts';
import { aFinishedResult, aV2FinishedResult } from './testing/finished-result';

const PARIS = 'Europe/Paris';

let serial = 0;
function kiosk(finishedAt: string, extra: Partial<FinishedResult> = {}): FinishedResult {
  serial += 1;
  return aFinishedResult(`r${serial}`, finishedAt, extra);
}
function guided(finishedAt: string, observation: FinishedResult['observation'], extra: Partial<FinishedResult> = {}): FinishedResult {
  return kiosk(finishedAt, { mode: 'guided', ...(observation ? { observation } : {}), ...extra });
}

const fold = (results: readonly FinishedResult[], counts: ReportCounts = emptyReportCounts()) => addToReportCounts(counts, results, PARIS);

describe('addToReportCounts', () => {
  const RESULTS: FinishedResult[] = [
    kiosk('2026-11-30T08:00:00.000Z', { distanceLevel: 'firstSteps' }),
    guided('2026-12-01T09:00:00.000Z', {
      autonomy: 'partlyAutonomous',
      themes: ['email', 'adminProcedures'],
      activityType: 'individual',
      durationMinutes: 45,
      placeType: 'activityPlace',
      equipment: ['computer'],
      referral: 'proceduresHelp',
      updatedAt: '2026-12-01T09:30:00.000Z',
    }),
    guided('2026-12-02T10:00:00.000Z', { autonomy: null, themes: ['email'], durationMinutes: 30, equipment: ['phone', 'tablet'], referral: 'none' }),
    guided('2026-12-07T10:00:00.000Z', undefined, { ageBand: null }),
    aV2FinishedResult('v2', '2026-12-08T10:00:00.000Z', { distanceLevel: 'unknown', mode: 'guided', observation: { autonomy: 'autonomous', themes: [] } }),
  ];

  it('given results in three batches, then the counts are those of all the results folded at once', () => {
    const once = fold(RESULTS);
    const inBatches = fold(RESULTS.slice(3), fold(RESULTS.slice(1, 3), fold(RESULTS.slice(0, 1))));
    expect(inBatches).toEqual(once);
  });

  it('given results, then it counts them per week with its Monday, per month, level, mode, and what was observed', () => {
    const counts = fold(RESULTS);
    expect(counts.total).toBe(5);
    expect(counts.byWeek).toEqual([
      { week: '2026-W49', monday: '2026-11-30', count: 3 },
      { week: '2026-W50', monday: '2026-12-07', count: 2 },
    ]);
    expect(counts.byMonth).toEqual([
      { month: '2026-11', count: 1 },
      { month: '2026-12', count: 4 },
    ]);
    expect(counts.byDistanceLevel).toEqual({ firstSteps: 1, learning: 3, nearlyAutonomous: 0, autonomous: 0, unknown: 1 });
    expect(counts.byMode).toEqual({ kiosk: 1, guided: 4 });
    expect(counts.byTheme).toMatchObject({ email: 2, adminProcedures: 1, health: 0 });
    expect(counts.withoutTheme).toBe(3);
    expect(counts.byObservedAutonomy).toEqual({ fullySupported: 0, partlyAutonomous: 1, autonomous: 1, notObserved: 3 });
    expect(counts.byActivityType).toEqual({ individual: 1, collective: 0, notSaid: 4 });
    expect(counts.byPlaceType).toEqual({ activityPlace: 1, remote: 0, home: 0, other: 0, notSaid: 4 });
    expect(counts.byEquipment).toEqual({ computer: 1, phone: 1, tablet: 1, other: 0, none: 0 });
    expect(counts.byReferral).toEqual({ none: 1, operator: 0, proceduresHelp: 1, administration: 0, digitalMediation: 0, other: 0, notSaid: 3 });
    expect(counts.byAgeBand).toMatchObject({ from45to54: 4, unknown: 1 });
    expect(counts.minutes).toEqual({ total: 75, sessions: 2 });
  });

  it('given nothing, then every table is at zero and no week or month is listed', () => {
    const counts = fold([]);
    expect(counts).toEqual(emptyReportCounts());
    expect(Object.values(counts.byObservedAutonomy).every((count) => count === 0)).toBe(true);
  });

  it('given an input, then the counts given are not changed (a fold returns new counts)', () => {
    const before = fold(RESULTS.slice(0, 2));
    const copy = structuredClone(before);
    fold(RESULTS.slice(2), before);
    expect(before).toEqual(copy);
  });

  it.each([
    // Summer time starts on Sunday 29 March 2026: 23:30 UTC on Sunday 22 is Monday 00:30 (winter, UTC+1) in Paris.
    ['2026-03-22T22:59:00.000Z', '2026-W12', '2026-03-16', '2026-03'],
    ['2026-03-22T23:00:00.000Z', '2026-W13', '2026-03-23', '2026-03'],
    // Sunday 29 March, 23:30 in Paris is 21:30 UTC (UTC+2): still week 13; 22:00 UTC is Monday 30, week 14.
    ['2026-03-29T21:59:00.000Z', '2026-W13', '2026-03-23', '2026-03'],
    ['2026-03-29T22:00:00.000Z', '2026-W14', '2026-03-30', '2026-03'],
    // 31 March, 22:30 UTC is 1 April, 00:30 in Paris: April.
    ['2026-03-31T22:30:00.000Z', '2026-W14', '2026-03-30', '2026-04'],
    // Winter time from Sunday 25 October 2026: 31 October 23:30 UTC is 1 November, 00:30 in Paris (UTC+1).
    ['2026-10-31T22:59:00.000Z', '2026-W44', '2026-10-26', '2026-10'],
    ['2026-10-31T23:00:00.000Z', '2026-W44', '2026-10-26', '2026-11'],
    ['2026-10-25T22:59:00.000Z', '2026-W43', '2026-10-19', '2026-10'],
    ['2026-10-25T23:00:00.000Z', '2026-W44', '2026-10-26', '2026-10'],
    // New Year in Paris; 1 January 2027 is a Friday, in week 53 of 2026.
    ['2026-12-31T23:30:00.000Z', '2026-W53', '2026-12-28', '2027-01'],
    ['2027-01-03T23:30:00.000Z', '2027-W01', '2027-01-04', '2027-01'],
  ])('given a result finished at %s, then it is counted in week %s (Monday %s) and month %s, in Paris', (finishedAt, week, monday, month) => {
    const counts = fold([kiosk(finishedAt)]);
    expect(counts.byWeek).toEqual([{ week, monday, count: 1 }]);
    expect(counts.byMonth).toEqual([{ month, count: 1 }]);
  });

  it('given results of older versions, without v2 categories nor observation fields, then they count as not observed, never crash', () => {
    const old = {
      id: 'old',
      finishedAt: '2025-06-01T10:00:00.000Z',
      mode: 'guided',
      language: 'fr',
      questionnaireVersion: '1',
      distanceLevel: 'learning',
      dsiOverall: 'low',
      dsiAreas: { information: 'basic', communication: 'basic', contentCreation: 'none', safety: 'none', problemSolving: 'basic' },
      illectronism: false,
      barriers: [],
      autonomy: null,
      ageBand: null,
      countedInBatch: null,
    } as FinishedResult;
    const olderObservation = guided('2025-06-02T10:00:00.000Z', { autonomy: 'autonomous', themes: ['health'] });
    const laterValues = kiosk('2025-06-03T10:00:00.000Z', { ageBand: 'from100', distanceLevel: 'somethingNew' as never });
    const broken = kiosk('not a date');
    const counts = fold([old, olderObservation, laterValues, broken]);
    expect(counts.total).toBe(4);
    expect(counts.undated).toBe(1);
    expect(counts.byWeek.reduce((sum, entry) => sum + entry.count, 0)).toBe(3);
    expect(counts.byObservedAutonomy).toEqual({ fullySupported: 0, partlyAutonomous: 0, autonomous: 1, notObserved: 3 });
    expect(counts.byActivityType.notSaid).toBe(4);
    expect(counts.byReferral.notSaid).toBe(4);
    expect(counts.byAgeBand.unknown).toBe(2);
    expect(counts.byDistanceLevel).toMatchObject({ learning: 3, unknown: 1 });
    expect(counts.minutes).toEqual({ total: 0, sessions: 0 });
  });

  it('given 50 000 results in batches of 500, then each batch is folded in a few milliseconds', () => {
    const many = Array.from({ length: 50_000 }, (_, index) => RESULTS[index % RESULTS.length]!);
    let counts = emptyReportCounts();
    const started = performance.now();
    for (let start = 0; start < many.length; start += 500) counts = fold(many.slice(start, start + 500), counts);
    expect(counts.total).toBe(50_000);
    expect((performance.now() - started) / 100).toBeLessThan(20);
  });
});

describe('the tries checked against what the mediator saw (docs/TRIES.md, "What would validate them")', () => {
  const at = '2026-12-08T10:00:00.000Z';
  const session = (
    id: string,
    handling: NonNullable<FinishedResult['observed']>['handling'],
    autonomy: 'autonomous' | 'partlyAutonomous' | 'fullySupported' | null,
    triesMatched?: 'yes' | 'partly' | 'no',
  ) =>
    aV2FinishedResult(id, at, {
      mode: 'guided',
      observed: { handling, scam: 'notTaken', icons: 'notTaken', selfReportGap: false },
      observation: { autonomy, themes: ['deviceBasics'], ...(triesMatched ? { triesMatched } : {}) },
    });
  // A week of guided sessions in a library, as the mediator would tell them.
  const week = [
    // Mme A. needed a hand for everything; she missed the 12 mm target: the tries caught it.
    session('a', 'passed1', 'fullySupported', 'yes'),
    // M. B. was slow but got there with help; all three tries passed: the tries missed it.
    session('b', 'passed3', 'partlyAutonomous', 'no'),
    // A student at ease, all passed.
    session('c', 'passed3', 'autonomous', 'yes'),
    // A retired teacher at ease who could not copy the model on the on-screen keyboard: flagged.
    session('d', 'passed2', 'autonomous', 'partly'),
    // Someone who did only the touch try: out of the two-way table (not all three done), and no answer given.
    session('e', 'partlyTaken', 'fullySupported'),
    // A kiosk result: nothing observed by a mediator.
    aV2FinishedResult('f', at, { observed: { handling: 'passed3', scam: 'right3', icons: 'notTaken', selfReportGap: false } }),
  ];

  it('counts the answers and the two-way table of handling against the observed autonomy', () => {
    const counts = fold(week);
    expect(counts.byTriesMatch).toEqual({ yes: 2, partly: 1, no: 1, notSaid: 2 });
    expect(counts.triesCheck).toEqual({ struggledCaught: 1, struggledMissed: 1, atEasePassed: 1, atEaseFlagged: 1 });
    expect(triesAgreement(counts)).toEqual({ agreement: 0.5, sensitivity: 0.5, specificity: 0.5 });
  });

  it('says nothing rather than a rate of nothing when no mediator answered', () => {
    expect(triesAgreement(fold(week.slice(4)))).toEqual({ agreement: null, sensitivity: null, specificity: null });
  });

  it('folds the same in batches as at once', () => {
    expect(fold(week.slice(3), fold(week.slice(0, 3)))).toEqual(fold(week));
  });
});
