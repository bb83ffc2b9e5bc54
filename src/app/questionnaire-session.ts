import type { AnswerValue, Questionnaire } from '../domain/questionnaire';
import { answerQuestion, positionOf, previousQuestion, questionAfter, reconcileAnswers, type Position } from '../domain/questionnaire-flow';
import { toFinishedResult } from '../domain/result';
import { scoreProfile, type Profile } from '../domain/score-profile';
import { RESULT_CURSOR, withAnswers, type Session } from '../domain/session';
import { attemptSave, type SaveOutcome } from './save-outcome';
import type { SessionDeps } from './sessions';

// The use cases that need the questionnaire flow and the scoring: they travel with the journey chunk.

/**
 * Resumes a session found on the device after a reload or a crash (`latestSession`, read once at start-up). A session saved by another questionnaire
 * version (an update shipped mid-session) keeps the answers that still fit and is saved again on the current version:
 * the person goes on from the first unanswered question.
 */
export async function resumeSession(
  deps: Pick<SessionDeps, 'storage' | 'now'>,
  questionnaire: Questionnaire,
  stored: Session,
): Promise<Session> {
  const { answers, recovered } = reconcileAnswers(questionnaire, stored);
  if (!recovered) return stored;
  const updated = withAnswers(stored, answers, deps.now());
  // On another version, the old cursor points at a screen of the old questionnaire: start again from the first question
  // with no valid answer.
  const session: Session =
    stored.questionnaireVersion === questionnaire.version
      ? updated
      : { ...updated, cursor: undefined, questionnaireVersion: questionnaire.version };
  await attemptSave(() => deps.storage.sessions.put(session));
  return session;
}

/**
 * The session after an answer (pure): the answer recorded, answers no longer on the path dropped (going back and
 * changing an answer), and the cursor moved to the question after it, or to the result. Throws a QuestionnaireError
 * for an answer the questionnaire cannot take.
 */
export function applyAnswer(
  questionnaire: Questionnaire,
  session: Session,
  questionId: string,
  value: AnswerValue,
  now: Date,
): Session {
  const answers = answerQuestion(questionnaire, session.answers, questionId, value);
  const cursor = questionAfter(questionnaire, answers, questionId)?.id ?? RESULT_CURSOR;
  return withAnswers(session, answers, now, cursor);
}

/** Autosaves a session (after every answer). */
export function saveSession(deps: Pick<SessionDeps, 'storage'>, session: Session): Promise<SaveOutcome> {
  return attemptSave(() => deps.storage.sessions.put(session));
}

/**
 * Records an answer and moves on, with one autosave. Throws a QuestionnaireError, saving nothing, for an answer the
 * questionnaire cannot take.
 */
export async function recordAnswer(
  deps: SessionDeps,
  questionnaire: Questionnaire,
  session: Session,
  questionId: string,
  value: AnswerValue,
): Promise<{ session: Session; saved: SaveOutcome }> {
  const next = applyAnswer(questionnaire, session, questionId, value, deps.now());
  return { session: next, saved: await saveSession(deps, next) };
}

/** The screen the session is on (see positionOf). */
export function sessionPosition(questionnaire: Questionnaire, session: Session): Position {
  return positionOf(questionnaire, session.answers, session.cursor);
}

/**
 * "Retour": the previous question on the path, from a question or from the result. Returns null on the first question
 * (the person leaves the questionnaire).
 */
export async function goBack(
  deps: SessionDeps,
  questionnaire: Questionnaire,
  session: Session,
): Promise<{ session: Session; saved: SaveOutcome } | null> {
  const position = sessionPosition(questionnaire, session);
  const previous = previousQuestion(questionnaire, session.answers, position.kind === 'result' ? null : position.question.id);
  if (!previous) return null;
  const next = withAnswers(session, session.answers, deps.now(), previous.id);
  return { session: next, saved: await attemptSave(() => deps.storage.sessions.put(next)) };
}

/**
 * The result of a complete session, kept on the device as a FinishedResult (categories only, never the answers). The
 * session records the result's id first, so showing the result again after a reload or a crash never keeps it twice.
 */
export async function finishSession(
  deps: SessionDeps,
  questionnaire: Questionnaire,
  session: Session,
): Promise<{ session: Session; profile: Profile; saved: SaveOutcome }> {
  const profile = scoreProfile(questionnaire, session.answers, { language: session.language });
  let current = session;
  let saved: SaveOutcome = { ok: true };
  if (!current.resultId) {
    current = { ...current, resultId: deps.newId() };
    saved = await attemptSave(() => deps.storage.sessions.put(current));
  }
  const resultId = current.resultId as string;
  const existing = await deps.storage.results.get(resultId).catch(() => undefined);
  if (!existing) {
    const result = toFinishedResult(resultId, current, profile, deps.now());
    const kept = await attemptSave(() => deps.storage.results.put(result));
    if (!kept.ok) saved = kept;
  }
  return { session: current, profile, saved };
}

