import { describe, expect, it } from 'vitest';
import { THEMES, validateObservation } from './observation';

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
