import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUESTIONNAIRE } from '../content/questionnaire';
import { LANGUAGES } from '../domain/language';
import { DISTANCE_LEVELS } from '../domain/result';
import { NEXT_STEPS, STRENGTHS } from '../domain/result-summary';
import { TEXT_SIZES } from '../ui/hooks/use-display-prefs';

const localesDir = join(import.meta.dirname, 'locales');
const srcDir = join(import.meta.dirname, '..');

function flatKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => flatKeys(v, prefix ? `${prefix}.${k}` : k));
}

const extraDirs = ['journey', 'mediator', 'statement'].map((name) => join(import.meta.dirname, name));

/** A language's messages: the first-screen file and the extra ones loaded with their screens (the mediator space). */
function readLocale(language: string): Record<string, unknown> {
  const read = (dir: string) => JSON.parse(readFileSync(join(dir, `${language}.json`), 'utf8')) as Record<string, unknown>;
  const messages = read(localesDir);
  for (const dir of extraDirs) {
    for (const [key, value] of Object.entries(read(dir))) {
      if (key in messages) throw new Error(`${dir}/${language}.json repeats the top-level key "${key}"`);
      messages[key] = value;
    }
  }
  return messages;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'locales' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const frenchKeys = flatKeys(readLocale('fr')).sort();

describe('locales', () => {
  it('has one file per language Repère offers, and no other, in each folder of messages', () => {
    for (const dir of [localesDir, ...extraDirs]) {
      const files = readdirSync(dir).map((f) => f.replace(/\.json$/, ''));
      expect(files.sort(), dir).toEqual([...LANGUAGES].sort());
    }
  });

  it.each(LANGUAGES.filter((l) => l !== 'fr'))('%s has exactly the keys of French, none empty', (language) => {
    const messages = readLocale(language);
    expect(flatKeys(messages).sort()).toEqual(frenchKeys);
    const empty = flatKeys(messages).filter((key) => {
      const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
      return typeof value !== 'string' || value.trim() === '';
    });
    expect(empty).toEqual([]);
  });

  it.each(LANGUAGES)('%s keeps every {{placeholder}} of French', (language) => {
    const fr = readLocale('fr');
    const other = readLocale(language);
    for (const key of frenchKeys) {
      const get = (m: Record<string, unknown>) =>
        String(key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], m));
      const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(placeholders(get(other)), `${language} ${key}`).toEqual(placeholders(get(fr)));
    }
  });

  it('uses every French key somewhere, in the code or the questionnaire (no dead text to translate)', () => {
    const code = sourceFiles(srcDir)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const questionnaireKeys = new Set(
      QUESTIONNAIRE.questions.flatMap((q) => [q.titleKey, q.hintKey ?? '', ...q.options.map((o) => o.labelKey)]),
    );
    // Keys built from a value (`result.levels.${level}`) count as used through their prefix; the test below checks
    // that every value of those lists has its key.
    const dynamicPrefixes = [...code.matchAll(/`([\w.]+\.)\$\{/g)].map((m) => m[1]!);
    const unused = frenchKeys.filter(
      (key) =>
        !questionnaireKeys.has(key) &&
        !code.includes(`'${key}'`) &&
        !code.includes(`"${key}"`) &&
        !dynamicPrefixes.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });

  it('has a French text for every value of the lists shown by key', () => {
    const expected = [
      ...[...DISTANCE_LEVELS, 'unknown'].flatMap((l) => [`result.levels.${l}`, `result.levelTexts.${l}`]),
      // the level text of someone who does not want to use the internet (docs/SCORING.md)
      'result.levelTexts.doNotWant',
      ...TEXT_SIZES.map((s) => `toolbar.textSizes.${s}`),
      ...STRENGTHS.map((s) => `result.strengths.${s}`),
      ...NEXT_STEPS.map((s) => `result.nextSteps.${s}`),
    ];
    expect(expected.filter((key) => !frenchKeys.includes(key))).toEqual([]);
    // and no text for a value that does not exist
    const listed = frenchKeys.filter((k) => /^result\.(levels|levelTexts|strengths|nextSteps)\.|^toolbar\.textSizes\./.test(k));
    expect(listed.filter((key) => !expected.includes(key))).toEqual([]);
  });

  it('has a French text for every key the code asks for', () => {
    const code = sourceFiles(srcDir)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const asked = [...code.matchAll(/\bt\('([\w.]+)'/g)].map((m) => m[1]!);
    expect(asked.length).toBeGreaterThan(5);
    expect(asked.filter((key) => !frenchKeys.includes(key))).toEqual([]);
  });
});
