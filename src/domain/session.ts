import type { Language } from './language';

/** Where a questionnaire is taken: alone at a public kiosk, or guided by a mediator on a tablet. */
export type SessionMode = 'kiosk' | 'guided';

/** One answer: an option id, or the ids of the activities ticked. */
export type AnswerValue = string | readonly string[];

/**
 * A questionnaire in progress on this device. Nothing in it names the person: a random id, the time it started and
 * was last touched, the language and the answers given so far.
 */
export interface Session {
  readonly id: string;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly language: Language;
  readonly mode: SessionMode;
  readonly answers: Readonly<Record<string, AnswerValue>>;
}

/** Opens a new, empty session. The id and the clock come from outside so that this stays pure. */
export function startSession(input: {
  id: string;
  now: Date;
  language: Language;
  mode: SessionMode;
}): Session {
  const at = input.now.toISOString();
  return { id: input.id, startedAt: at, updatedAt: at, language: input.language, mode: input.mode, answers: {} };
}

/** Switches the language of a session in progress (the person may change it on any screen). */
export function withLanguage(session: Session, language: Language, now: Date): Session {
  return { ...session, language, updatedAt: now.toISOString() };
}
