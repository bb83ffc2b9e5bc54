import type { Language } from './language';
import type { Answers } from './questionnaire';
import type { Tries } from './tries';

/** Where a questionnaire is taken: alone at a public kiosk, or guided by a mediator on a tablet. */
export type SessionMode = 'kiosk' | 'guided';

/**
 * A questionnaire in progress on this device. Nothing in it names the person: a random id, the time it started and
 * was last touched, the language, the questionnaire version it follows and the answers given so far.
 */
export interface Session {
  readonly id: string;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly language: Language;
  readonly mode: SessionMode;
  /** The questionnaire version the answers belong to; a session from an older version is reconciled on resume. */
  readonly questionnaireVersion: string;
  readonly answers: Answers;
  /**
   * Where the person is: a question id, TRIES_CURSOR on the hands-on tries, or RESULT_CURSOR once the result is shown.
   * Absent: the first unanswered question.
   */
  readonly cursor?: string;
  /** The hands-on tries done, skipped or interrupted so far (docs/TRIES.md): scores and counts only, nothing typed. */
  readonly tries?: Tries;
  /** The id of the FinishedResult this session left, once its result was shown (so it is kept once only). */
  readonly resultId?: string;
}

/** The cursor of a session whose result is on screen. */
export const RESULT_CURSOR = 'result';
/** The cursor of a session on its hands-on tries (after TRIES_AFTER_QUESTION). */
export const TRIES_CURSOR = 'tries';

/** Opens a new, empty session. The id and the clock come from outside so that this stays pure. */
export function startSession(input: {
  id: string;
  now: Date;
  language: Language;
  mode: SessionMode;
  questionnaireVersion: string;
}): Session {
  const at = input.now.toISOString();
  return {
    id: input.id,
    startedAt: at,
    updatedAt: at,
    language: input.language,
    mode: input.mode,
    questionnaireVersion: input.questionnaireVersion,
    answers: {},
  };
}

/** Replaces the answers of a session and moves its cursor (after an answer, or after going back and changing one). */
export function withAnswers(session: Session, answers: Answers, now: Date, cursor?: string): Session {
  const { cursor: previous, ...rest } = session;
  const next = cursor ?? previous;
  return { ...rest, answers, updatedAt: now.toISOString(), ...(next === undefined ? {} : { cursor: next }) };
}

/** Switches the language of a session in progress (the person may change it on any screen). */
export function withLanguage(session: Session, language: Language, now: Date): Session {
  return { ...session, language, updatedAt: now.toISOString() };
}
