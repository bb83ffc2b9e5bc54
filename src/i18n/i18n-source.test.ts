import { describe, expect, it, vi } from 'vitest';
import { createI18n, loadMessages } from './i18n';
import { createI18nSource, firstScreenTranslate } from './i18n-source';

/** Every text of a messages tree, by its dotted key. */
function leaves(node: unknown, prefix = ''): Array<[string, string]> {
  if (typeof node === 'string') return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

describe('the first screen\'s texts without i18next', async () => {
  const french = await loadMessages('fr');
  const i18next = createI18n(structuredClone(french));
  const t = firstScreenTranslate(french);

  it('give exactly what i18next gives for every text of locales/fr.json, with and without its values', () => {
    const texts = leaves(french);
    expect(texts.length).toBeGreaterThan(30);
    for (const [key, text] of texts) {
      const names = [...text.matchAll(/{{\s*([\w.]+)\s*}}/g)].map((match) => match[1] as string);
      const values = Object.fromEntries(names.map((name, i) => [name, i === 0 ? 7 : `valeur ${i}`]));
      expect(t(key), key).toBe(i18next.t(key));
      expect(t(key, values), key).toBe(i18next.t(key, values));
      if (names.length > 0) expect(t(key, values), key).not.toContain('{{');
    }
    expect(t('welcome.start')).toBe('Commencer');
    expect(t('toolbar.textSize', { size: 'grande' })).toBe('Taille du texte : grande');
  });

  it('say the key, as i18next does, for a text that is not there (a journey text before its chunk)', () => {
    expect(t('result.title')).toBe(i18next.t('result.title'));
    expect(t('welcome.nothing.here')).toBe('welcome.nothing.here');
  });

  it('need none of what only i18next does: the first screen\'s French has no plurals, nesting, contexts or formats', () => {
    for (const [key, text] of leaves(french)) {
      expect(key, 'a plural or context form').not.toMatch(/_(zero|one|two|few|many|other|male|female|ordinal)$/);
      expect(text, `${key}: nesting`).not.toContain('$t(');
      expect(text, `${key}: a format`).not.toMatch(/{{[^}]*,[^}]*}}/);
      expect(text, `${key}: unescaped interpolation`).not.toContain('{{-');
    }
  });
});

describe('createI18nSource', () => {
  it('loads i18next once, when first asked, and tells those who wait', async () => {
    const french = await loadMessages('fr');
    const load = vi.fn(async () => createI18n(french));
    const source = createI18nSource(french, load);
    expect(source.current()).toBeNull();
    expect(load).not.toHaveBeenCalled();
    let told = false;
    void source.loaded.then(() => (told = true));
    const [first, second] = await Promise.all([source.ready(), source.ready()]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(first).toBe(second);
    expect(source.current()).toBe(first);
    await Promise.resolve();
    expect(told).toBe(true);
    expect(first.t('welcome.start')).toBe(source.firstScreen('welcome.start'));
  });
});
