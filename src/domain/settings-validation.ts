import { MIN_K } from './aggregate';
import {
  DEVICE_MODES,
  TERRITORY_LEVELS,
  type DeviceLocation,
  type DeviceSettings,
  type SyncSettings,
} from './device-settings';
import { LANGUAGES, isLanguage, type Language } from './language';
import { validateRetentionDays } from './retention';

/**
 * Checking a change of the device settings before it is saved: every field is checked, every error is reported with
 * the field it belongs to, and the settings come out only when all of them are right. Nothing is half-saved.
 */

export const MIN_INACTIVITY_SECONDS = 30;
export const MAX_INACTIVITY_SECONDS = 600;
/** The reasonable distance to a help place, in km: from a town (5) to a rural département (200). */
export const MIN_REASONABLE_DISTANCE_KM = 5;
export const MAX_REASONABLE_DISTANCE_KM = 200;
/** CSS pixels per millimetre a screen may have (docs/TRIES.md): from a large kiosk to a dense phone. */
export const MIN_PX_PER_MM = 2;
export const MAX_PX_PER_MM = 16;
export const MAX_LOCATION_LABEL_LENGTH = 100;
const MIN_LATITUDE = -90;
const MAX_LATITUDE = 90;
const MIN_LONGITUDE = -180;
const MAX_LONGITUDE = 180;

/**
 * A number as a form gives it: the text typed (a decimal comma is fine; empty is `required`) or an input's
 * `valueAsNumber` (NaN, which an empty input also gives, is `notANumber`).
 */
export type NumberInput = string | number;

/**
 * The settings form as the mediator filled it in: text as typed, choices as their ids. An empty text means "not
 * set": no commune, no location (all three location fields empty), no collector, no token, no places source.
 */
export interface DeviceSettingsDraft {
  readonly mode: string;
  readonly defaultLanguage: string;
  readonly languagesOffered: readonly string[];
  readonly inactivitySeconds: NumberInput;
  readonly inseeCode: string;
  readonly retentionDays: NumberInput;
  readonly location: { readonly lat: NumberInput; readonly lon: NumberInput; readonly label: string };
  readonly readAloudDefault: boolean;
  readonly sync: { readonly enabled: boolean; readonly collectorUrl: string; readonly token: string };
  readonly placesSourceUrl: string;
  readonly territoryLevel: string;
  readonly k: NumberInput;
  readonly reasonableDistanceKm: NumberInput;
  readonly pxPerMm: NumberInput;
}

/** A form field, named by its path in DeviceSettings. */
export type SettingsField =
  | 'mode'
  | 'defaultLanguage'
  | 'languagesOffered'
  | 'inactivitySeconds'
  | 'inseeCode'
  | 'retentionDays'
  | 'location.lat'
  | 'location.lon'
  | 'location.label'
  | 'sync.collectorUrl'
  | 'sync.token'
  | 'placesSourceUrl'
  | 'territoryLevel'
  | 'k'
  | 'reasonableDistanceKm'
  | 'pxPerMm';

/**
 * Why a field is refused (the UI says it for that field):
 * - `required`: empty, but needed (a location with only some of its fields, sending enabled without collector, token
 *   or commune, no language offered);
 * - `notANumber`, `notAnInteger`: the text is not a number, or not a whole one;
 * - `outOfRange`: outside the bounds (latitude −90–90, longitude −180–180, inactivity 30–600 s, retention 1–365 days,
 *   k at least MIN_K);
 * - `invalidChoice`: not one of the values offered (mode, territory level, a language);
 * - `defaultNotOffered`: the default language is not among the languages offered;
 * - `invalidFormat`: not an INSEE commune code (21231, 2A004, 97411…), or a token with characters other than plain
 *   letters, digits and signs;
 * - `invalidUrl`: not a web address (or one holding a user name or password);
 * - `insecureUrl`: not https (http only for a collector on this very machine: localhost, 127.0.0.1, [::1]);
 * - `containsSpaces`: a token with a space inside;
 * - `tooLong`: a location label of more than MAX_LOCATION_LABEL_LENGTH characters.
 */
export type SettingsErrorCode =
  | 'required'
  | 'notANumber'
  | 'notAnInteger'
  | 'outOfRange'
  | 'invalidChoice'
  | 'defaultNotOffered'
  | 'invalidFormat'
  | 'invalidUrl'
  | 'insecureUrl'
  | 'containsSpaces'
  | 'tooLong';

export type SettingsErrors = Partial<Record<SettingsField, SettingsErrorCode>>;

export type SettingsValidation =
  | { readonly ok: true; readonly settings: DeviceSettings }
  | { readonly ok: false; readonly errors: SettingsErrors };

/** One field's verdict. */
type FieldResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SettingsErrorCode };
/** A group of fields' verdict: a value, or the errors of its fields. */
type Check<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: SettingsErrors };

const valid = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const invalid = (error: SettingsErrorCode): FieldResult<never> => ({ ok: false, error });

function onField<T>(field: SettingsField, result: FieldResult<T>): Check<T> {
  return result.ok ? result : { ok: false, errors: { [field]: result.error } };
}

const DECIMAL = /^[+-]?\d+(?:[.,]\d+)?$/;

function parseNumber(input: NumberInput): FieldResult<number> {
  if (typeof input === 'number') return Number.isFinite(input) ? valid(input) : invalid('notANumber');
  const text = input.trim();
  if (text === '') return invalid('required');
  return DECIMAL.test(text) ? valid(Number(text.replace(',', '.'))) : invalid('notANumber');
}

function parseInteger(input: NumberInput): FieldResult<number> {
  const parsed = parseNumber(input);
  if (!parsed.ok) return parsed;
  return Number.isInteger(parsed.value) ? parsed : invalid('notAnInteger');
}

function within(parsed: FieldResult<number>, min: number, max: number): FieldResult<number> {
  if (!parsed.ok) return parsed;
  return parsed.value >= min && parsed.value <= max ? parsed : invalid('outOfRange');
}

function choice<T extends string>(value: string, choices: readonly T[]): FieldResult<T> {
  const found = choices.find((option) => option === value);
  return found === undefined ? invalid('invalidChoice') : valid(found);
}

/**
 * INSEE commune code (Code officiel géographique): a département (01–19, 21–95, 2A or 2B for Corsica) and 3 digits, or
 * an overseas département or collectivity (971–978) and 2 digits.
 */
const INSEE_COMMUNE_CODE = /^(?:(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])\d{3}|97[1-8]\d{2})$/;

function checkInseeCode(input: string, syncEnabled: boolean): FieldResult<string | null> {
  const code = input.trim().toUpperCase();
  // Without a commune no batch can be built: sending would silently send nothing.
  if (code === '') return syncEnabled ? invalid('required') : valid(null);
  return INSEE_COMMUNE_CODE.test(code) ? valid(code) : invalid('invalidFormat');
}

const URL_PARTS = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i;
const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i;
const IPV6_HOST = /^\[[0-9a-f:.]+\]$/i;
const PORT = /^\d{1,5}$/;
const MAX_PORT = 65_535;
const THIS_MACHINE = ['localhost', '127.0.0.1', '[::1]'];

function splitHostPort(authority: string): { host: string; port: string | null } {
  const portAt = authority.lastIndexOf(':');
  if (portAt === -1 || authority.endsWith(']')) return { host: authority, port: null };
  return { host: authority.slice(0, portAt), port: authority.slice(portAt + 1) };
}

function isValidAuthority(authority: string): boolean {
  const { host, port } = splitHostPort(authority);
  const hostOk = HOST_NAME.test(host) || IPV6_HOST.test(host);
  const portOk = port === null || (PORT.test(port) && Number(port) >= 1 && Number(port) <= MAX_PORT);
  return hostOk && portOk;
}

/**
 * A web address: https, or (when `localHttp`) http to this very machine. Empty gives null. Parsed by hand, as the
 * domain has no URL class (no DOM, no Node).
 */
function checkUrl(input: string, options: { localHttp: boolean }): FieldResult<string | null> {
  const url = input.trim();
  if (url === '') return valid(null);
  const parts = URL_PARTS.exec(url);
  if (!parts || /\s/.test(url)) return invalid('invalidUrl');
  const [, scheme = '', authority = ''] = parts;
  if (!isValidAuthority(authority)) return invalid('invalidUrl');
  const lowerScheme = scheme.toLowerCase();
  if (lowerScheme === 'https') return valid(url);
  const onThisMachine = THIS_MACHINE.includes(splitHostPort(authority).host.toLowerCase());
  return lowerScheme === 'http' && options.localHttp && onThisMachine ? valid(url) : invalid('insecureUrl');
}

/** What an HTTP header may carry: visible ASCII characters (the token goes in `Authorization: Bearer …`). */
const HEADER_TOKEN = /^[\x21-\x7e]+$/;

function checkToken(input: string): FieldResult<string | null> {
  const token = input.trim();
  if (token === '') return valid(null);
  if (/\s/.test(token)) return invalid('containsSpaces');
  return HEADER_TOKEN.test(token) ? valid(token) : invalid('invalidFormat');
}

function checkOfferedLanguages(offered: readonly string[]): FieldResult<readonly Language[]> {
  if (offered.length === 0) return invalid('required');
  if (!offered.every(isLanguage)) return invalid('invalidChoice');
  return valid(LANGUAGES.filter((language) => offered.includes(language)));
}

/** The default language, checked against the offered ones only when those are right (one error at a time). */
function checkDefaultLanguage(value: string, offered: FieldResult<readonly Language[]>): FieldResult<Language> {
  if (!isLanguage(value)) return invalid('invalidChoice');
  return offered.ok && !offered.value.includes(value) ? invalid('defaultNotOffered') : valid(value);
}

function checkLanguages(defaultLanguage: string, offered: readonly string[]) {
  const languagesOffered = checkOfferedLanguages(offered);
  return settle({
    defaultLanguage: onField('defaultLanguage', checkDefaultLanguage(defaultLanguage, languagesOffered)),
    languagesOffered: onField('languagesOffered', languagesOffered),
  });
}

function isBlank(input: NumberInput): boolean {
  return typeof input === 'string' && input.trim() === '';
}

function checkLabel(input: string): FieldResult<string> {
  const label = input.trim();
  if (label === '') return invalid('required');
  return label.length > MAX_LOCATION_LABEL_LENGTH ? invalid('tooLong') : valid(label);
}

function checkLocation(draft: DeviceSettingsDraft['location']): Check<DeviceLocation | null> {
  if (isBlank(draft.lat) && isBlank(draft.lon) && draft.label.trim() === '') return { ok: true, value: null };
  return settle({
    lat: onField('location.lat', within(parseNumber(draft.lat), MIN_LATITUDE, MAX_LATITUDE)),
    lon: onField('location.lon', within(parseNumber(draft.lon), MIN_LONGITUDE, MAX_LONGITUDE)),
    label: onField('location.label', checkLabel(draft.label)),
  });
}

function checkSync(draft: DeviceSettingsDraft['sync']): Check<SyncSettings> {
  const needed = <T>(result: FieldResult<T | null>): FieldResult<T | null> =>
    draft.enabled && result.ok && result.value === null ? invalid('required') : result;
  return settle({
    enabled: { ok: true, value: draft.enabled },
    collectorUrl: onField('sync.collectorUrl', needed(checkUrl(draft.collectorUrl, { localHttp: true }))),
    token: onField('sync.token', needed(checkToken(draft.token))),
  });
}

function checkRetentionDays(input: NumberInput): FieldResult<number> {
  const parsed = parseInteger(input);
  if (!parsed.ok) return parsed;
  const days = validateRetentionDays(parsed.value);
  return days.ok ? valid(days.days) : invalid(days.error);
}

type Values<C> = { [K in keyof C]: C[K] extends Check<infer T> ? T : never };

/** All the values of a group of checks, or the errors of every field that failed. */
function settle<C extends Record<string, Check<unknown>>>(checks: C): Check<Values<C>> {
  const errors: SettingsErrors = {};
  const values: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(checks)) {
    if (check.ok) values[key] = check.value;
    else Object.assign(errors, check.errors);
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: values as Values<C> };
}

/**
 * Checks a whole settings form. Every field is checked, so the mediator sees all that is wrong at once; the settings
 * are returned only when everything is right (texts trimmed, the INSEE code in capitals, languages in the order of
 * LANGUAGES), so a change is saved whole or not at all.
 */
export function validateSettings(draft: DeviceSettingsDraft): SettingsValidation {
  const checked = settle({
    mode: onField('mode', choice(draft.mode, DEVICE_MODES)),
    languages: checkLanguages(draft.defaultLanguage, draft.languagesOffered),
    inactivitySeconds: onField(
      'inactivitySeconds',
      within(parseInteger(draft.inactivitySeconds), MIN_INACTIVITY_SECONDS, MAX_INACTIVITY_SECONDS),
    ),
    inseeCode: onField('inseeCode', checkInseeCode(draft.inseeCode, draft.sync.enabled)),
    retentionDays: onField('retentionDays', checkRetentionDays(draft.retentionDays)),
    location: checkLocation(draft.location),
    sync: checkSync(draft.sync),
    placesSourceUrl: onField('placesSourceUrl', checkUrl(draft.placesSourceUrl, { localHttp: false })),
    territoryLevel: onField('territoryLevel', choice(draft.territoryLevel, TERRITORY_LEVELS)),
    k: onField('k', within(parseInteger(draft.k), MIN_K, Number.POSITIVE_INFINITY)),
    reasonableDistanceKm: onField(
      'reasonableDistanceKm',
      within(parseInteger(draft.reasonableDistanceKm), MIN_REASONABLE_DISTANCE_KM, MAX_REASONABLE_DISTANCE_KM),
    ),
    pxPerMm: onField('pxPerMm', within(parseNumber(draft.pxPerMm), MIN_PX_PER_MM, MAX_PX_PER_MM)),
  });
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const { languages, ...rest } = checked.value;
  return { ok: true, settings: { ...rest, ...languages, readAloudDefault: draft.readAloudDefault } };
}

/** The form filled with the current settings, to be edited. */
export function draftFromSettings(settings: DeviceSettings): DeviceSettingsDraft {
  return {
    mode: settings.mode,
    defaultLanguage: settings.defaultLanguage,
    languagesOffered: settings.languagesOffered,
    inactivitySeconds: String(settings.inactivitySeconds),
    inseeCode: settings.inseeCode ?? '',
    retentionDays: String(settings.retentionDays),
    location: {
      lat: settings.location === null ? '' : String(settings.location.lat),
      lon: settings.location === null ? '' : String(settings.location.lon),
      label: settings.location?.label ?? '',
    },
    readAloudDefault: settings.readAloudDefault,
    sync: {
      enabled: settings.sync.enabled,
      collectorUrl: settings.sync.collectorUrl ?? '',
      token: settings.sync.token ?? '',
    },
    placesSourceUrl: settings.placesSourceUrl ?? '',
    territoryLevel: settings.territoryLevel,
    k: String(settings.k),
    reasonableDistanceKm: String(settings.reasonableDistanceKm),
    pxPerMm: String(settings.pxPerMm),
  };
}
