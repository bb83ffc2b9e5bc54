import { describe, expect, it } from 'vitest';
import { QUESTIONNAIRE } from '../content/questionnaire';
import { NATIONAL_SERVICES, SPECIFIC_SUPPORT } from './national-vocabulary';
import { QuestionnaireError } from './questionnaire-flow';
import { DSI_AREAS, NONE } from './questionnaire';
import { scoreProfile } from './score-profile';
import { randomChoice, respond, respondWith, seededRandom } from './testing/respondent';

// The golden table of people worked out by hand from docs/SCORING.md is in score-profile.golden.test.ts.

const Q = QUESTIONNAIRE;
const errorOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a QuestionnaireError');
};
/** A daily user, good at everything, who does their procedures alone. */
const confident = () =>
  respondWith(Q, {
    devices: ['computer', 'smartphone', 'homeInternet'],
    screenDifficulty: NONE,
    internetUse: 'everyDay',
    'skills.information': ['goodsOrServices', 'news'],
    'skills.communication': ['email', 'messaging'],
    'skills.contentCreation': ['wordProcessor', 'spreadsheet', 'moveFiles'],
    'skills.safety': ['readPrivacyPolicy', 'limitedLocation', 'checkedSecureSite'],
    'skills.problemSolving': ['installedApps', 'boughtOnline', 'banking'],
    proceduresHow: 'alone',
    wishToLearn: 'aLittle',
    ageBand: 'from35to44',
  }).answers;

describe('scoreProfile: bad input', () => {
  it('throws a typed error on an unknown question id', () => {
    expect(errorOf(() => scoreProfile(Q, { ...confident(), favouriteColour: 'blue' }))).toMatchObject({ code: 'unknownQuestion' });
  });

  it('throws a typed error on an unknown option id on the path', () => {
    const error = errorOf(() => scoreProfile(Q, { ...confident(), internetUse: 'sometimes' }));
    expect(error).toBeInstanceOf(QuestionnaireError);
    expect(error).toMatchObject({ code: 'unknownOption', questionId: 'internetUse' });
  });

  it('refuses a version-1 answer shape rather than read it as a zero: an empty tick list, an option v2 split', () => {
    expect(errorOf(() => scoreProfile(Q, { ...confident(), 'skills.safety': [] }))).toMatchObject({ code: 'invalidAnswer', questionId: 'skills.safety' });
    expect(errorOf(() => scoreProfile(Q, { ...confident(), 'skills.safety': ['limitedTracking'] }))).toMatchObject({ code: 'unknownOption' });
    expect(errorOf(() => scoreProfile(Q, { ...confident(), internetUse: 'notInLast3Months' }))).toMatchObject({ code: 'unknownOption' });
  });

  it('refuses "none of these" where the screen has no such answer, and "none" mixed into ticks', () => {
    expect(errorOf(() => scoreProfile(Q, { ...confident(), internetUse: NONE }))).toMatchObject({ code: 'invalidAnswer' });
    expect(errorOf(() => scoreProfile(Q, { ...confident(), 'skills.safety': ['none'] }))).toMatchObject({ code: 'unknownOption' });
  });

  it('ignores answers to questions that are not on the path (they cannot change the result)', () => {
    const answers = confident();
    // usesApps is asked only to smartphone owners who say they did not use the internet
    expect(scoreProfile(Q, { ...answers, usesApps: 'no' })).toEqual(scoreProfile(Q, answers));
  });
});

describe('scoreProfile: what the profile holds', () => {
  it('every need is a real value of the national vocabulary, for thousands of random people', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 2000; i += 1) {
      const { answers } = respond(Q, randomChoice(random));
      const profile = scoreProfile(Q, answers, { language: random() < 0.5 ? 'fr' : 'ar' });
      for (const service of profile.needs.services) expect(NATIONAL_SERVICES).toContain(service);
      for (const support of profile.needs.specificSupport) expect(SPECIFIC_SUPPORT).toContain(support);
      // "Illettrisme" only in French: someone taking the questionnaire in Arabic needs a language, not literacy
      if (profile.needs.specificSupport.includes('Illettrisme')) expect(answers.screenDifficulty).not.toContain('french');
      for (const area of DSI_AREAS) {
        if (profile.usedInternetLast3Months !== true) expect(profile.dsi.areas[area]).toBe('notAssessed');
      }
    }
  });
});
