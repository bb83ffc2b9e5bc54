import { describe, expect, it } from 'vitest';
import { THEMES, validateObservation, withAllFields } from './observation';

/** A proposed observation as a form or an import would hand it over, valid unless told otherwise. */
const proposed = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  autonomy: 'partlyAutonomous',
  themes: ['email', 'health'],
  ...extra,
});

describe('validateObservation', () => {
  it('given the autonomy seen and two themes, when validated, then it is kept as is', () => {
    expect(validateObservation(proposed())).toEqual({
      ok: true,
      observation: { autonomy: 'partlyAutonomous', themes: ['email', 'health'] },
    });
  });

  it('given no autonomy said and no theme, when validated, then an empty observation is valid', () => {
    expect(validateObservation({ autonomy: null, themes: [] })).toEqual({ ok: true, observation: { autonomy: null, themes: [] } });
  });

  it('given themes ticked in any order, when validated, then they come back in the order of the reports', () => {
    const result = validateObservation(proposed({ themes: ['adminProcedures', 'deviceBasics', 'email'] }));
    expect(result).toEqual({
      ok: true,
      observation: { autonomy: 'partlyAutonomous', themes: ['deviceBasics', 'email', 'adminProcedures'] },
    });
  });

  it('given a theme that the reports do not know, when validated, then it is refused', () => {
    expect(validateObservation(proposed({ themes: ['email', 'cooking'] }))).toEqual({ ok: false, error: 'unknownTheme' });
    expect(validateObservation(proposed({ themes: [42] }))).toEqual({ ok: false, error: 'unknownTheme' });
  });

  it('given the same theme twice, when validated, then it is refused', () => {
    expect(validateObservation(proposed({ themes: ['email', 'email'] }))).toEqual({ ok: false, error: 'duplicateTheme' });
  });

  it('given an autonomy outside the 3-level scale, or missing, when validated, then it is refused', () => {
    expect(validateObservation(proposed({ autonomy: 'expert' }))).toEqual({ ok: false, error: 'invalidAutonomy' });
    expect(validateObservation({ themes: [] })).toEqual({ ok: false, error: 'invalidAutonomy' });
  });

  it('given themes that are not a list, when validated, then it is refused', () => {
    expect(validateObservation(proposed({ themes: 'email' }))).toEqual({ ok: false, error: 'themesNotAList' });
  });

  it('given a free-text note slipped in, when validated, then it is refused: no free text anywhere', () => {
    expect(validateObservation(proposed({ note: 'Mme Dupont, 12 rue des Lilas' }))).toEqual({
      ok: false,
      error: 'unexpectedField',
    });
  });

  it('given whether the tries matched what the mediator saw, when validated, then only the three choices or none are kept', () => {
    expect(validateObservation(proposed({ triesMatched: 'partly' }))).toMatchObject({ ok: true, observation: { triesMatched: 'partly' } });
    expect(validateObservation(proposed({ triesMatched: null }))).toMatchObject({ ok: true, observation: { triesMatched: null } });
    // a sentence about the person is not a choice
    expect(validateObservation(proposed({ triesMatched: 'elle tremblait' }))).toEqual({ ok: false, error: 'invalidField' });
    expect(validateObservation(proposed({ triesMatched: true }))).toEqual({ ok: false, error: 'invalidField' });
  });

  it('given something that is not an observation at all, when validated, then it is refused', () => {
    for (const value of [null, undefined, 'email', ['email'], 3]) {
      expect(validateObservation(value)).toEqual({ ok: false, error: 'notAnObject' });
    }
  });
});

describe('THEMES', () => {
  it('has each theme once, with ids usable as locale keys', () => {
    expect(new Set(THEMES).size).toBe(THEMES.length);
    for (const theme of THEMES) expect(theme).toMatch(/^[a-z][A-Za-z]*$/);
  });
});

describe('the session fields of the activity reports', () => {
  it('given every field said, when validated, then each is kept, the equipment in the order of the reports', () => {
    const result = validateObservation(
      proposed({
        activityType: 'individual',
        durationMinutes: 45,
        placeType: 'activityPlace',
        equipment: ['phone', 'computer'],
        referral: 'proceduresHelp',
        updatedAt: '2026-12-07T10:00:00.000Z',
      }),
    );
    expect(result).toEqual({
      ok: true,
      observation: {
        autonomy: 'partlyAutonomous',
        themes: ['email', 'health'],
        activityType: 'individual',
        durationMinutes: 45,
        placeType: 'activityPlace',
        equipment: ['computer', 'phone'],
        referral: 'proceduresHelp',
        updatedAt: '2026-12-07T10:00:00.000Z',
      },
    });
  });

  it('given an observation of an older version (autonomy and themes only), then it stays valid, the new fields not said', () => {
    const result = validateObservation({ autonomy: 'autonomous', themes: ['email'] });
    expect(result.ok && withAllFields(result.observation)).toMatchObject({ activityType: null, durationMinutes: null, equipment: [], referral: null });
  });

  it.each([
    ['a duration that is not one of the choices', { durationMinutes: 37 }],
    ['a duration written as text', { durationMinutes: '45' }],
    ['an unknown place', { placeType: 'café' }],
    ['an unknown referral', { referral: 'Mission Locale de Dole' }],
    ['equipment twice', { equipment: ['phone', 'phone'] }],
    ['equipment not a list', { equipment: 'phone' }],
    ['a date of change that is not a date', { updatedAt: 'hier' }],
  ])('given %s, when validated, then it is refused', (_name, extra) => {
    expect(validateObservation(proposed(extra))).toEqual({ ok: false, error: 'invalidField' });
  });
});
