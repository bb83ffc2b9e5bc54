/**
 * The questionnaire as data: what a question is, when it shows, and what an answer may be.
 * The definition itself lives in src/content/questionnaire.ts; the flow over it in questionnaire-flow.ts.
 */

/** The four kinds of screen: pick one, tick what you did, yes / no, and a four-step scale. */
export type QuestionKind = 'singleChoice' | 'multipleChoice' | 'yesNo' | 'scale4';

/** What a question feeds in the result. */
export type Dimension = 'access' | 'use' | 'skills' | 'procedures' | 'attitude' | 'helpAround' | 'context';

/** The five areas of the Eurostat Digital Skills Indicator 2.0. */
export const DSI_AREAS = ['information', 'communication', 'contentCreation', 'safety', 'problemSolving'] as const;
export type DsiArea = (typeof DSI_AREAS)[number];

/** "Je ne sais pas": a valid answer to every question, handled explicitly by the scoring. */
export const DONT_KNOW = 'dontKnow';
/** "Passer": the answer to an optional question the person chose not to answer. */
export const SKIPPED = 'skipped';
/**
 * "Je n'ai fait aucune de ces choses" / "Rien de tout ça": the explicit zero of a tick screen that has one
 * (`explicitNone`). There, an empty list is not an answer: a real zero and a screen passed without reading look alike.
 */
export const NONE = 'none';

/**
 * When a question (or an option) shows, from the answers given before it. Conditions only look back: a question may
 * depend on questions placed before it in the definition, never after.
 */
export type Condition =
  /** The answer (single choice) is one of these option ids. */
  | { readonly question: string; readonly anyOf: readonly string[] }
  /** The answer (multiple choice) includes at least one of these option ids. */
  | { readonly question: string; readonly includesAny: readonly string[] }
  /** The answer (multiple choice) includes none of these option ids (an unanswered question includes none). */
  | { readonly question: string; readonly includesNone: readonly string[] }
  /** The question has an answer, and it is not one of these values (e.g. answered, but not "I don't know"). */
  | { readonly question: string; readonly answeredOtherThan: readonly string[] }
  | { readonly not: Condition }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] };

export interface QuestionOption {
  readonly id: string;
  /** i18n key of the option's words. */
  readonly labelKey: string;
  /** Id of the pictogram drawn beside it (see src/content/pictograms.ts). */
  readonly pictogram: string;
  /** The option shows only when this holds (e.g. organisms not already ticked on an earlier screen). */
  readonly showIf?: Condition;
}

export interface Question {
  readonly id: string;
  readonly kind: QuestionKind;
  readonly dimension: Dimension;
  /** For skill screens: the DSI area whose activities are ticked. */
  readonly area?: DsiArea;
  /** i18n key of the question in plain words. */
  readonly titleKey: string;
  /** i18n key of a short help line under the question, if any. */
  readonly hintKey?: string;
  readonly pictogram: string;
  readonly options: readonly QuestionOption[];
  /** The question shows only when this holds; absent = always. */
  readonly showIf?: Condition;
  /** Context questions the person may skip. */
  readonly optional?: boolean;
  /** Tick screens with a "none of these" answer (NONE): "Suivant" then needs a tick, NONE or DONT_KNOW. */
  readonly explicitNone?: boolean;
}

/** A versioned questionnaire. A session records the version it was started on. */
export interface Questionnaire {
  readonly version: string;
  readonly questions: readonly Question[];
}

/** One answer: an option id, the option ids ticked, NONE (explicit-none screens), DONT_KNOW, or SKIPPED (optional). */
export type AnswerValue = string | readonly string[];
export type Answers = Readonly<Record<string, AnswerValue>>;
