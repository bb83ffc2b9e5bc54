import type { Session } from '../domain/session';
import type { RepereStorage } from './open-storage';

/** The questionnaire last touched on this device, to resume after a reload or a crash; undefined when none. */
export async function latestSession(storage: Pick<RepereStorage, 'sessions'>): Promise<Session | undefined> {
  const sessions = await storage.sessions.getAll();
  return sessions.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))[0];
}
