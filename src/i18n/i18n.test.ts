import { describe, expect, it } from 'vitest';
import { createI18n, loadExtraMessages, loadMessages } from './i18n';
import { rememberingTranslate } from './i18n-source';

describe('rememberingTranslate (the screens\' t)', () => {
  it('does not remember a key whose texts were not loaded yet', async () => {
    // first: i18next merges the later texts into the very object it was given (the French module's)
    const i18n = createI18n(await loadMessages('fr'));
    const t = rememberingTranslate(i18n);
    expect(t('result.title')).toBe('result.title');
    await loadExtraMessages(i18n, 'journey');
    expect(t('result.title')).toBe('Votre résultat');
  });

  it('gives exactly what i18next gives: plain texts, interpolation, plurals', async () => {
    const i18n = createI18n(await loadMessages('fr'));
    await loadExtraMessages(i18n, 'journey');
    const t = rememberingTranslate(i18n);
    for (const key of ['welcome.start', 'question.next', 'result.title', 'result.places.free']) {
      expect(t(key)).toBe(i18n.t(key));
      expect(t(key), 'asked twice').toBe(i18n.t(key));
    }
    expect(t('result.places.distance', { km: '2,5' })).toBe(i18n.t('result.places.distance', { km: '2,5' }));
    expect(t('result.places.distance', { km: '2,5' })).toContain('2,5');
    expect(t('inactivity.countdown', { count: 1 })).not.toBe(t('inactivity.countdown', { count: 20 }));
  });
});
