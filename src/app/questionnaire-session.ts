import type { AnswerValue, Answers, Questionnaire } from '../domain/questionnaire';
import { answerQuestion, conditionHolds, pathOf, positionOf, previousQuestion, questionAfter, reconcileAnswers, type Position } from '../domain/questionnaire-flow';
import { USED_INTERNET_RECENTLY } from '../content/questionnaire';
import { toFinishedResult } from '../domain/result';
import { scoreProfile, type Profile } from '../domain/score-profile';
import { RESULT_CURSOR, TRIES_CURSOR, withAnswers, type Session } from '../domain/session';
import { atLeastBasic } from '../domain/dsi';
import { nextTry, observedCategories, offeredTries, scoreTries, TRIES_AFTER_QUESTION, type TryId, type TryOutcome, type Tries } from '../domain/tries';
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

/** The apps check, which follows the internet use for people who have not used it lately but have a smartphone. */
const APPS_CHECK = 'usesApps';

/** The question the tries follow on this path: the apps check when it is on it, else the internet use. */
export function triesAnchor(questionnaire: Questionnaire, answers: Answers): string {
  return pathOf(questionnaire, answers).some((q) => q.id === APPS_CHECK) ? APPS_CHECK : TRIES_AFTER_QUESTION;
}

/** The tries offered to the person as the answers stand (domain/tries.ts, offeredTries). */
export function triesOffered(answers: Answers): readonly TryId[] {
  return offeredTries(conditionHolds(USED_INTERNET_RECENTLY, answers));
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
  // The hands-on tries come after the internet part, once: a person who goes back and forth is not offered again
  // the tries already settled.
  const toTries = questionId === triesAnchor(questionnaire, answers) && nextTry(session.tries, triesOffered(answers)) !== null;
  const cursor = toTries ? TRIES_CURSOR : (questionAfter(questionnaire, answers, questionId)?.id ?? RESULT_CURSOR);
  return withAnswers(session, answers, now, cursor);
}

/**
 * The session after a try was done, skipped or interrupted (pure): the try recorded, and once every try is settled the
 * cursor on the question after the internet use (or the result).
 */
export function applyTries(questionnaire: Questionnaire, session: Session, settled: Partial<Record<TryId, TryOutcome>>, now: Date): Session {
  const tries: Tries = { ...session.tries, ...settled };
  const anchor = triesAnchor(questionnaire, session.answers);
  const cursor =
    nextTry(tries, triesOffered(session.answers)) !== null ? TRIES_CURSOR : (questionAfter(questionnaire, session.answers, anchor)?.id ?? RESULT_CURSOR);
  return { ...session, tries, cursor, updatedAt: now.toISOString() };
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

/** The screen a session is on: a question, the hands-on tries, or the result. */
export type SessionPosition = Position | { readonly kind: 'tries'; readonly next: TryId; readonly offered: readonly TryId[] };

/**
 * The screen the session is on (see positionOf): the tries when its cursor is on them, the internet use is answered
 * and a try is left (a reload in the middle of a try starts that try again: it was never recorded, so never failed).
 */
export function sessionPosition(questionnaire: Questionnaire, session: Session): SessionPosition {
  if (session.cursor === TRIES_CURSOR) {
    const anchor = triesAnchor(questionnaire, session.answers);
    const offered = triesOffered(session.answers);
    const next = nextTry(session.tries, offered);
    if (next !== null && session.answers[anchor] !== undefined) return { kind: 'tries', next, offered };
    return positionOf(questionnaire, session.answers, session.answers[anchor] !== undefined ? questionAfter(questionnaire, session.answers, anchor)?.id : anchor);
  }
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
  // From the tries, back to the question before them (the tries settled so far stay settled).
  const anchor = triesAnchor(questionnaire, session.answers);
  const previous =
    position.kind === 'tries'
      ? (questionnaire.questions.find((q) => q.id === anchor) ?? null)
      : previousQuestion(questionnaire, session.answers, position.kind === 'result' ? null : position.question.id);
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
    const observed = current.tries ? observedCategories(scoreTries(current.tries), profile.dsi.overall !== 'unknown' && atLeastBasic(profile.dsi.overall)) : undefined;
    const result = toFinishedResult(resultId, current, profile, deps.now(), observed);
    const kept = await attemptSave(() => deps.storage.results.put(result));
    if (!kept.ok) saved = kept;
  }
  return { session: current, profile, saved };
}

