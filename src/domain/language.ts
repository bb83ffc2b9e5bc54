/** The languages Repère speaks, French first (the source of every text). */
export const LANGUAGES = ['fr', 'en', 'ar', 'es', 'pt', 'de', 'tr', 'uk'] as const;

export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'fr';

/** Each language written in itself, so a person finds theirs without reading French. */
export const LANGUAGE_NATIVE_NAMES: Readonly<Record<Language, string>> = {
  fr: 'Français',
  en: 'English',
  ar: 'العربية',
  es: 'Español',
  pt: 'Português',
  de: 'Deutsch',
  tr: 'Türkçe',
  uk: 'Українська',
};

const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set<Language>(['ar']);

/** Whether a text in this language runs right to left (Arabic) or left to right. */
export function textDirection(language: Language): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
}

/** Narrows any string (a stored setting, a URL parameter) to a language Repère speaks. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
