import type { Condition, DsiArea, Question, QuestionKind, QuestionOption, Questionnaire } from '../domain/questionnaire';

/**
 * The Repère questionnaire, version 1. One question per screen, in this order; `showIf` looks back only.
 * Activities of the skill screens: Eurostat ICT usage survey model questionnaire (2021 onwards), in plain words.
 * Never edit a shipped version in place: change the version, and sessions started on the old one are reconciled.
 */
export const QUESTIONNAIRE_VERSION = '1';

const option = (question: string, id: string, pictogram: string, showIf?: Condition): QuestionOption => ({
  id,
  labelKey: `questions.${question}.options.${id}`,
  pictogram,
  ...(showIf ? { showIf } : {}),
});

function question(
  id: string,
  kind: QuestionKind,
  fields: Omit<Question, 'id' | 'kind' | 'titleKey' | 'options'> & {
    options: ReadonlyArray<readonly [string, string] | readonly [string, string, Condition]>;
    hint?: boolean;
  },
): Question {
  const { options, hint, ...rest } = fields;
  return {
    id,
    kind,
    titleKey: `questions.${id}.title`,
    ...(hint ? { hintKey: `questions.${id}.hint` } : {}),
    ...rest,
    options: options.map(([optionId, pictogram, showIf]) => option(id, optionId, pictogram, showIf)),
  };
}

const SCALE_4 = [
  ['notAtAll', 'signal-zero'],
  ['aLittle', 'signal-low'],
  ['quite', 'signal-medium'],
  ['veryMuch', 'signal-high'],
] as const;

const YES_NO = [
  ['yes', 'check'],
  ['no', 'x'],
] as const;

/** Someone who used the internet in the last 3 months: they get the five skill screens. */
export const USED_INTERNET_RECENTLY: Condition = {
  question: 'internetUse',
  anyOf: ['everyDay', 'everyWeek', 'lessOften'],
};

/** Someone who may need help: not a regular user doing their procedures alone. */
const MAY_NEED_HELP: Condition = {
  any: [
    { question: 'internetUse', anyOf: ['lessOften', 'notInLast3Months', 'never', 'dontKnow'] },
    { question: 'proceduresHow', anyOf: ['withHelp', 'someoneElse', 'dontKnow'] },
  ],
};

/** Someone not keen to learn (or unsure): trust and the wish for a face-to-face counter matter for them. */
const NOT_KEEN_TO_LEARN: Condition = { question: 'wishToLearn', anyOf: ['notAtAll', 'aLittle', 'dontKnow'] };

const skills = (area: DsiArea, activities: ReadonlyArray<readonly [string, string]>, pictogram: string): Question =>
  question(`skills.${area}`, 'multipleChoice', {
    dimension: 'skills',
    area,
    pictogram,
    hint: true,
    showIf: USED_INTERNET_RECENTLY,
    options: activities,
  });

export const QUESTIONNAIRE: Questionnaire = {
  version: QUESTIONNAIRE_VERSION,
  questions: [
    // Access
    question('devices', 'multipleChoice', {
      dimension: 'access',
      pictogram: 'smartphone',
      hint: true,
      options: [
        ['smartphone', 'smartphone'],
        ['computer', 'laptop'],
        ['tablet', 'tablet'],
        ['homeInternet', 'wifi'],
        ['email', 'mail'],
      ],
    }),
    question('costBarrier', 'yesNo', {
      dimension: 'access',
      pictogram: 'piggy-bank',
      showIf: {
        any: [
          { question: 'devices', includesNone: ['smartphone', 'computer', 'tablet'] },
          { question: 'devices', includesNone: ['homeInternet'] },
        ],
      },
      options: YES_NO,
    }),
    question('screenDifficulty', 'multipleChoice', {
      dimension: 'access',
      pictogram: 'accessibility',
      hint: true,
      optional: true,
      options: [
        ['sight', 'eye'],
        ['hearing', 'ear'],
        ['hands', 'hand'],
        ['reading', 'book-open'],
        ['french', 'languages'],
        ['concentration', 'brain'],
      ],
    }),
    // Use
    question('internetUse', 'singleChoice', {
      dimension: 'use',
      pictogram: 'globe',
      options: [
        ['everyDay', 'calendar-check'],
        ['everyWeek', 'calendar-days'],
        ['lessOften', 'calendar'],
        ['notInLast3Months', 'calendar-x'],
        ['never', 'circle-slash'],
      ],
    }),
    // Skills: Eurostat DSI 2.0 areas
    skills(
      'information',
      [
        ['goodsOrServices', 'search'],
        ['health', 'heart-pulse'],
        ['news', 'newspaper'],
        ['checkedTruth', 'search-check'],
      ],
      'search',
    ),
    skills(
      'communication',
      [
        ['email', 'mail'],
        ['calls', 'video'],
        ['messaging', 'message-circle'],
        ['socialNetworks', 'users'],
        ['civicOpinion', 'megaphone'],
        ['consultation', 'vote'],
      ],
      'message-circle',
    ),
    skills(
      'contentCreation',
      [
        ['wordProcessor', 'file-text'],
        ['spreadsheet', 'table'],
        ['editMedia', 'image'],
        ['moveFiles', 'folder'],
        ['richDocument', 'layout-template'],
        ['advancedSpreadsheet', 'calculator'],
        ['code', 'code'],
      ],
      'file-text',
    ),
    skills(
      'safety',
      [
        ['readPrivacyPolicy', 'file-search'],
        ['limitedLocation', 'map-pin-off'],
        ['limitedProfile', 'eye-off'],
        ['refusedAdvertising', 'ban'],
        ['checkedSecureSite', 'lock'],
        ['askedAboutData', 'database-zap'],
        ['limitedTracking', 'cookie'],
      ],
      'shield-check',
    ),
    skills(
      'problemSolving',
      [
        ['installedApps', 'download'],
        ['changedSettings', 'settings'],
        ['boughtOnline', 'shopping-cart'],
        ['soldOnline', 'tag'],
        ['onlineLearning', 'graduation-cap'],
        ['banking', 'landmark'],
        ['jobSearch', 'briefcase'],
      ],
      'settings',
    ),
    // Online procedures
    question('proceduresHow', 'singleChoice', {
      dimension: 'procedures',
      pictogram: 'file-check',
      hint: true,
      options: [
        ['alone', 'user-check'],
        ['withHelp', 'handshake'],
        ['someoneElse', 'heart-handshake'],
        ['never', 'circle-slash'],
      ],
    }),
    question('proceduresWhich', 'multipleChoice', {
      dimension: 'procedures',
      pictogram: 'building-2',
      hint: true,
      showIf: { question: 'proceduresHow', anyOf: ['withHelp', 'someoneElse'] },
      options: [
        ['caf', 'house'],
        ['impots', 'receipt'],
        ['ameli', 'stethoscope'],
        ['franceTravail', 'briefcase'],
        ['ants', 'id-card'],
      ],
    }),
    // Attitude
    question('wishToLearn', 'scale4', { dimension: 'attitude', pictogram: 'graduation-cap', options: SCALE_4 }),
    question('fearOfMistakes', 'scale4', {
      dimension: 'attitude',
      pictogram: 'shield-alert',
      showIf: MAY_NEED_HELP,
      options: SCALE_4,
    }),
    question('trust', 'scale4', {
      dimension: 'attitude',
      pictogram: 'lock',
      showIf: {
        any: [NOT_KEEN_TO_LEARN, { question: 'internetUse', anyOf: ['notInLast3Months', 'never', 'dontKnow'] }],
      },
      options: SCALE_4,
    }),
    question('prefersInPerson', 'scale4', {
      dimension: 'attitude',
      pictogram: 'users',
      showIf: NOT_KEEN_TO_LEARN,
      options: SCALE_4,
    }),
    // Help around
    question('helpAround', 'multipleChoice', {
      dimension: 'helpAround',
      pictogram: 'life-buoy',
      hint: true,
      showIf: MAY_NEED_HELP,
      options: [
        ['someoneClose', 'heart'],
        ['knowsPlace', 'map-pin'],
      ],
    }),
    // Context (optional)
    question('ageBand', 'singleChoice', {
      dimension: 'context',
      pictogram: 'cake',
      hint: true,
      optional: true,
      options: [
        ['under16', 'cake'],
        ['from16to24', 'cake'],
        ['from25to34', 'cake'],
        ['from35to44', 'cake'],
        ['from45to54', 'cake'],
        ['from55to64', 'cake'],
        ['from65to74', 'cake'],
        ['from75', 'cake'],
      ],
    }),
  ],
};
