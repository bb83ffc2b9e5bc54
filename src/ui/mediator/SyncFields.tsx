import { Eye, EyeOff } from 'lucide';
import { useState } from 'preact/hooks';
import { MIN_K } from '../../domain/aggregate';
import { TERRITORY_LEVELS } from '../../domain/device-settings';
import { Icon } from '../components/Icon';
import { useI18n } from '../hooks/use-i18n';
import { errorId, errorMessage, type SettingsFieldsProps } from './settings-fields';
import { SettingsChoice } from './SettingsChoice';
import { SettingsTextField } from './SettingsTextField';

/**
 * Sending the anonymous weekly counts: on or off, where to (the collector's address and this device's enrollment
 * token, hidden unless asked), whether counts name the commune or the département, and k.
 */
export function SyncFields({ draft, errors, onChange }: SettingsFieldsProps) {
  const { t } = useI18n();
  const [showToken, setShowToken] = useState(false);
  const message = (field: 'sync.collectorUrl' | 'sync.token' | 'territoryLevel' | 'k') => {
    const code = errors[field];
    return code ? errorMessage(t, field, code) : null;
  };
  const territoryError = message('territoryLevel');
  const setSync = (change: Partial<SettingsFieldsProps['draft']['sync']>) =>
    onChange((d) => ({ ...d, sync: { ...d.sync, ...change } }));

  return (
    <section class="settings-section" aria-labelledby="settings-sync-title">
      <h2 id="settings-sync-title">{t('mediator.settings.sync.title')}</h2>
      <p class="settings-hint" id="settings-sync-what">
        {t('mediator.settings.sync.whatIsSent')}
      </p>
      <div class="settings-field">
        <SettingsChoice
          type="checkbox"
          id="settings-sync-enabled"
          name="settings-sync-enabled"
          checked={draft.sync.enabled}
          describedBy={['settings-sync-what']}
          onChange={(enabled) => setSync({ enabled })}
          label={t('mediator.settings.sync.enabled')}
        />
      </div>
      <SettingsTextField
        id="settings-collector-url"
        label={t('mediator.settings.sync.collectorUrl')}
        hint={t('mediator.settings.sync.collectorUrlHint')}
        error={message('sync.collectorUrl')}
        type="url"
        inputMode="url"
        dir="ltr"
        size="long"
        value={draft.sync.collectorUrl}
        onValue={(value) => setSync({ collectorUrl: String(value) })}
      />
      <SettingsTextField
        id="settings-token"
        label={t('mediator.settings.sync.token')}
        hint={t('mediator.settings.sync.tokenHint')}
        error={message('sync.token')}
        type={showToken ? 'text' : 'password'}
        dir="ltr"
        size="long"
        value={draft.sync.token}
        onValue={(value) => setSync({ token: String(value) })}
        after={
          <button
            type="button"
            class="btn btn-secondary settings-icon-btn"
            aria-controls="settings-token"
            onClick={() => setShowToken((shown) => !shown)}
          >
            <Icon icon={showToken ? EyeOff : Eye} size={24} />
            <span>{t(showToken ? 'mediator.settings.sync.hideToken' : 'mediator.settings.sync.showToken')}</span>
          </button>
        }
      />
      <fieldset class="settings-fieldset" aria-describedby={territoryError ? errorId('territoryLevel') : undefined}>
        <legend class="settings-legend">{t('mediator.settings.sync.territory')}</legend>
        {territoryError ? (
          <p class="settings-error" id={errorId('territoryLevel')}>
            {territoryError}
          </p>
        ) : null}
        <div class="settings-choices">
          {TERRITORY_LEVELS.map((level) => (
            <SettingsChoice
              key={level}
              type="radio"
              id={`settings-territory-${level}`}
              name="settings-territory"
              value={level}
              checked={draft.territoryLevel === level}
              onChange={() => onChange((d) => ({ ...d, territoryLevel: level }))}
              label={t(`mediator.settings.sync.territories.${level}`)}
            />
          ))}
        </div>
      </fieldset>
      <SettingsTextField
        id="settings-k"
        label={t('mediator.settings.sync.k')}
        hint={t('mediator.settings.sync.kHint', { min: MIN_K })}
        error={message('k')}
        type="number"
        inputMode="numeric"
        size="short"
        min={MIN_K}
        value={draft.k}
        onValue={(k) => onChange((d) => ({ ...d, k }))}
      />
    </section>
  );
}
