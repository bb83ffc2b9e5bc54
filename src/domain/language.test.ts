import { describe, expect, it } from 'vitest';
import { LANGUAGES, LANGUAGE_NATIVE_NAMES, isLanguage, textDirection } from './language';

describe('languages', () => {
  it('reads Arabic right to left and every other language left to right', () => {
    const rtl = LANGUAGES.filter((l) => textDirection(l) === 'rtl');
    expect(rtl).toEqual(['ar']);
  });

  it('names every language in itself', () => {
    expect(Object.keys(LANGUAGE_NATIVE_NAMES).sort()).toEqual([...LANGUAGES].sort());
    expect(LANGUAGE_NATIVE_NAMES.uk).toBe('Українська');
  });

  it('accepts only the languages it speaks', () => {
    expect(isLanguage('tr')).toBe(true);
    expect(isLanguage('it')).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
    expect(isLanguage('FR')).toBe(false);
  });
});
