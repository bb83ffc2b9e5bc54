import { LANGUAGES, LANGUAGE_NATIVE_NAMES, textDirection, type Language } from '../../domain/language';
import { useI18n } from '../hooks/use-i18n';

export interface LanguagePickerProps {
  readonly onChoose: (language: Language) => void;
  /** The languages this device offers (device settings); all of them by default. */
  readonly languages?: readonly Language[];
}

/** The languages as their own names, each marked with its `lang` so a screen reader says it right. */
export function LanguagePicker({ onChoose, languages = LANGUAGES }: LanguagePickerProps) {
  const { t, language: current } = useI18n();
  return (
    <section class="languages" aria-labelledby="languages-title">
      <h2 id="languages-title">{t('welcome.languagesTitle')}</h2>
      <ul class="language-grid">
        {LANGUAGES.filter((language) => languages.includes(language)).map((language) => (
          <li key={language}>
            <button
              type="button"
              class="btn btn-language"
              lang={language}
              dir={textDirection(language)}
              aria-pressed={language === current}
              onClick={() => onChoose(language)}
            >
              {LANGUAGE_NATIVE_NAMES[language]}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
