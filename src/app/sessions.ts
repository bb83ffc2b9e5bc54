import type { Language } from '../domain/language';
import type { Questionnaire } from '../domain/questionnaire';
import { startSession, withLanguage, type Session, type SessionMode } from '../domain/session';
import type { RepereStorage } from '../storage/open-storage';
import { attemptSave, type SaveOutcome } from './save-outcome';

/** What the session use cases need: the sessions store, a clock and an id maker (tests pass fakes). */
export interface SessionDeps {
  readonly storage: Pick<RepereStorage, 'sessions' | 'results'>;
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

/**
 * "Terminer et effacer", and the kiosk's inactivity wipe: removes every session from the device, the current one and
 * any left by a crash. The FinishedResult (categories only) stays for the mediator's history and the anonymous counts.
 */
export function eraseSessions(deps: Pick<SessionDeps, 'storage'>): Promise<SaveOutcome> {
  return attemptSave(() => deps.storage.sessions.clear());
}
