// The app's own message texts, read from src/i18n, so that tests find controls by the names people see. Pure Node (no
// Playwright): shared by the Playwright specs (tests/e2e/support.ts) and the engine runs (tests/engines).
import { readFileSync } from 'node:fs';

/** The messages of a locale, to find buttons by their real names in any language. */
export function messages(language: string): (key: string) => string {
  const data = {
    ...(JSON.parse(readFileSync(`src/i18n/locales/${language}.json`, 'utf8')) as Record<string, unknown>),
    ...(JSON.parse(readFileSync(`src/i18n/journey/${language}.json`, 'utf8')) as Record<string, unknown>),
    ...(JSON.parse(readFileSync(`src/i18n/mediator/${language}.json`, 'utf8')) as Record<string, unknown>),
  };
  return (key) => {
    const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], data);
    if (typeof value !== 'string') throw new Error(`no ${language} text for ${key}`);
    return value;
  };
}

export const fr = messages('fr');
export const ar = messages('ar');
