import { DEVICE_MODES } from '../../domain/device-settings';
import { MAX_INACTIVITY_SECONDS, MAX_PX_PER_MM, MIN_INACTIVITY_SECONDS, MIN_PX_PER_MM } from '../../domain/settings-validation';
import { useI18n } from '../hooks/use-i18n';
import { errorId, errorMessage, type SettingsFieldsProps } from './settings-fields';
import { SettingsChoice } from './SettingsChoice';
import { SettingsTextField } from './SettingsTextField';

/** How the device is used (a kiosk left alone or a mediator's tablet), the kiosk's patience before it asks, its screen's density. */
export function DeviceUseFields({ draft, errors, onChange }: SettingsFieldsProps) {
  const { t } = useI18n();
  const modeError = errors.mode ? errorMessage(t, 'mode', errors.mode) : null;
  const inactivityError = errors.inactivitySeconds ? errorMessage(t, 'inactivitySeconds', errors.inactivitySeconds) : null;
  const pxPerMmError = errors.pxPerMm ? errorMessage(t, 'pxPerMm', errors.pxPerMm) : null;
  return (
    <section class="settings-section" aria-labelledby="settings-use-title">
      <h2 id="settings-use-title">{t('mediator.settings.use.title')}</h2>
      <fieldset class="settings-fieldset" aria-describedby={modeError ? errorId('mode') : undefined}>
        <legend class="settings-legend">{t('mediator.settings.use.mode')}</legend>
        {modeError ? (
          <p class="settings-error" id={errorId('mode')}>
            {modeError}
          </p>
        ) : null}
        <div class="settings-choices">
          {DEVICE_MODES.map((mode) => (
            <SettingsChoice
              key={mode}
              type="radio"
              id={`settings-mode-${mode}`}
              name="settings-mode"
              value={mode}
              checked={draft.mode === mode}
              onChange={() => onChange((d) => ({ ...d, mode }))}
              label={t(`mediator.settings.use.modes.${mode}`)}
              hint={t(`mediator.settings.use.modeHints.${mode}`)}
            />
          ))}
        </div>
      </fieldset>
      <SettingsTextField
        id="settings-inactivity"
        label={t('mediator.settings.use.inactivity')}
        hint={t('mediator.settings.use.inactivityHint', { min: MIN_INACTIVITY_SECONDS, max: MAX_INACTIVITY_SECONDS })}
        error={inactivityError}
        type="number"
        inputMode="numeric"
        size="short"
        min={MIN_INACTIVITY_SECONDS}
        max={MAX_INACTIVITY_SECONDS}
        value={draft.inactivitySeconds}
        onValue={(inactivitySeconds) => onChange((d) => ({ ...d, inactivitySeconds }))}
      />
      {/* The touch try's targets are sized in millimetres of this screen (docs/TRIES.md). */}
      <SettingsTextField
        id="settings-px-per-mm"
        label={t('mediator.settings.use.pxPerMm')}
        hint={t('mediator.settings.use.pxPerMmHint', { min: MIN_PX_PER_MM, max: MAX_PX_PER_MM })}
        error={pxPerMmError}
        inputMode="decimal"
        size="short"
        value={draft.pxPerMm}
        onValue={(pxPerMm) => onChange((d) => ({ ...d, pxPerMm }))}
      />
    </section>
  );
}
