import './settings.css';
import { ArrowLeft } from 'lucide';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DeviceSettings } from '../../domain/device-settings';
import {
  draftFromSettings,
  validateSettings,
  type DeviceSettingsDraft,
  type SettingsErrors,
} from '../../domain/settings-validation';
import { StorageError } from '../../storage/errors';
import { writeDeviceSettings } from '../../storage/settings';
import { Icon } from '../components/Icon';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useI18n } from '../hooks/use-i18n';
import { ChangePinSection } from './ChangePinSection';
import { DeviceUseFields } from './DeviceUseFields';
import { LanguagesFields } from './LanguagesFields';
import { LocationField } from './LocationField';
import type { MediatorServices } from './mediator-services';
import { PlacesDatasetSection } from './PlacesDatasetSection';
import { PlacesSourceField } from './PlacesSourceField';
import { ResetDeviceSection } from './ResetDeviceSection';
import { RetentionField } from './RetentionField';
import { SettingsErrorSummary } from './SettingsErrorSummary';
import { SyncFields } from './SyncFields';
import { SyncSection } from './SyncSection';

export interface SettingsScreenProps {
  readonly services: MediatorServices;
  readonly onBack: () => void;
  /** The mediator confirmed "reset the device": the app erases everything and restarts. */
  readonly onResetDevice: () => void;
  /** Opened right after the PIN of a new device was created (the setup path): says what to set next. */
  readonly firstSetup?: boolean;
}

/** What the last press of "Enregistrer" did. */
type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'failed'; readonly reason: StorageError['reason'] };

const SAVE_FAILURE_KEYS: Readonly<Record<StorageError['reason'], string>> = {
  quota: 'mediator.settings.save.failedQuota',
  closed: 'mediator.settings.save.failedClosed',
  unknown: 'mediator.settings.save.failedUnknown',
};

/**
 * "Réglages de l'appareil": one form for every setting, checked whole and saved whole (nothing is written while a
 * field is wrong; each wrong field says why, and a summary at the top takes the focus), then the tools that act at
 * once: the places dataset, sending the counts now, the PIN, and resetting the device.
 */
export function SettingsScreen({ services, onBack, onResetDevice, firstSetup = false }: SettingsScreenProps) {
  const { t } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [saved, setSaved] = useState<DeviceSettings>(services.settings);
  const [draft, setDraft] = useState<DeviceSettingsDraft>(() => draftFromSettings(services.settings));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [refusals, setRefusals] = useState(0);
  const summary = useRef<HTMLDivElement>(null);

  // After each refused save, once the summary is painted.
  useEffect(() => {
    if (refusals > 0) summary.current?.focus();
  }, [refusals]);

  const onChange = (update: (current: DeviceSettingsDraft) => DeviceSettingsDraft) => {
    setDraft(update);
    // "Réglages enregistrés" would be untrue once something else is typed.
    setSave((current) => (current.kind === 'saved' ? { kind: 'idle' } : current));
  };
  const fields = { draft, errors, onChange };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (save.kind === 'saving') return;
    const checked = validateSettings(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setSave({ kind: 'idle' });
      setRefusals((n) => n + 1);
      return;
    }
    setErrors({});
    setSave({ kind: 'saving' });
    try {
      await writeDeviceSettings(services.storage, checked.settings);
    } catch (error) {
      // Nothing was written: the settings in use stay as they were, the form keeps what was typed.
      setSave({ kind: 'failed', reason: error instanceof StorageError ? error.reason : 'unknown' });
      return;
    }
    setSaved(checked.settings);
    setDraft(draftFromSettings(checked.settings));
    setSave({ kind: 'saved' });
    services.onSettingsSaved(checked.settings);
  };

  return (
    <main id="main" class="screen settings">
      <div class="settings-top">
        <button type="button" class="btn btn-secondary settings-icon-btn" onClick={onBack}>
          <Icon icon={ArrowLeft} size={24} class="flip-rtl" />
          <span>{t('mediator.settings.back')}</span>
        </button>
      </div>
      <h1 ref={heading} tabIndex={-1}>
        {t('mediator.settings.title')}
      </h1>
      {firstSetup ? <p class="settings-intro settings-setup">{t('mediator.settings.setupIntro')}</p> : null}
      <p class="settings-intro">{t('mediator.settings.intro')}</p>

      <form class="settings-form" onSubmit={(event) => void submit(event)} noValidate>
        <SettingsErrorSummary errors={errors} summaryRef={summary} />
        <DeviceUseFields {...fields} />
        <LocationField {...fields} services={services} />
        <LanguagesFields {...fields} />
        <RetentionField {...fields} savedDays={saved.retentionDays} />
        <PlacesSourceField {...fields} />
        <SyncFields {...fields} />
        <div class="settings-save">
          <button type="submit" class="btn btn-primary settings-save-button" aria-busy={save.kind === 'saving' ? 'true' : undefined}>
            {t('mediator.settings.save.button')}
          </button>
          <p class="settings-notice settings-saved" role="status">
            {save.kind === 'saved' ? t('mediator.settings.save.saved') : null}
          </p>
          <p class="settings-notice settings-error" role="alert">
            {save.kind === 'failed' ? t(SAVE_FAILURE_KEYS[save.reason]) : null}
          </p>
        </div>
      </form>

      <PlacesDatasetSection services={services} sourceUrl={saved.placesSourceUrl} />
      <SyncSection services={services} />
      <ChangePinSection services={services} />
      <ResetDeviceSection onResetDevice={onResetDevice} />
    </main>
  );
}
