import { describe, expect, it } from 'vitest';
import { QUESTIONNAIRE } from '../content/questionnaire';
import { DISTANCE_LEVELS, DISTANCE_RESULTS } from './result';
import { summarizeResult } from './result-summary';
import { scoreProfile } from './score-profile';
import { randomChoice, respond, respondWith, seededRandom } from './testing/respondent';
import { conditionHolds } from './questionnaire-flow';
import { USED_INTERNET_RECENTLY } from '../content/questionnaire';
import {
  HANDLING_TRIES,
  ICONS,
  NOTHING_OBSERVED,
  SCAM_MESSAGES,
  TOUCH_TARGETS_MM,
  TRY_IDS,
  combinedDistance,
  observedCategories,
  observedCeiling,
  observedSteps,
  offeredTries,
  scoreTries,
  seenNotes,
  selfReportGap,
  writeMatches,
  type TouchTarget,
  type TryId,
  type TryOutcome,
  type Tries,
} from './tries';

// Builders: a try as the device would record it.
const targets = (...reached: boolean[]): TouchTarget[] =>
  TOUCH_TARGETS_MM.map((sizeMm, i) => ({ sizeMm, reached: reached[i] ?? true, misses: reached[i] === false ? 3 : 0 }));
const touch = (...reached: boolean[]): TryOutcome => ({ status: 'done', record: { kind: 'touch', targets: targets(...reached), durationMs: 9_000 } });
const scroll = (found: boolean): TryOutcome => ({ status: 'done', record: { kind: 'scroll', found, misses: found ? 0 : 2, durationMs: 12_000 } });
const write = (typed: string): TryOutcome => ({ status: 'done', record: { kind: 'write', matched: writeMatches(typed), corrections: 1, durationMs: 30_000 } });
const scam = (refund: 'click' | 'noClick', parcelFee: 'click' | 'noClick', appointment: 'click' | 'noClick'): TryOutcome => ({
  status: 'done',
  record: { kind: 'scam', answers: { refund, parcelFee, appointment }, durationMs: 40_000 },
});
const icons = (...matched: Array<(typeof ICONS)[number]>): TryOutcome => ({ status: 'done', record: { kind: 'icons', matched, misses: 4 - matched.length, durationMs: 20_000 } });
const skipped: TryOutcome = { status: 'notTaken', reason: 'skipped' };

/** A daily internet user who says they do everything alone (DSI above basic, "Autonome" by self-report). */
const CONFIDENT_USER = respondWith(QUESTIONNAIRE, {
  devices: ['smartphone', 'homeInternet'],
  screenDifficulty: 'none',
  internetUse: 'everyDay',
  'skills.information': ['goodsOrServices', 'news'],
  'skills.communication': ['email', 'calls'],
  'skills.contentCreation': ['wordProcessor', 'spreadsheet', 'editMedia'],
  'skills.safety': ['limitedLocation', 'checkedSecureSite', 'limitedCookies'],
  'skills.problemSolving': ['installedApps', 'banking', 'changedSettings'],
  proceduresHow: 'alone',
  wishToLearn: 'aLittle',
  ageBand: 'from55to64',
}).answers;
describe('the tries\' scores', () => {
  it('are all "non passé" when no try was taken, and a skipped try is never a failure', () => {
    const none = scoreTries({});
    expect(none.handling).toBeNull();
    expect(none.verdicts).toEqual({ touch: 'notTaken', scroll: 'notTaken', write: 'notTaken' });
    expect(none.scam).toBeNull();
    expect(none.icons).toBeNull();
    expect(observedCeiling(none)).toBeNull();
    expect(observedSteps(none)).toEqual([]);
    const allSkipped = scoreTries(Object.fromEntries(TRY_IDS.map((id) => [id, skipped])));
    expect(allSkipped).toEqual(none);
  });

  it('count the handling tries passed out of those done', () => {
    expect(scoreTries({ touch: touch(true, true, true), scroll: scroll(true), write: write('LILAS 21') }).handling).toEqual({ passed: 3, done: 3 });
    expect(scoreTries({ touch: touch(true, true, false), scroll: scroll(true), write: skipped }).handling).toEqual({ passed: 1, done: 2 });
  });

  it('tell a missed small target from a missed large one', () => {
    expect(scoreTries({ touch: touch(true, true, false) }).touch).toBe('smallMissed');
    expect(scoreTries({ touch: touch(true, false, true) }).touch).toBe('largeMissed');
    expect(scoreTries({ touch: touch(false, false, false) }).touch).toBe('largeMissed');
    expect(scoreTries({ touch: touch(true, true, true) }).touch).toBe('allReached');
  });

  it('accept the model copied in any case and with stray spaces, not another text', () => {
    expect(writeMatches('LILAS 21')).toBe(true);
    expect(writeMatches(' lilas   21 ')).toBe(true);
    expect(writeMatches('Lilas 21')).toBe(true);
    expect(writeMatches('LILAS21')).toBe(false);
    expect(writeMatches('LILAS 12')).toBe(false);
    expect(writeMatches('LILAS')).toBe(false);
    expect(writeMatches('')).toBe(false);
  });

  it('give the scam try 0 to 3, where "never click" cannot reach 3 and clicking a scam adds "sécurité"', () => {
    expect(SCAM_MESSAGES.filter((m) => m.scam)).toHaveLength(2);
    const wise = scoreTries({ scam: scam('noClick', 'noClick', 'click') });
    expect(wise.scam).toBe(3);
    expect(wise.clickedScam).toBe(false);
    const alwaysNo = scoreTries({ scam: scam('noClick', 'noClick', 'noClick') });
    expect(alwaysNo.scam).toBe(2);
    expect(alwaysNo.clickedScam).toBe(false);
    expect(observedSteps(alwaysNo)).toEqual([]);
    const alwaysYes = scoreTries({ scam: scam('click', 'click', 'click') });
    expect(alwaysYes.scam).toBe(1);
    expect(alwaysYes.clickedScam).toBe(true);
    expect(observedSteps(alwaysYes)).toEqual(['safety']);
    expect(scoreTries({ scam: scam('click', 'noClick', 'click') }).scam).toBe(2);
  });

  it('count each icon once, only the four of the try', () => {
    expect(scoreTries({ icons: icons('back', 'menu', 'close', 'download') }).icons).toBe(4);
    expect(scoreTries({ icons: icons('back', 'back') }).icons).toBe(1);
    expect(scoreTries({ icons: { status: 'done', record: { kind: 'icons', matched: ['share' as never, 'menu'], misses: 0, durationMs: 1 } } }).icons).toBe(1);
  });
});

describe('what the tries add to the result, on people as a mediator describes them', () => {
  const selfReported = scoreProfile(QUESTIONNAIRE, CONFIDENT_USER);

  it('a daily user who says she does everything alone and taps every target: the result is unchanged, and says it went well', () => {
    expect(selfReported.distanceLevel).toBe('autonomous');
    const scores = scoreTries({ touch: touch(true, true, true), scroll: scroll(true), write: write('lilas 21') });
    expect(combinedDistance(selfReported.distanceLevel, observedCeiling(scores))).toBe('autonomous');
    expect(seenNotes(scores)).toEqual(['handlingWell']);
    expect(summarizeResult(selfReported, CONFIDENT_USER, scores).nextSteps).toEqual(summarizeResult(selfReported, CONFIDENT_USER).nextSteps);
  });

  it('the same person whose finger missed the small 8 mm button: "En apprentissage", a "bases" step, said kindly', () => {
    const scores = scoreTries({ touch: touch(true, true, false), scroll: scroll(true), write: write('LILAS 21') });
    expect(combinedDistance(selfReported.distanceLevel, observedCeiling(scores))).toBe('learning');
    expect(seenNotes(scores)).toEqual(['smallTargetsHard']);
    expect(summarizeResult(selfReported, CONFIDENT_USER, scores).nextSteps[0]).toBe('basics');
    // the Eurostat figures do not move
    expect(selfReported.dsi.overall).toBe('aboveBasic');
    expect(selfReported.illectronism).toBe(false);
    expect(selfReportGap(scores, selfReported.atLeastBasic)).toBe(true);
  });

  it('a man who could not reach the 20 mm target: "Premiers pas", whatever he said', () => {
    const scores = scoreTries({ touch: touch(false, false, false) });
    expect(combinedDistance(selfReported.distanceLevel, observedCeiling(scores))).toBe('firstSteps');
    expect(seenNotes(scores)).toEqual(['targetsHard']);
  });

  it('someone who never went online and skipped every try: nothing seen, nothing changed', () => {
    const answers = respondWith(QUESTIONNAIRE, {
      devices: ['basicPhone'],
      noDeviceWhy: ['dontKnowHow'],
      screenDifficulty: 'skipped',
      internetUse: 'never',
      proceduresHow: 'someoneElse',
      proceduresWhich: ['caf', 'retirement'],
      wishToUseMore: 'maybe',
      wishToLearn: 'aLittle',
      fearOfMistakes: 'veryMuch',
      trust: 'notAtAll',
      helpAround: ['someoneClose'],
      ageBand: 'from75',
    }).answers;
    const profile = scoreProfile(QUESTIONNAIRE, answers);
    const scores = scoreTries({ touch: skipped, scroll: skipped, write: skipped, scam: skipped, icons: skipped });
    expect(combinedDistance(profile.distanceLevel, observedCeiling(scores))).toBe(profile.distanceLevel);
    expect(summarizeResult(profile, answers, scores)).toEqual(summarizeResult(profile, answers));
    expect(seenNotes(scores)).toEqual([]);
    expect(selfReportGap(scores, profile.atLeastBasic)).toBeNull();
  });

  it('a woman who does not want the internet and fails the tries keeps "c\'est votre droit" alone', () => {
    const answers = respondWith(QUESTIONNAIRE, {
      devices: ['basicPhone'],
      noDeviceWhy: ['dontWant'],
      screenDifficulty: 'none',
      internetUse: 'never',
      proceduresHow: 'someoneElse',
      proceduresWhich: ['impots'],
      wishToUseMore: 'no',
      fearOfMistakes: 'quite',
      trust: 'aLittle',
      helpAround: ['someoneClose'],
      ageBand: 'from65to74',
    }).answers;
    const profile = scoreProfile(QUESTIONNAIRE, answers);
    expect(profile.doesNotWant).toBe(true);
    const scores = scoreTries({ touch: touch(true, false, false), scam: scam('click', 'noClick', 'noClick') });
    expect(summarizeResult(profile, answers, scores).nextSteps).toEqual(['yourRight']);
  });

  it('a confident user who would pay the fake parcel fee: "sécurité" comes among the first steps', () => {
    const scores = scoreTries({ touch: touch(true, true, true), scroll: scroll(true), write: write('LILAS 21'), scam: scam('noClick', 'click', 'click') });
    expect(combinedDistance(selfReported.distanceLevel, observedCeiling(scores))).toBe('autonomous');
    expect(summarizeResult(selfReported, CONFIDENT_USER, scores).nextSteps).toContain('safety');
    expect(seenNotes(scores)).toEqual(['scamClicked']);
  });
});

describe('combinedDistance', () => {
  it('takes the lower of what was said and what was seen', () => {
    for (const said of DISTANCE_LEVELS) {
      for (const ceiling of DISTANCE_LEVELS) {
        const combined = combinedDistance(said, ceiling);
        expect(DISTANCE_LEVELS.indexOf(combined as never)).toBe(Math.min(DISTANCE_LEVELS.indexOf(said), DISTANCE_LEVELS.indexOf(ceiling)));
      }
      expect(combinedDistance(said, null)).toBe(said);
    }
  });

  it('keeps an unknown level unknown, unless what was seen is already the lowest level', () => {
    expect(combinedDistance('unknown', null)).toBe('unknown');
    expect(combinedDistance('unknown', 'learning')).toBe('unknown');
    expect(combinedDistance('unknown', 'firstSteps')).toBe('firstSteps');
  });
});

describe('properties', () => {
  const random = seededRandom(20261207);
  const pick = <T,>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const CLICKS = ['click', 'noClick'] as const;
  const randomOutcome = (id: TryId): TryOutcome => {
    switch (id) {
      case 'touch':
        return touch(random() < 0.8, random() < 0.7, random() < 0.6);
      case 'scroll':
        return scroll(random() < 0.7);
      case 'write':
        return write(pick(['LILAS 21', 'lilas 21', 'LILAS', 'LILS 21']));
      case 'scam':
        return scam(pick(CLICKS), pick(CLICKS), pick(CLICKS));
      case 'icons':
        return icons(...ICONS.filter(() => random() < 0.6));
    }
  };
  const people = Array.from({ length: 2_000 }, () => Object.fromEntries(TRY_IDS.map((id) => [id, randomOutcome(id)])) as Tries);

  it('skipping a try never gives a lower level, more steps or a worse score than doing it', () => {
    for (const done of people) {
      for (const id of TRY_IDS) {
        const without: Tries = { ...done, [id]: skipped };
        const scoresDone = scoreTries(done);
        const scoresWithout = scoreTries(without);
        for (const said of DISTANCE_RESULTS) {
          const withTry = combinedDistance(said, observedCeiling(scoresDone));
          const withoutTry = combinedDistance(said, observedCeiling(scoresWithout));
          if (withTry !== 'unknown' && withoutTry !== 'unknown') {
            expect(DISTANCE_LEVELS.indexOf(withoutTry)).toBeGreaterThanOrEqual(DISTANCE_LEVELS.indexOf(withTry));
          }
        }
        for (const step of observedSteps(scoresWithout)) expect(observedSteps(scoresDone)).toContain(step);
        for (const handling of HANDLING_TRIES) {
          if (scoresWithout.verdicts[handling] === 'failed') expect(scoresDone.verdicts[handling]).toBe('failed');
        }
        expect(scoresWithout.verdicts[id as never] ?? 'notTaken').not.toBe('failed');
      }
    }
  });

  it('the tries never change the Eurostat DSI or illectronisme: they are not an input of scoreProfile', () => {
    // scoreProfile takes the answers only; the tries have no way in. This guards the signature itself.
    expect(scoreProfile.length).toBe(2);
    expect(scoreProfile(QUESTIONNAIRE, CONFIDENT_USER)).toEqual(scoreProfile(QUESTIONNAIRE, CONFIDENT_USER, {}));
  });
});

describe('the path with the tries', () => {
  it('stays at 22 screens at most: questions, and one screen per try offered (the icons only to people not online lately)', () => {
    const random = seededRandom(15);
    const choose = randomChoice(random);
    let longest = 0;
    for (let i = 0; i < 5_000; i += 1) {
      const { answers, screens } = respond(QUESTIONNAIRE, choose);
      const recent = conditionHolds(USED_INTERNET_RECENTLY, answers);
      longest = Math.max(longest, screens.length + offeredTries(recent).length);
    }
    expect(longest).toBeLessThanOrEqual(22);
    expect(offeredTries(false)).toEqual(TRY_IDS);
    expect(offeredTries(true)).not.toContain('icons');
  });
});

describe('what a result keeps of the tries for the counts (observedCategories)', () => {
  const all = (tries: Tries, atLeastBasic: boolean) => observedCategories(scoreTries(tries), atLeastBasic);

  it('scores handling among the people who did all three, and says who did only part of them', () => {
    // A confident user who did everything well.
    expect(all({ touch: touch(true, true, true), scroll: scroll(true), write: write('lilas 21'), scam: scam('noClick', 'noClick', 'click') }, true)).toEqual({
      handling: 'passed3',
      scam: 'right3',
      icons: 'notTaken',
      selfReportGap: false,
    });
    // The same person missing the 8 mm target: 2 of 3, and in the gap since they said basic skills.
    expect(all({ touch: touch(true, true, false), scroll: scroll(true), write: write('LILAS 21') }, true)).toMatchObject({ handling: 'passed2', selfReportGap: true });
    // A man who tapped the three targets, then skipped: one try done, not a score of 1 of 3.
    expect(all({ touch: touch(true, true, true), scroll: skipped, write: skipped }, false)).toMatchObject({ handling: 'partlyTaken', selfReportGap: false });
    // Someone who skipped everything: nothing observed, nothing counted against them.
    expect(all({ touch: skipped, scroll: skipped, write: skipped, scam: skipped }, true)).toEqual(NOTHING_OBSERVED);
  });

  it('puts in the gap only people who said basic skills or above and did not pass a try they did', () => {
    const failed = { touch: touch(false, true, true), scroll: scroll(false), write: write('LILA') };
    expect(all(failed, true).selfReportGap).toBe(true);
    // Saying little, then struggling: what they said, not a gap.
    expect(all(failed, false).selfReportGap).toBe(false);
    expect(all(failed, false).handling).toBe('passed0');
  });

  it('counts the scam and icon scores as the result screen does', () => {
    expect(all({ scam: scam('click', 'noClick', 'click') }, false).scam).toBe('right2');
    expect(all({ scam: scam('noClick', 'noClick', 'noClick') }, false).scam).toBe('right2');
    expect(all({ icons: icons('back', 'menu', 'close') }, false).icons).toBe('matched3');
  });
});
