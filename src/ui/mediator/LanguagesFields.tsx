import { LANGUAGES, LANGUAGE_NATIVE_NAMES } from '../../domain/language';
import { useI18n } from '../hooks/use-i18n';
import { describedBy, errorId, errorMessage, type SettingsFieldsProps } from './settings-fields';
import { SettingsChoice } from './SettingsChoice';

/**
 * The languages the welcome screen offers (each written in itself, so a mediator finds them whatever the interface's
 * language), the one it opens in, and whether questions are read aloud from the start.
 */
export function LanguagesFields({ draft, errors, onChange }: SettingsFieldsProps) {
  const { t } = useI18n();
  const offeredError = errors.languagesOffered ? errorMessage(t, 'languagesOffered', errors.languagesOffered) : null;
  const defaultError = errors.defaultLanguage ? errorMessage(t, 'defaultLanguage', errors.defaultLanguage) : null;
  const offeredErrorId = offeredError ? errorId('languagesOffered') : null;
  const defaultErrorId = defaultError ? errorId('defaultLanguage') : null;
  const offered = LANGUAGES.filter((language) => draft.languagesOffered.includes(language));
  const defaultShown = offered.some((language) => language === draft.defaultLanguage);

  const toggle = (language: string, on: boolean) =>
    onChange((d) => {
      const next = new Set(d.languagesOffered);
      if (on) next.add(language);
      else next.delete(language);
      return { ...d, languagesOffered: LANGUAGES.filter((l) => next.has(l)) };
    });

  return (
    <section class="settings-section" aria-labelledby="settings-languages-title">
      <h2 id="settings-languages-title">{t('mediator.settings.languages.title')}</h2>
      <fieldset class="settings-fieldset">
        <legend class="settings-legend">{t('mediator.settings.languages.offered')}</legend>
        <p class="settings-hint" id="settings-languages-hint">
          {t('mediator.settings.languages.offeredHint')}
        </p>
        {offeredError ? (
          <p class="settings-error" id={offeredErrorId ?? undefined}>
            {offeredError}
          </p>
        ) : null}
        <div class="settings-choices settings-choices-grid">
          {LANGUAGES.map((language) => (
            <SettingsChoice
              key={language}
              type="checkbox"
              id={`settings-language-${language}`}
              name="settings-languages"
              value={language}
              checked={draft.languagesOffered.includes(language)}
              invalid={offeredError !== null}
              describedBy={['settings-languages-hint', offeredErrorId]}
              onChange={(on) => toggle(language, on)}
              label={LANGUAGE_NATIVE_NAMES[language]}
              lang={language}
            />
          ))}
        </div>
      </fieldset>

      <div class="settings-field">
        <label class="settings-label" for="settings-default-language">
          {t('mediator.settings.languages.default')}
        </label>
        <p class="settings-hint" id="settings-default-language-hint">
          {t('mediator.settings.languages.defaultHint')}
        </p>
        {defaultError ? (
          <p class="settings-error" id={defaultErrorId ?? undefined}>
            {defaultError}
          </p>
        ) : null}
        <select
          id="settings-default-language"
          name="settings-default-language"
          class="settings-input settings-select"
          aria-invalid={defaultError ? 'true' : undefined}
          aria-describedby={describedBy(['settings-default-language-hint'], defaultErrorId)}
          value={defaultShown ? draft.defaultLanguage : ''}
          onChange={(event) => {
            const defaultLanguage = event.currentTarget.value;
            onChange((d) => ({ ...d, defaultLanguage }));
          }}
        >
          {defaultShown ? null : (
            <option value="" disabled>
              {t('mediator.settings.languages.chooseDefault')}
            </option>
          )}
          {offered.map((language) => (
            <option key={language} value={language} lang={language}>
              {LANGUAGE_NATIVE_NAMES[language]}
            </option>
          ))}
        </select>
      </div>

      <div class="settings-field">
        <SettingsChoice
          type="checkbox"
          id="settings-read-aloud"
          name="settings-read-aloud"
          checked={draft.readAloudDefault}
          onChange={(readAloudDefault) => onChange((d) => ({ ...d, readAloudDefault }))}
          label={t('mediator.settings.languages.readAloud')}
          hint={t('mediator.settings.languages.readAloudHint')}
        />
      </div>
    </section>
  );
}
