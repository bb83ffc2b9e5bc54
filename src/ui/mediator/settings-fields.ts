import { MIN_K } from '../../domain/aggregate';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../domain/retention';
import {
  MAX_INACTIVITY_SECONDS,
  MAX_LOCATION_LABEL_LENGTH,
  MAX_REASONABLE_DISTANCE_KM,
  MIN_INACTIVITY_SECONDS,
  MIN_REASONABLE_DISTANCE_KM,
  MAX_PX_PER_MM,
  MIN_PX_PER_MM,
  type DeviceSettingsDraft,
  type SettingsErrorCode,
  type SettingsErrors,
  type SettingsField,
} from '../../domain/settings-validation';
import type { I18nValue } from '../hooks/use-i18n';

/** What every group of fields of the settings form receives: the draft, its errors, and a way to change it. */
export interface SettingsFieldsProps {
  readonly draft: DeviceSettingsDraft;
  readonly errors: SettingsErrors;
  readonly onChange: (update: (draft: DeviceSettingsDraft) => DeviceSettingsDraft) => void;
}

/**
 * Where each field is on the screen (its input, or the first input of its group) and the key of its label, so the
 * error summary can name it and take the mediator there. In the order of the screen.
 */
export const SETTINGS_FIELDS: ReadonlyArray<{ readonly field: SettingsField; readonly id: string; readonly labelKey: string }> = [
  { field: 'mode', id: 'settings-mode-publicKiosk', labelKey: 'mediator.settings.use.mode' },
  { field: 'inactivitySeconds', id: 'settings-inactivity', labelKey: 'mediator.settings.use.inactivity' },
  { field: 'pxPerMm', id: 'settings-px-per-mm', labelKey: 'mediator.settings.use.pxPerMm' },
  { field: 'location.lat', id: 'settings-lat', labelKey: 'mediator.settings.location.lat' },
  { field: 'location.lon', id: 'settings-lon', labelKey: 'mediator.settings.location.lon' },
  { field: 'location.label', id: 'settings-label', labelKey: 'mediator.settings.location.label' },
  { field: 'inseeCode', id: 'settings-insee', labelKey: 'mediator.settings.location.insee' },
  { field: 'languagesOffered', id: 'settings-language-fr', labelKey: 'mediator.settings.languages.offered' },
  { field: 'defaultLanguage', id: 'settings-default-language', labelKey: 'mediator.settings.languages.default' },
  { field: 'retentionDays', id: 'settings-retention', labelKey: 'mediator.settings.retention.days' },
  { field: 'placesSourceUrl', id: 'settings-places-url', labelKey: 'mediator.settings.placesSource.url' },
  { field: 'sync.collectorUrl', id: 'settings-collector-url', labelKey: 'mediator.settings.sync.collectorUrl' },
  { field: 'sync.token', id: 'settings-token', labelKey: 'mediator.settings.sync.token' },
  { field: 'territoryLevel', id: 'settings-territory-commune', labelKey: 'mediator.settings.sync.territory' },
  { field: 'k', id: 'settings-k', labelKey: 'mediator.settings.sync.k' },
];

const byField = new Map(SETTINGS_FIELDS.map((entry) => [entry.field, entry]));

/** The id of a field's input (the first of its group). */
export function fieldId(field: SettingsField): string {
  return byField.get(field)?.id ?? `settings-${field.replace('.', '-')}`;
}

/** The id of the message under a field, for aria-describedby and the summary. */
export function errorId(field: SettingsField): string {
  return `${fieldId(field)}-error`;
}

/** The bounds a number field is checked against (settings-validation.ts; latitude and longitude are plain geography). */
const BOUNDS: Partial<Record<SettingsField, { readonly min: number; readonly max?: number }>> = {
  'location.lat': { min: -90, max: 90 },
  'location.lon': { min: -180, max: 180 },
  inactivitySeconds: { min: MIN_INACTIVITY_SECONDS, max: MAX_INACTIVITY_SECONDS },
  retentionDays: { min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS },
  k: { min: MIN_K },
  reasonableDistanceKm: { min: MIN_REASONABLE_DISTANCE_KM, max: MAX_REASONABLE_DISTANCE_KM },
  pxPerMm: { min: MIN_PX_PER_MM, max: MAX_PX_PER_MM },
};

/**
 * The message for a refused field: one per code (`mediator.settings.errors.<code>`), said more precisely where the
 * same code means different things (a language list, an INSEE code, a token, a half-filled location, sending).
 */
export function errorMessage(t: I18nValue['t'], field: SettingsField, code: SettingsErrorCode): string {
  if (code === 'required') {
    if (field === 'languagesOffered') return t('mediator.settings.errors.noLanguage');
    if (field === 'inseeCode') return t('mediator.settings.errors.inseeRequiredForSync');
    if (field === 'sync.collectorUrl' || field === 'sync.token') return t('mediator.settings.errors.requiredForSync');
    if (field.startsWith('location.')) return t('mediator.settings.errors.locationIncomplete');
  }
  if (code === 'invalidFormat') {
    if (field === 'inseeCode') return t('mediator.settings.errors.invalidInseeCode');
    if (field === 'sync.token') return t('mediator.settings.errors.invalidToken');
  }
  if (code === 'outOfRange') {
    const bounds = BOUNDS[field];
    if (bounds?.max === undefined) return t('mediator.settings.errors.outOfRangeMin', { min: bounds?.min ?? 0 });
    return t('mediator.settings.errors.outOfRange', { min: bounds.min, max: bounds.max });
  }
  if (code === 'tooLong') return t('mediator.settings.errors.tooLong', { max: MAX_LOCATION_LABEL_LENGTH });
  return t(`mediator.settings.errors.${code}`);
}

/** aria-describedby for an input: its hint(s), and its error message when it has one. */
export function describedBy(hints: ReadonlyArray<string | false | null | undefined>, error: string | null): string | undefined {
  const ids = [...hints.filter((id): id is string => typeof id === 'string' && id !== ''), ...(error ? [error] : [])];
  return ids.length > 0 ? ids.join(' ') : undefined;
}
