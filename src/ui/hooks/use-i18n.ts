import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Language } from '../../domain/language';
import type { I18n } from '../../i18n/i18n';

export interface I18nValue {
  readonly t: I18n['t'];
  readonly language: Language;
}

/** The current language and its translate function; App gives a new value on each switch, so every screen re-renders. */
export const I18nContext = createContext<I18nValue | null>(null);

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside of I18nContext');
  return value;
}
