import i18next, { type i18n as I18n } from 'i18next';
import { DEFAULT_LANGUAGE, textDirection, type Language } from '../domain/language';
import { loadMessages, type Messages } from './messages';

export type { I18n, Messages };
export { loadMessages };

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
