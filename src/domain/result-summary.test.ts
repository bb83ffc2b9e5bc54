import { describe, expect, it } from 'vitest';
import { QUESTIONNAIRE } from '../content/questionnaire';
import { DSI_AREAS, NONE } from './questionnaire';
import { MAX_NEXT_STEPS, summarizeResult } from './result-summary';
import { scoreProfile } from './score-profile';
import { firstActivities, randomChoice, respond, respondWith, seededRandom } from './testing/respondent';

const Q = QUESTIONNAIRE;
const skills = (...counts: number[]) =>
  Object.fromEntries(
    DSI_AREAS.map((area, i) => [`skills.${area}`, counts[i] === 0 ? NONE : firstActivities(Q, `skills.${area}`, counts[i]!)]),
  );
const summaryOf = (table: Record<string, unknown>) => {
  const { answers } = respondWith(Q, table as never);
  return summarizeResult(scoreProfile(Q, answers), answers);
};

describe('summarizeResult', () => {
  it('starts with what the person does best, then gives the most useful steps', () => {
    const summary = summaryOf({
      devices: ['smartphone', 'homeInternet'], internetUse: 'everyWeek', ...skills(2, 1, 0, 0, 1),
      proceduresHow: 'withHelp', proceduresWhich: ['caf'], wishToUseMore: 'yes', wishToLearn: 'quite', fearOfMistakes: 'aLittle',
      trust: 'quite', helpAround: ['knowsPlace'],
    });
    expect(summary.strengths).toEqual(['area.information', 'area.communication', 'area.problemSolving', 'hasDevice']);
    expect(summary.nextSteps).toEqual(['procedures', 'basics', 'safety']);
  });

  it('respects "do not want": only their right and the human paths, no learning, equipment or free-access step', () => {
    const summary = summaryOf({
      devices: NONE, noDeviceWhy: ['dontWant'], internetUse: 'never', proceduresHow: 'someoneElse', proceduresWhich: ['impots'],
      wishToUseMore: 'no', fearOfMistakes: 'notAtAll', trust: 'quite', helpAround: ['someoneClose'],
    });
    expect(summary.nextSteps).toEqual(['yourRight']);
    expect(summary.strengths).toEqual(['hasSomeoneClose']);
  });

  it('starts with going over the questions with a mediator when the level cannot be placed', () => {
    const summary = summaryOf({
      devices: ['smartphone'], costBarrier: 'no', internetUse: 'everyDay', ...Object.fromEntries(DSI_AREAS.map((a) => [`skills.${a}`, 'dontKnow'])),
      proceduresHow: 'alone', wishToLearn: 'aLittle',
    });
    expect(summary.nextSteps[0]).toBe('checkWithMediator');
    expect(summary.strengths).toEqual(['proceduresAlone', 'usesInternet', 'hasDevice']);
  });

  it('finds a strength for everyone, and two or three steps', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 300; i += 1) {
      const { answers } = respond(Q, randomChoice(random));
      const { strengths, nextSteps } = summarizeResult(scoreProfile(Q, answers), answers);
      expect(strengths.length).toBeGreaterThan(0);
      expect(nextSteps.length).toBeLessThanOrEqual(MAX_NEXT_STEPS);
      expect(nextSteps.length === 1 ? nextSteps[0] : 'two or more').toMatch(/yourRight|delegation|checkWithMediator|two or more/);
      expect(new Set(nextSteps).size).toBe(nextSteps.length);
    }
  });

  it('gives an autonomous person something to do next too', () => {
    const summary = summaryOf({
      devices: ['computer', 'homeInternet'], internetUse: 'everyDay', ...skills(2, 2, 3, 3, 3), proceduresHow: 'alone', wishToLearn: 'veryMuch',
    });
    expect(summary.nextSteps).toEqual(['keepLearning', 'helpOthers']);
    expect(summary.strengths[0]).toBe('proceduresAlone');
  });
});
