import i18next, { type i18n as I18n } from 'i18next';
import { DEFAULT_LANGUAGE, textDirection, type Language } from '../domain/language';
import type fr from './locales/fr.json';

export type { I18n };
export type Messages = typeof fr;

// Every language is its own chunk, precached by the service worker; the first screen is prerendered in French, and
// its French chunk (preloaded) holds only the texts of the welcome screen and what surrounds every screen.
const loaders = import.meta.glob<Messages>('./locales/*.json', { import: 'default' });

/**
 * Texts only some screens need, in chunks of their own: the mediator space's ~360 texts stay out of the French chunk
 * the first screen preloads. Each is merged into the language's messages when the app first asks for it, and again at
 * each language switch from then on.
 */
const extraLoaders = {
  // the questions and the result (most of the texts): loaded with the questionnaire, at the first touch on the welcome
  journey: import.meta.glob<Record<string, unknown>>('./journey/*.json', { import: 'default' }),
  mediator: import.meta.glob<Record<string, unknown>>('./mediator/*.json', { import: 'default' }),
  // the accessibility statement, read by few: loaded with its screen
  statement: import.meta.glob<Record<string, unknown>>('./statement/*.json', { import: 'default' }),
} as const;
export type ExtraMessages = keyof typeof extraLoaders;
const wantedExtras = new Set<ExtraMessages>();
const loadedExtras = new WeakMap<I18n, Set<string>>();

async function addExtra(i18n: I18n, extra: ExtraMessages, language: Language): Promise<void> {
  const loaded = loadedExtras.get(i18n) ?? new Set<string>();
  loadedExtras.set(i18n, loaded);
  if (loaded.has(`${extra}:${language}`)) return;
  const load = extraLoaders[extra][`./${extra}/${language}.json`];
  if (!load) throw new Error(`No ${extra} messages for ${language}`);
  i18n.addResourceBundle(language, 'translation', await load(), true, false);
  loaded.add(`${extra}:${language}`);
}

/** Loads the texts of `extra` for the current language (and French, the fallback), and for every later language. */
export async function loadExtraMessages(i18n: I18n, extra: ExtraMessages): Promise<void> {
  wantedExtras.add(extra);
  const language = (i18n.language as Language | undefined) ?? DEFAULT_LANGUAGE;
  await Promise.all([addExtra(i18n, extra, language), addExtra(i18n, extra, DEFAULT_LANGUAGE)]);
}

/** Loads the messages of one language. */
export async function loadMessages(language: Language): Promise<Messages> {
  const load = loaders[`./locales/${language}.json`];
  if (!load) throw new Error(`No messages for ${language}`);
  return load();
}

/**
 * A fresh i18next instance with French loaded, falling back to French for anything missing. Ready when returned, so
 * the build can prerender the welcome screen with it.
 */
export function createI18n(french: Messages): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    resources: { fr: { translation: french } },
    // Preact escapes what it renders; escaping here too would show "&amp;" to the person.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/**
 * i18next's `t` for the screens, remembering the plain texts (a key without options) it found: a question's screen asks
 * for some twenty, and each lookup through i18next costs ~0.4 ms on a slow tablet. Make a new one at each language
 * switch. A key not found (texts still loading) is not remembered.
 */
export function rememberingTranslate(i18n: I18n): I18n['t'] {
  const found = new Map<string, string>();
  const translate = i18n.t.bind(i18n) as unknown as (...args: unknown[]) => unknown;
  const t = (key: unknown, ...rest: unknown[]): unknown => {
    if (rest.length > 0 || typeof key !== 'string') return translate(key, ...rest);
    const known = found.get(key);
    if (known !== undefined) return known;
    const text = translate(key);
    if (typeof text === 'string' && text !== key) found.set(key, text);
    return text;
  };
  return t as unknown as I18n['t'];
}

/** Switches the app to a language: loads its messages if needed and sets `lang` and `dir` on <html>. */
export async function switchLanguage(i18n: I18n, language: Language, root: HTMLElement): Promise<void> {
  if (!i18n.hasResourceBundle(language, 'translation')) {
    i18n.addResourceBundle(language, 'translation', await loadMessages(language), true, false);
  }
  await Promise.all([...wantedExtras].map((extra) => addExtra(i18n, extra, language)));
  await i18n.changeLanguage(language);
  // Only when it changes: touching <html> makes the browser restyle the whole page.
  if (root.lang !== language) root.lang = language;
  if (root.dir !== textDirection(language)) root.dir = textDirection(language);
}
