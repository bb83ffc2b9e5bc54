import { describe, expect, it } from 'vitest';
import { startSession, withLanguage } from './session';

describe('startSession', () => {
  it('opens an empty session stamped with the given clock and nothing about the person', () => {
    // given a clock and an id from outside
    const now = new Date('2026-11-29T10:15:00.000Z');
    // when a kiosk session starts in Arabic
    const session = startSession({ id: 's-1', now, language: 'ar', mode: 'kiosk', questionnaireVersion: '1' });
    // then it holds only what the flow needs
    expect(session).toEqual({
      id: 's-1',
      startedAt: '2026-11-29T10:15:00.000Z',
      updatedAt: '2026-11-29T10:15:00.000Z',
      language: 'ar',
      mode: 'kiosk',
      questionnaireVersion: '1',
      answers: {},
    });
  });

  it('changes the language without touching the answers or the start time', () => {
    const started = startSession({ id: 's-2', now: new Date('2026-11-29T10:00:00Z'), language: 'fr', mode: 'guided', questionnaireVersion: '1' });
    const later = new Date('2026-11-29T10:05:00Z');
    const switched = withLanguage({ ...started, answers: { q1: 'yes' } }, 'uk', later);
    expect(switched.language).toBe('uk');
    expect(switched.answers).toEqual({ q1: 'yes' });
    expect(switched.startedAt).toBe(started.startedAt);
    expect(switched.updatedAt).toBe(later.toISOString());
  });
});
