import './settings.css';
import { ArrowLeft } from 'lucide';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DeviceSettings } from '../../domain/device-settings';
import {
  draftFromSettings,
  validateSettings,
  type DeviceSettingsDraft,
  type SettingsErrors,
} from '../../domain/settings-validation';
import { StorageError } from '../../storage/errors';
import { writeDeviceSettings } from '../../storage/settings';
import { ConfirmDialog } from '../components/ConfirmDialog';
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
 * The draft in a form that tells a real change from none: texts and numbers trimmed (validation ignores the spaces
 * around them), object keys sorted (the order a field rebuilds its part in is no change).
 */
function comparable(draft: DeviceSettingsDraft): string {
  return JSON.stringify(draft, (_key, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/**
 * "Réglages de l'appareil": one form for every setting, checked whole and saved whole (nothing is written while a
 * field is wrong; each wrong field says why, and a summary at the top takes the focus), then the tools that act at
 * once: the places dataset, sending the counts now, the PIN, and resetting the device.
 *
 * "Enregistrer" sits in a bar pinned to the bottom of the screen while the form is in view, with a line that says
 * whether something is unsaved. Leaving by "Retour" with unsaved changes asks first; closing or reloading the tab
 * gets the browser's own warning.
 */
export function SettingsScreen({ services, onBack, onResetDevice, firstSetup = false }: SettingsScreenProps) {
  const { t } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [saved, setSaved] = useState<DeviceSettings>(services.settings);
  const [draft, setDraft] = useState<DeviceSettingsDraft>(() => draftFromSettings(services.settings));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [refusals, setRefusals] = useState(0);
  const [leaving, setLeaving] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const bar = useRef<HTMLDivElement>(null);
  const screen = useRef<HTMLElement>(null);
  // Set just before the device is reset: its reload must not ask about a draft that is being erased anyway.
  const unloading = useRef(false);

  const unsaved = useMemo(() => comparable(draft) !== comparable(draftFromSettings(saved)), [draft, saved]);

  // After each refused save, once the summary is painted.
  useEffect(() => {
    if (refusals > 0) summary.current?.focus();
  }, [refusals]);

  // A reload or a closed tab would lose the draft: the browser asks first, only while something is unsaved.
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (unloading.current) return;
      event.preventDefault();
      // Older Safari and Chromium ask only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  // The fields keep the bar's height below them when the focus scrolls to them (settings.css), whatever the text size.
  useEffect(() => {
    const element = bar.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      form.current?.style.setProperty('--settings-bar-height', `${Math.ceil(element.getBoundingClientRect().height)}px`);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // The space locks itself behind the PIN with this screen kept, hidden: a question left open would stay modal over
  // the PIN door, so it is put away (the draft stays; "Retour" asks again).
  useEffect(() => {
    const element = screen.current;
    if (!leaving || !element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (element.getClientRects().length === 0) setLeaving(false);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [leaving]);

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

  const back = () => (unsaved ? setLeaving(true) : onBack());
  const status = unsaved
    ? t('mediator.settings.saveBar.unsaved')
    : save.kind === 'saved'
      ? t('mediator.settings.save.saved')
      : t('mediator.settings.saveBar.clean');

  return (
    <main id="main" ref={screen} class="screen settings">
      <div class="settings-top">
        <button type="button" class="btn btn-secondary settings-icon-btn" onClick={back}>
          <Icon icon={ArrowLeft} size={24} class="flip-rtl" />
          <span>{t('mediator.settings.back')}</span>
        </button>
      </div>
      <h1 ref={heading} tabIndex={-1}>
        {t('mediator.settings.title')}
      </h1>
      {firstSetup ? <p class="settings-intro settings-setup">{t('mediator.settings.setupIntro')}</p> : null}
      <p class="settings-intro">{t('mediator.settings.intro')}</p>

      <form ref={form} class="settings-form" onSubmit={(event) => void submit(event)} noValidate>
        <SettingsErrorSummary errors={errors} summaryRef={summary} />
        <DeviceUseFields {...fields} />
        <LocationField {...fields} services={services} />
        <LanguagesFields {...fields} />
        <RetentionField {...fields} savedDays={saved.retentionDays} />
        <PlacesSourceField {...fields} />
        <SyncFields {...fields} />
        {/* Pinned to the bottom of the screen while the form is in view; it never covers the tools below the form. */}
        <div ref={bar} class="settings-savebar" data-unsaved={unsaved ? 'true' : undefined}>
          <button
            type="submit"
            class="btn btn-primary settings-save-button"
            aria-busy={save.kind === 'saving' ? 'true' : undefined}
            aria-describedby="settings-savebar-scope"
          >
            {t('mediator.settings.save.button')}
          </button>
          <div class="settings-savebar-text">
            <p class="settings-notice settings-savebar-status" role="status">
              {status}
            </p>
            <p class="settings-notice settings-error" role="alert">
              {save.kind === 'failed' ? t(SAVE_FAILURE_KEYS[save.reason]) : null}
            </p>
            <p class="settings-savebar-scope" id="settings-savebar-scope">
              {t('mediator.settings.saveBar.scope')}
            </p>
          </div>
        </div>
      </form>

      <p class="settings-intro settings-tools-intro">{t('mediator.settings.toolsIntro')}</p>
      <PlacesDatasetSection services={services} sourceUrl={saved.placesSourceUrl} />
      <SyncSection services={services} />
      <ChangePinSection services={services} />
      <ResetDeviceSection
        onResetDevice={() => {
          unloading.current = true;
          onResetDevice();
        }}
      />
      <ConfirmDialog
        open={leaving}
        title={t('mediator.settings.leave.title')}
        body={t('mediator.settings.leave.body')}
        confirmLabel={t('mediator.settings.leave.confirm')}
        cancelLabel={t('mediator.settings.leave.cancel')}
        onConfirm={() => {
          setLeaving(false);
          onBack();
        }}
        onCancel={() => setLeaving(false)}
      />
    </main>
  );
}
