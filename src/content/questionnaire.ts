import type { Condition, DsiArea, Question, QuestionKind, QuestionOption, Questionnaire } from '../domain/questionnaire';

/**
 * The Repère questionnaire, version 2 (docs/SCORING.md). One question per screen, in this order; `showIf` looks back
 * only. Activities of the skill screens: Eurostat ICT usage survey model questionnaire (2021 onwards), in plain words.
 * Never edit a shipped version in place: change the version, and sessions started on the old one are reconciled.
 */
export const QUESTIONNAIRE_VERSION = '2';

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

/** internetUse answers that mean a use in the last 3 months (Eurostat's "internet user"). */
const RECENT_USE = ['everyDay', 'everyWeek', 'lessOften'];
/** internetUse answers that are not a use in the last 3 months, or not known. */
const NOT_RECENT_USE = ['from3to12Months', 'moreThanYear', 'never', 'dontKnow'];
/** Devices that reach the internet (a basic phone does not). */
const INTERNET_DEVICES = ['smartphone', 'computer', 'tablet'];

/** Someone who used the internet in the last 3 months, by the question or by the apps they use: the five skill screens. */
export const USED_INTERNET_RECENTLY: Condition = {
  any: [
    { question: 'internetUse', anyOf: RECENT_USE },
    { question: 'usesApps', anyOf: ['yes'] },
  ],
};

/**
 * Someone who may need help: not a weekly user (less often, not in 3 months, or "I don't know" — also when the apps
 * check then says yes, since how often is not known), or not doing their procedures alone.
 */
const MAY_NEED_HELP: Condition = {
  any: [
    { question: 'internetUse', anyOf: ['lessOften', ...NOT_RECENT_USE] },
    { question: 'proceduresHow', anyOf: ['withHelp', 'someoneElse', 'dontKnow'] },
  ],
};

const skills = (area: DsiArea, activities: ReadonlyArray<readonly [string, string]>, pictogram: string): Question =>
  question(`skills.${area}`, 'multipleChoice', {
    dimension: 'skills',
    area,
    pictogram,
    hint: true,
    explicitNone: true,
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
      explicitNone: true,
      options: [
        ['smartphone', 'smartphone'],
        ['basicPhone', 'phone'],
        ['computer', 'laptop'],
        ['tablet', 'tablet'],
        ['homeInternet', 'wifi'],
        ['email', 'mail'],
      ],
    }),
    // INSEE asks people without a device why: cost, not knowing how, not wanting (the "cannot / do not know how / do
    // not want" triad). "I don't know" about devices is not "no device": the answer must be given.
    question('noDeviceWhy', 'multipleChoice', {
      dimension: 'access',
      pictogram: 'circle-help',
      hint: true,
      showIf: {
        all: [
          { question: 'devices', answeredOtherThan: ['dontKnow'] },
          { question: 'devices', includesNone: INTERNET_DEVICES },
        ],
      },
      options: [
        ['tooExpensive', 'piggy-bank'],
        ['dontKnowHow', 'circle-help'],
        ['dontWant', 'hand'],
        ['other', 'ellipsis'],
      ],
    }),
    question('costBarrier', 'yesNo', {
      dimension: 'access',
      pictogram: 'piggy-bank',
      showIf: {
        all: [
          { question: 'devices', includesAny: INTERNET_DEVICES },
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
      explicitNone: true,
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
      hint: true,
      options: [
        ['everyDay', 'calendar-check'],
        ['everyWeek', 'calendar-days'],
        ['lessOften', 'calendar'],
        ['from3to12Months', 'calendar-x'],
        ['moreThanYear', 'calendar-off'],
        ['never', 'circle-slash'],
      ],
    }),
    // People often do not call WhatsApp or YouTube "internet": smartphone owners who say they do not use it are asked once more.
    question('usesApps', 'yesNo', {
      dimension: 'use',
      pictogram: 'message-circle',
      showIf: {
        all: [
          { question: 'internetUse', anyOf: NOT_RECENT_USE },
          { question: 'devices', includesAny: ['smartphone'] },
        ],
      },
      options: YES_NO,
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
        ['limitedCookies', 'cookie'],
        ['antiTracking', 'shield-ban'],
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
        ['msa', 'tractor'],
        ['anef', 'stamp'],
        ['retirement', 'piggy-bank'],
        ['otherOrganism', 'building'],
      ],
    }),
    // Attitude. "Do not want" is asked, in plain words, never inferred (docs/SCORING.md).
    question('wishToUseMore', 'singleChoice', {
      dimension: 'attitude',
      pictogram: 'heart-handshake',
      showIf: MAY_NEED_HELP,
      options: [
        ['yes', 'check'],
        ['maybe', 'circle-help'],
        ['no', 'hand'],
      ],
    }),
    question('wishToLearn', 'scale4', {
      dimension: 'attitude',
      pictogram: 'graduation-cap',
      // Someone who just said they do not want to is not asked whether they want to learn.
      showIf: { not: { question: 'wishToUseMore', anyOf: ['no'] } },
      options: SCALE_4,
    }),
    question('fearOfMistakes', 'scale4', {
      dimension: 'attitude',
      pictogram: 'shield-alert',
      showIf: MAY_NEED_HELP,
      options: SCALE_4,
    }),
    question('trust', 'scale4', {
      dimension: 'attitude',
      pictogram: 'lock',
      showIf: MAY_NEED_HELP,
      options: SCALE_4,
    }),
    // Help around
    question('helpAround', 'multipleChoice', {
      dimension: 'helpAround',
      pictogram: 'life-buoy',
      hint: true,
      explicitNone: true,
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
