import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, validateRetentionDays } from '../../domain/retention';
import { useI18n } from '../hooks/use-i18n';
import { errorMessage, type SettingsFieldsProps } from './settings-fields';
import { SettingsTextField } from './SettingsTextField';

export interface RetentionFieldProps extends SettingsFieldsProps {
  /** The days saved now: the sentence says them while the field holds something else than a right number. */
  readonly savedDays: number;
}

/** How long finished results stay on the device, and what that means in plain words. */
export function RetentionField({ draft, errors, onChange, savedDays }: RetentionFieldProps) {
  const { t } = useI18n();
  const text = String(draft.retentionDays).trim();
  const typed = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  const checked = validateRetentionDays(typed);
  const days = checked.ok ? checked.days : savedDays;
  return (
    <section class="settings-section" aria-labelledby="settings-retention-title">
      <h2 id="settings-retention-title">{t('mediator.settings.retention.title')}</h2>
      <SettingsTextField
        id="settings-retention"
        label={t('mediator.settings.retention.days')}
        hint={t('mediator.settings.retention.bounds', { min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS })}
        note={t('mediator.settings.retention.explanation', { days })}
        error={errors.retentionDays ? errorMessage(t, 'retentionDays', errors.retentionDays) : null}
        type="number"
        inputMode="numeric"
        size="short"
        min={MIN_RETENTION_DAYS}
        max={MAX_RETENTION_DAYS}
        value={draft.retentionDays}
        onValue={(retentionDays) => onChange((d) => ({ ...d, retentionDays }))}
      />
    </section>
  );
}
