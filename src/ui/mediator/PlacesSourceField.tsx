import { useI18n } from '../hooks/use-i18n';
import { errorMessage, type SettingsFieldsProps } from './settings-fields';
import { SettingsTextField } from './SettingsTextField';

/** The address the help places may be refreshed from (the refresh itself is in PlacesDatasetSection). */
export function PlacesSourceField({ draft, errors, onChange }: SettingsFieldsProps) {
  const { t } = useI18n();
  return (
    <section class="settings-section" aria-labelledby="settings-places-source-title">
      <h2 id="settings-places-source-title">{t('mediator.settings.placesSource.title')}</h2>
      <SettingsTextField
        id="settings-places-url"
        label={t('mediator.settings.placesSource.url')}
        hint={t('mediator.settings.placesSource.urlHint')}
        error={errors.placesSourceUrl ? errorMessage(t, 'placesSourceUrl', errors.placesSourceUrl) : null}
        type="url"
        inputMode="url"
        dir="ltr"
        size="long"
        value={draft.placesSourceUrl}
        onValue={(value) => onChange((d) => ({ ...d, placesSourceUrl: String(value) }))}
      />
    </section>
  );
}
