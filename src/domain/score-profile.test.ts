import { describe, expect, it } from 'vitest';
import { QUESTIONNAIRE } from '../content/questionnaire';
import type { Language } from './language';
import { NATIONAL_SERVICES, SPECIFIC_SUPPORT } from './national-vocabulary';
import { DONT_KNOW, DSI_AREAS, SKIPPED, type AnswerValue, type Answers } from './questionnaire';
import { QuestionnaireError, answerQuestion, pathOf } from './questionnaire-flow';
import { DISTANCE_LEVELS } from './result';
import { scoreProfile, type Profile } from './score-profile';
import { firstActivities, randomChoice, respond, respondWith, seededRandom } from './testing/respondent';

const Q = QUESTIONNAIRE;

/** Ticks the first n activities of each DSI area, in the order information, communication, content, safety, problems. */
const skills = (...counts: [number, number, number, number, number]) =>
  Object.fromEntries(DSI_AREAS.map((area, i) => [`skills.${area}`, firstActivities(Q, `skills.${area}`, counts[i]!)]));
const dontKnowSkills = Object.fromEntries(DSI_AREAS.map((area) => [`skills.${area}`, DONT_KNOW]));

const S = {
  aide: 'Aide aux démarches administratives',
  maitrise: 'Maîtrise des outils numériques du quotidien',
  insertion: 'Insertion professionnelle via le numérique',
  securise: 'Utilisation sécurisée du numérique',
  loisirs: 'Loisirs et créations numériques',
  comprehension: 'Compréhension du monde numérique',
  acces: 'Accès internet et matériel informatique',
  acquisition: 'Acquisition de matériel informatique à prix solidaire',
} as const;

interface Expected {
  distance: Profile['distanceLevel'];
  overall: Profile['dsi']['overall'];
  illectronism: boolean;
  barriers: Profile['barriers'];
  autonomy: Profile['procedures']['autonomy'];
  services: readonly string[];
  support?: readonly string[];
  delegation?: boolean;
}

// Golden table: each row is a person described by their answers, and the result worked out by hand from
// docs/SCORING.md (not by running the code).
const GOLDEN: Array<[string, Record<string, AnswerValue>, Expected, Language?]> = [
  ['never online, no device, someone does the procedures, a little wish, in person preferred',
    { devices: [], costBarrier: 'yes', internetUse: 'never', proceduresHow: 'someoneElse', proceduresWhich: ['caf', 'ameli'], wishToLearn: 'aLittle', fearOfMistakes: 'veryMuch', trust: 'notAtAll', prefersInPerson: 'veryMuch', helpAround: ['someoneClose'], ageBand: 'from75' },
    { distance: 'firstSteps', overall: 'notAssessed', illectronism: true, barriers: ['access', 'skills', 'confidence', 'motivation'], autonomy: 'fullySupported', services: [S.aide, S.maitrise, S.comprehension, S.acces, S.acquisition], delegation: true }],
  ['daily user above basic everywhere, procedures alone',
    { devices: ['smartphone', 'computer', 'homeInternet', 'email'], internetUse: 'everyDay', ...skills(2, 2, 3, 3, 3), proceduresHow: 'alone', wishToLearn: 'quite', ageBand: 'from25to34' },
    { distance: 'autonomous', overall: 'aboveBasic', illectronism: false, barriers: [], autonomy: 'autonomous', services: [] }],
  ['weekly user basic everywhere, procedures with help',
    { devices: ['smartphone', 'homeInternet'], internetUse: 'everyWeek', ...skills(1, 1, 1, 1, 1), proceduresHow: 'withHelp', proceduresWhich: ['impots'], wishToLearn: 'veryMuch', fearOfMistakes: 'aLittle', helpAround: ['knowsPlace'], ageBand: 'from45to54' },
    { distance: 'nearlyAutonomous', overall: 'basic', illectronism: false, barriers: [], autonomy: 'partlyAutonomous', services: [S.aide, S.securise] }],
  ['low overall (no content creation), smartphone only, keen to learn',
    { devices: ['smartphone'], costBarrier: 'no', internetUse: 'everyDay', ...skills(2, 2, 0, 1, 1), proceduresHow: 'alone', wishToLearn: 'quite', ageBand: 'from16to24' },
    { distance: 'nearlyAutonomous', overall: 'low', illectronism: false, barriers: ['skills'], autonomy: 'autonomous', services: [S.maitrise, S.securise, S.loisirs] }],
  ['narrow overall, does not want to learn, everything done for them',
    { devices: ['smartphone', 'homeInternet'], internetUse: 'lessOften', ...skills(1, 1, 1, 0, 0), proceduresHow: 'someoneElse', proceduresWhich: ['caf', 'impots', 'ameli', 'franceTravail', 'ants'], wishToLearn: 'notAtAll', fearOfMistakes: 'quite', trust: 'aLittle', prefersInPerson: 'veryMuch', helpAround: [], ageBand: 'from55to64' },
    { distance: 'learning', overall: 'narrow', illectronism: false, barriers: ['skills', 'confidence', 'motivation'], autonomy: 'fullySupported', services: [S.aide, S.insertion, S.securise, S.comprehension], delegation: true }],
  ['limited overall, afraid, keen to learn',
    { devices: ['smartphone', 'homeInternet', 'email'], internetUse: 'everyDay', ...skills(0, 2, 0, 0, 1), proceduresHow: 'withHelp', proceduresWhich: ['ants'], wishToLearn: 'quite', fearOfMistakes: 'veryMuch', helpAround: ['someoneClose', 'knowsPlace'], ageBand: 'from35to44' },
    { distance: 'learning', overall: 'limited', illectronism: false, barriers: ['skills', 'confidence'], autonomy: 'partlyAutonomous', services: [S.aide, S.maitrise, S.securise, S.loisirs, S.comprehension] }],
  ['user with one area only: no overall skills, illectronism',
    { devices: ['smartphone'], costBarrier: DONT_KNOW, internetUse: 'everyWeek', ...skills(1, 0, 0, 0, 0), proceduresHow: 'never', wishToLearn: 'aLittle', trust: 'quite', prefersInPerson: 'notAtAll', ageBand: 'under16' },
    { distance: 'firstSteps', overall: 'no', illectronism: true, barriers: ['skills'], autonomy: null, services: [S.maitrise, S.securise] }],
  ['not online for 3 months, computer and box at home, keen to learn',
    { devices: ['computer', 'homeInternet'], internetUse: 'notInLast3Months', proceduresHow: 'never', wishToLearn: 'veryMuch', fearOfMistakes: 'aLittle', trust: 'quite', helpAround: [], ageBand: 'from65to74' },
    { distance: 'firstSteps', overall: 'notAssessed', illectronism: true, barriers: ['skills'], autonomy: null, services: [S.maitrise] }],
  ['never online and does not want to: delegation',
    { devices: ['smartphone'], costBarrier: 'no', internetUse: 'never', proceduresHow: 'someoneElse', proceduresWhich: ['impots'], wishToLearn: 'notAtAll', fearOfMistakes: 'notAtAll', trust: 'notAtAll', prefersInPerson: 'veryMuch', helpAround: ['someoneClose'], ageBand: 'from75' },
    { distance: 'firstSteps', overall: 'notAssessed', illectronism: true, barriers: ['skills', 'motivation'], autonomy: 'fullySupported', services: [S.aide, S.comprehension], delegation: true }],
  ['daily user who answers "I don\'t know" on every skill screen',
    { devices: ['smartphone', 'computer', 'homeInternet'], internetUse: 'everyDay', ...dontKnowSkills, proceduresHow: 'alone', wishToLearn: 'quite' },
    { distance: 'firstSteps', overall: 'no', illectronism: true, barriers: ['skills'], autonomy: 'autonomous', services: [S.maitrise, S.securise, S.loisirs] }],
  ['does not know whether they used the internet, tablet without a box',
    { devices: ['tablet'], costBarrier: 'no', internetUse: DONT_KNOW, proceduresHow: DONT_KNOW, wishToLearn: 'quite', fearOfMistakes: 'aLittle', trust: 'quite', helpAround: [] },
    { distance: 'firstSteps', overall: 'notAssessed', illectronism: true, barriers: ['access', 'skills'], autonomy: null, services: [S.aide, S.maitrise, S.acces] }],
  ['hard of hearing, reads with difficulty, chose Arabic, above basic',
    { devices: ['smartphone', 'homeInternet'], screenDifficulty: ['hearing', 'reading'], internetUse: 'everyWeek', ...skills(2, 2, 3, 3, 3), proceduresHow: 'alone', wishToLearn: 'quite' },
    { distance: 'autonomous', overall: 'aboveBasic', illectronism: false, barriers: ['access'], autonomy: 'autonomous', services: [], support: ['Surdité', 'Illettrisme', 'Langues étrangères (autres)'] },
    'ar'],
  ['English speaker who finds French hard',
    { devices: ['smartphone', 'computer', 'homeInternet', 'email'], screenDifficulty: ['french'], internetUse: 'everyDay', ...skills(2, 2, 3, 3, 3), proceduresHow: 'alone', wishToLearn: 'quite', ageBand: 'from25to34' },
    { distance: 'autonomous', overall: 'aboveBasic', illectronism: false, barriers: [], autonomy: 'autonomous', services: [], support: ['Langues étrangères (anglais)'] },
    'en'],
  ['no device of their own, price blocks, uses the internet at the library',
    { devices: ['email'], costBarrier: 'yes', internetUse: 'lessOften', ...skills(1, 1, 0, 0, 0), proceduresHow: 'withHelp', proceduresWhich: ['caf'], wishToLearn: 'quite', fearOfMistakes: 'quite', helpAround: ['knowsPlace'], ageBand: 'from25to34' },
    { distance: 'learning', overall: 'limited', illectronism: false, barriers: ['access', 'skills', 'confidence'], autonomy: 'partlyAutonomous', services: [S.aide, S.maitrise, S.securise, S.loisirs, S.comprehension, S.acces, S.acquisition] }],
  ['basic skills but someone does the procedures, prefers a counter',
    { devices: ['smartphone', 'homeInternet'], internetUse: 'everyWeek', ...skills(1, 1, 1, 1, 1), proceduresHow: 'someoneElse', proceduresWhich: ['ants'], wishToLearn: 'aLittle', fearOfMistakes: 'notAtAll', trust: 'aLittle', prefersInPerson: 'quite', helpAround: ['someoneClose'], ageBand: 'from45to54' },
    { distance: 'nearlyAutonomous', overall: 'basic', illectronism: false, barriers: ['motivation'], autonomy: 'fullySupported', services: [S.aide, S.securise, S.comprehension], delegation: true }],
  ['above basic, never needed procedures, not interested in learning more',
    { devices: ['smartphone', 'computer', 'tablet', 'homeInternet', 'email'], internetUse: 'everyDay', ...skills(2, 2, 3, 3, 3), proceduresHow: 'never', wishToLearn: 'notAtAll', trust: 'quite', prefersInPerson: 'aLittle', ageBand: 'from25to34' },
    { distance: 'autonomous', overall: 'aboveBasic', illectronism: false, barriers: ['motivation'], autonomy: null, services: [], delegation: false }],
  ['strong everywhere but safety: low',
    { devices: ['computer', 'homeInternet'], internetUse: 'everyDay', ...skills(2, 2, 3, 0, 3), proceduresHow: 'alone', wishToLearn: 'veryMuch', ageBand: 'from35to44' },
    { distance: 'nearlyAutonomous', overall: 'low', illectronism: false, barriers: ['skills'], autonomy: 'autonomous', services: [S.maitrise, S.securise] }],
  ['poor sight, hands and concentration, no device, never online',
    { devices: [], costBarrier: 'no', screenDifficulty: ['sight', 'hands', 'concentration'], internetUse: 'never', proceduresHow: 'withHelp', proceduresWhich: ['ameli'], wishToLearn: 'quite', fearOfMistakes: 'quite', trust: 'aLittle', helpAround: ['someoneClose'], ageBand: 'from65to74' },
    { distance: 'firstSteps', overall: 'notAssessed', illectronism: true, barriers: ['access', 'skills', 'confidence'], autonomy: 'partlyAutonomous', services: [S.aide, S.maitrise, S.comprehension, S.acces, S.acquisition], support: ['Handicaps moteurs', 'Handicaps mentaux', 'Déficience visuelle'] }],
  ['skips the optional questions',
    { devices: ['smartphone', 'homeInternet'], screenDifficulty: SKIPPED, internetUse: 'everyWeek', ...skills(1, 1, 1, 1, 1), proceduresHow: 'withHelp', proceduresWhich: ['impots'], wishToLearn: 'veryMuch', fearOfMistakes: 'aLittle', helpAround: ['knowsPlace'], ageBand: SKIPPED },
    { distance: 'nearlyAutonomous', overall: 'basic', illectronism: false, barriers: [], autonomy: 'partlyAutonomous', services: [S.aide, S.securise], support: [] }],
  ['basic skills, does not know how procedures are done',
    { devices: ['smartphone', 'homeInternet'], internetUse: 'everyDay', ...skills(1, 1, 1, 1, 1), proceduresHow: DONT_KNOW, wishToLearn: 'quite', fearOfMistakes: 'aLittle', helpAround: [], ageBand: 'from16to24' },
    { distance: 'autonomous', overall: 'basic', illectronism: false, barriers: [], autonomy: null, services: [S.aide, S.securise] }],
  ['does not know what devices they have, narrow',
    { devices: DONT_KNOW, costBarrier: DONT_KNOW, internetUse: 'everyWeek', ...skills(0, 1, 1, 1, 0), proceduresHow: 'alone', wishToLearn: 'quite', ageBand: 'from55to64' },
    { distance: 'learning', overall: 'narrow', illectronism: false, barriers: ['skills'], autonomy: 'autonomous', services: [S.maitrise, S.securise] }],
  ['one area at basic only: at the INSEE boundary',
    { devices: ['smartphone', 'homeInternet'], internetUse: 'lessOften', ...skills(0, 0, 0, 0, 2), proceduresHow: 'withHelp', proceduresWhich: ['caf'], wishToLearn: 'quite', fearOfMistakes: 'aLittle', helpAround: ['someoneClose'], ageBand: 'from65to74' },
    { distance: 'firstSteps', overall: 'no', illectronism: true, barriers: ['skills'], autonomy: 'partlyAutonomous', services: [S.aide, S.maitrise, S.securise, S.loisirs] }],
  ['two areas at basic: limited, not illectronism',
    { devices: ['smartphone', 'homeInternet'], internetUse: 'everyDay', ...skills(0, 0, 0, 1, 2), proceduresHow: 'alone', wishToLearn: 'aLittle', trust: 'quite', prefersInPerson: 'notAtAll', ageBand: 'from16to24' },
    { distance: 'learning', overall: 'limited', illectronism: false, barriers: ['skills'], autonomy: 'autonomous', services: [S.maitrise, S.securise] }],
  ['every activity ticked, in Spanish',
    { devices: ['smartphone', 'computer', 'tablet', 'homeInternet', 'email'], internetUse: 'everyDay', ...skills(4, 6, 7, 7, 7), proceduresHow: 'alone', wishToLearn: 'veryMuch', ageBand: 'from25to34' },
    { distance: 'autonomous', overall: 'aboveBasic', illectronism: false, barriers: [], autonomy: 'autonomous', services: [], support: ['Langues étrangères (autres)'] },
    'es'],
  ['job seeker with help, low skills in content',
    { devices: ['smartphone', 'homeInternet'], internetUse: 'everyWeek', ...skills(2, 2, 0, 3, 3), proceduresHow: 'withHelp', proceduresWhich: ['franceTravail'], wishToLearn: 'veryMuch', fearOfMistakes: 'notAtAll', helpAround: ['knowsPlace'], ageBand: 'from25to34' },
    { distance: 'nearlyAutonomous', overall: 'low', illectronism: false, barriers: ['skills'], autonomy: 'partlyAutonomous', services: [S.aide, S.maitrise, S.insertion, S.loisirs] }],
  ['mistrustful non-user who would like to learn a little',
    { devices: ['smartphone', 'homeInternet'], internetUse: 'notInLast3Months', proceduresHow: 'withHelp', proceduresWhich: ['ameli'], wishToLearn: 'aLittle', fearOfMistakes: 'aLittle', trust: 'notAtAll', prefersInPerson: 'aLittle', helpAround: ['someoneClose'], ageBand: 'from55to64' },
    { distance: 'firstSteps', overall: 'notAssessed', illectronism: true, barriers: ['skills', 'motivation'], autonomy: 'partlyAutonomous', services: [S.aide, S.maitrise, S.comprehension], delegation: false }],
];

describe('scoreProfile: golden table', () => {
  it('has at least 25 answer sets', () => {
    expect(GOLDEN.length).toBeGreaterThanOrEqual(25);
  });

  it.each(GOLDEN)('%s', (_, table, expected, language) => {
    const { answers } = respondWith(Q, table);
    const profile = scoreProfile(Q, answers, { language: language ?? 'fr' });
    expect({
      distance: profile.distanceLevel,
      overall: profile.dsi.overall,
      illectronism: profile.illectronism,
      barriers: profile.barriers,
      autonomy: profile.procedures.autonomy,
      services: profile.needs.services,
      ...(expected.support ? { support: profile.needs.specificSupport } : {}),
      ...(expected.delegation !== undefined ? { delegation: profile.needs.delegation } : {}),
    }).toEqual(expected);
  });

  it("the median path of the golden people is at most 14 screens", () => {
    const lengths = GOLDEN.map(([, table]) => respondWith(Q, table).screens.length).sort((a, b) => a - b);
    expect(lengths[Math.floor(lengths.length / 2)]).toBeLessThanOrEqual(14);
  });
});

// Random but valid respondents, the same on every run.
const random = seededRandom(20261129);
const RESPONDENTS = Array.from({ length: 400 }, () => respond(Q, randomChoice(random)).answers);
const LANGUAGES: Language[] = ['fr', 'en', 'ar', 'uk'];

describe('scoreProfile: properties', () => {
  it('no internet use in the last 3 months means first steps and illectronism', () => {
    const nonUsers = RESPONDENTS.filter((a) => ['never', 'notInLast3Months', DONT_KNOW].includes(a.internetUse as string));
    expect(nonUsers.length).toBeGreaterThan(20);
    for (const answers of nonUsers) {
      const profile = scoreProfile(Q, answers);
      expect(profile.distanceLevel).toBe('firstSteps');
      expect(profile.illectronism).toBe(true);
      expect(profile.dsi.overall).toBe('notAssessed');
    }
  });

  it('more activities never make the distance larger', () => {
    const rank = (p: Profile) => DISTANCE_LEVELS.indexOf(p.distanceLevel);
    let checked = 0;
    for (const answers of RESPONDENTS) {
      for (const area of DSI_AREAS) {
        const id = `skills.${area}`;
        if (!pathOf(Q, answers).some((q) => q.id === id)) continue;
        const ticked = Array.isArray(answers[id]) ? (answers[id] as string[]) : [];
        const untickedOption = Q.questions.find((q) => q.id === id)!.options.find((o) => !ticked.includes(o.id));
        if (!untickedOption) continue;
        const more = answerQuestion(Q, answers, id, [...ticked, untickedOption.id]);
        expect(rank(scoreProfile(Q, more))).toBeGreaterThanOrEqual(rank(scoreProfile(Q, answers)));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('every need is a real value of the national vocabulary', () => {
    for (const [i, answers] of RESPONDENTS.entries()) {
      const { needs } = scoreProfile(Q, answers, { language: LANGUAGES[i % LANGUAGES.length] });
      for (const s of needs.services) expect(NATIONAL_SERVICES).toContain(s);
      for (const s of needs.specificSupport) expect(SPECIFIC_SUPPORT).toContain(s);
    }
  });

  it('is deterministic and does not depend on the order the answers are stored in', () => {
    for (const answers of RESPONDENTS.slice(0, 100)) {
      const reversed: Answers = Object.fromEntries(Object.entries(answers).reverse());
      expect(scoreProfile(Q, reversed)).toEqual(scoreProfile(Q, answers));
      expect(scoreProfile(Q, answers)).toEqual(scoreProfile(Q, structuredClone(answers)));
    }
  });
});

describe('scoreProfile: bad input', () => {
  it('throws a typed error on an unknown question id', () => {
    const { answers } = respondWith(Q, GOLDEN[1]![1]);
    expect(() => scoreProfile(Q, { ...answers, mystery: 'x' })).toThrow(QuestionnaireError);
  });

  it('throws a typed error on an unknown option id on the path', () => {
    const { answers } = respondWith(Q, GOLDEN[1]![1]);
    expect(() => scoreProfile(Q, { ...answers, internetUse: 'sometimes' })).toThrowError(/unknownOption/);
    expect(() => scoreProfile(Q, { ...answers, 'skills.safety': ['readPrivacyPolicy', 'hackedNasa'] })).toThrowError(/unknownOption/);
  });

  it('ignores answers to questions that are not on the path (they cannot change the result)', () => {
    const { answers } = respondWith(Q, GOLDEN[7]![1]);
    const withStray = { ...answers, 'skills.information': ['news', 'health'], prefersInPerson: 'veryMuch' };
    expect(scoreProfile(Q, withStray)).toEqual(scoreProfile(Q, answers));
  });
});
