import type { I18n } from './i18n';
import type { Messages } from './messages';

export type Translate = I18n['t'];

/**
 * The app's texts before and after i18next has loaded. The welcome screen in French needs only the few texts of
 * `locales/fr.json`, plain or with a `{{value}}` in them: they are looked up directly (`firstScreen`), and i18next
 * (the largest part of the first screen's script) loads after the page's `load`, or at once when something needs it:
 * another language, a session, the mediator space. Once loaded, every text goes through i18next.
 */
export interface I18nSource {
  /** i18next, if loaded. */
  readonly current: () => I18n | null;
  /** i18next, loading it now if nobody has yet. */
  readonly ready: () => Promise<I18n>;
  /** Resolves when i18next has loaded, without asking for it. */
  readonly loaded: Promise<I18n>;
  /** The French first-screen texts, looked up as i18next would (see firstScreenTranslate). */
  readonly firstScreen: Translate;
}

/** An I18nSource over `load` (which imports i18next and gives it the French messages), called once. */
export function createI18nSource(french: Messages, load: (french: Messages) => Promise<I18n>): I18nSource {
  let instance: I18n | null = null;
  let loading: Promise<I18n> | null = null;
  let markLoaded!: (i18n: I18n) => void;
  const loaded = new Promise<I18n>((resolve) => (markLoaded = resolve));
  return {
    current: () => instance,
    ready: () =>
      (loading ??= load(french).then((i18n) => {
        instance = i18n;
        markLoaded(i18n);
        return i18n;
      })),
    loaded,
    firstScreen: firstScreenTranslate(french),
  };
}

/** A value in `{{name}}`, as i18next writes it (`{{ name }}` too). */
const PLACEHOLDER = /{{\s*([\w.]+)\s*}}/g;

/**
 * i18next's `t` for the first screen's French texts only: the text at the key's dotted path, each `{{name}}` replaced
 * by the option of that name (unescaped, as configured in createI18n), and the key itself when there is no such text,
 * as i18next does. No plurals, nesting, context or formats: `locales/fr.json` has none (i18n-source.test.ts checks it,
 * and that this gives exactly what i18next gives for every one of its texts).
 */
export function firstScreenTranslate(messages: Messages): Translate {
  const t = (key: unknown, options?: Record<string, unknown>): string => {
    if (typeof key !== 'string') return String(key);
    let node: unknown = messages;
    for (const part of key.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    if (typeof node !== 'string') return key;
    return node.replace(PLACEHOLDER, (whole, name: string) => (options && name in options ? String(options[name]) : whole));
  };
  return t as unknown as Translate;
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
