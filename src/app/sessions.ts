import type { Language } from '../domain/language';
import type { AnswerValue, Questionnaire } from '../domain/questionnaire';
import { answerQuestion, reconcileAnswers } from '../domain/questionnaire-flow';
import { startSession, withAnswers, withLanguage, type Session, type SessionMode } from '../domain/session';
import type { RepereStorage } from '../storage/open-storage';
import { latestSession } from '../storage/sessions';
import { attemptSave, type SaveOutcome } from './save-outcome';

/** What the session use cases need: the sessions store, a clock and an id maker (tests pass fakes). */
export interface SessionDeps {
  readonly storage: Pick<RepereStorage, 'sessions'>;
  readonly now: () => Date;
  readonly newId: () => string;
}

/** Starts a questionnaire and saves it at once, so a reload resumes it. The session is returned even if the save failed. */
export async function beginSession(
  deps: SessionDeps,
  input: { language: Language; mode: SessionMode; questionnaire: Questionnaire },
): Promise<{ session: Session; saved: SaveOutcome }> {
  const { questionnaire, ...rest } = input;
  const session = startSession({ id: deps.newId(), now: deps.now(), questionnaireVersion: questionnaire.version, ...rest });
  const saved = await attemptSave(() => deps.storage.sessions.put(session));
  return { session, saved };
}

/**
 * The session to resume after a reload or a crash, if one is on the device. A session saved by another questionnaire
 * version (an update shipped mid-session) keeps the answers that still fit and is saved again on the current version:
 * the person goes on from the first unanswered question.
 */
export async function resumeSession(
  deps: Pick<SessionDeps, 'storage' | 'now'>,
  questionnaire: Questionnaire,
): Promise<Session | undefined> {
  const stored = await latestSession(deps.storage);
  if (!stored) return undefined;
  const { answers, recovered } = reconcileAnswers(questionnaire, stored);
  if (!recovered) return stored;
  const session = { ...withAnswers(stored, answers, deps.now()), questionnaireVersion: questionnaire.version };
  await attemptSave(() => deps.storage.sessions.put(session));
  return session;
}

/**
 * Records an answer (autosave after every answer). Going back and changing an answer drops the answers no longer on the
 * path. Throws a QuestionnaireError, saving nothing, for an answer the questionnaire cannot take.
 */
export async function recordAnswer(
  deps: SessionDeps,
  questionnaire: Questionnaire,
  session: Session,
  questionId: string,
  value: AnswerValue,
): Promise<{ session: Session; saved: SaveOutcome }> {
  const next = withAnswers(session, answerQuestion(questionnaire, session.answers, questionId, value), deps.now());
  const saved = await attemptSave(() => deps.storage.sessions.put(next));
  return { session: next, saved };
}

/** Records a language change in the session in progress. */
export async function changeSessionLanguage(
  deps: SessionDeps,
  session: Session,
  language: Language,
): Promise<{ session: Session; saved: SaveOutcome }> {
  const next = withLanguage(session, language, deps.now());
  const saved = await attemptSave(() => deps.storage.sessions.put(next));
  return { session: next, saved };
}

/** "Terminer et effacer": removes every session from the device, the current one and any left by a crash. */
export function eraseSessions(deps: Pick<SessionDeps, 'storage'>): Promise<SaveOutcome> {
  return attemptSave(() => deps.storage.sessions.clear());
}
