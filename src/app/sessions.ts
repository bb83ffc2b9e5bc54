import type { Language } from '../domain/language';
import { startSession, withLanguage, type Session, type SessionMode } from '../domain/session';
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
  input: { language: Language; mode: SessionMode },
): Promise<{ session: Session; saved: SaveOutcome }> {
  const session = startSession({ id: deps.newId(), now: deps.now(), ...input });
  const saved = await attemptSave(() => deps.storage.sessions.put(session));
  return { session, saved };
}

/** The session to resume after a reload or a crash, if one is on the device. */
export function resumeSession(deps: Pick<SessionDeps, 'storage'>): Promise<Session | undefined> {
  return latestSession(deps.storage);
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
