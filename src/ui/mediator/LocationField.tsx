import { LocateFixed } from 'lucide';
import { useRef, useState } from 'preact/hooks';
import { communesLoader } from '../../app/communes';
import type { Place } from '../../domain/place';
import { findCommunes, normalizeName, originForCommune, type Commune } from '../../domain/place-search';
import { MAX_LOCATION_LABEL_LENGTH, MAX_REASONABLE_DISTANCE_KM, MIN_REASONABLE_DISTANCE_KM } from '../../domain/settings-validation';
import { Icon } from '../components/Icon';
import { useI18n } from '../hooks/use-i18n';
import { devicePosition, type PositionFailure } from '../services/device-position';
import type { MediatorServices } from './mediator-services';
import { errorMessage, type SettingsFieldsProps } from './settings-fields';
import { SettingsTextField } from './SettingsTextField';

export interface LocationFieldProps extends SettingsFieldsProps {
  readonly services: MediatorServices;
}

type Notice = { readonly key: string; readonly values?: Record<string, string> } | null;

/** Six decimals would be 10 cm: five (about a metre) is more than a library needs. */
const round = (value: number) => Math.round(value * 1e5) / 1e5;

/** Wraps a left-to-right name so an Arabic sentence does not reorder its parts. */
const isolate = (text: string) => `\u2068${text}\u2069`;

/**
 * Where the device stands, three ways: a commune chosen from the table the app ships (its position is the centre of
 * the dataset's places there, its INSEE code goes with it), a latitude and longitude typed, or this device's own
 * position. Plus the INSEE code the anonymous counts carry.
 */
export function LocationField({ draft, errors, onChange, services }: LocationFieldProps) {
  const { t } = useI18n();
  // One loader for the screen's life: the services are rebuilt on every save, the communes table does not change.
  const [loadCommunes] = useState(() => communesLoader(services.fetcher));
  const [query, setQuery] = useState('');
  const [choices, setChoices] = useState<readonly Commune[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [searching, setSearching] = useState(false);
  const [locating, setLocating] = useState(false);
  const queryInput = useRef<HTMLInputElement>(null);
  const canLocate = typeof navigator !== 'undefined' && 'geolocation' in navigator;

  const message = (field: 'location.lat' | 'location.lon' | 'location.label' | 'inseeCode' | 'reasonableDistanceKm') => {
    const code = errors[field];
    return code ? errorMessage(t, field, code) : null;
  };

  const readPlaces = (): Promise<readonly Place[]> => services.storage.places.getAll().catch(() => []);

  const choose = async (commune: Commune, communes: readonly Commune[]) => {
    const places = await readPlaces();
    const origin = originForCommune(commune, places, communes);
    setChoices([]);
    if (origin) {
      onChange((d) => ({
        ...d,
        inseeCode: commune.code,
        location: { lat: String(round(origin.lat)), lon: String(round(origin.lon)), label: origin.label },
      }));
      setNotice({
        key: origin.approximate ? 'mediator.settings.location.chosenApproximate' : 'mediator.settings.location.chosen',
        values: { place: isolate(origin.label), code: commune.code },
      });
    } else {
      // No place of the dataset tells where this commune is: its code is right, its position must come another way.
      onChange((d) => ({ ...d, inseeCode: commune.code, location: { lat: '', lon: '', label: commune.name } }));
      setNotice({ key: 'mediator.settings.location.chosenNoPosition', values: { place: isolate(commune.name), code: commune.code } });
    }
    queryInput.current?.focus();
  };

  const search = async () => {
    if (searching) return;
    if (normalizeName(query).length < 2) {
      setChoices([]);
      setNotice({ key: 'mediator.settings.location.queryTooShort' });
      return;
    }
    setSearching(true);
    setNotice(null);
    try {
      const communes = await loadCommunes();
      if (communes.length === 0) {
        setChoices([]);
        setNotice({ key: 'mediator.settings.location.communesUnavailable' });
        return;
      }
      const found = findCommunes(query, communes);
      const exact = found.filter((commune) => normalizeName(commune.name) === normalizeName(query));
      // One commune of that very name: no need to ask which.
      const only = found.length === 1 ? found[0] : exact.length === 1 ? exact[0] : undefined;
      if (only) await choose(only, communes);
      else if (found.length === 0) {
        setChoices([]);
        setNotice({ key: 'mediator.settings.location.noCommune' });
      } else {
        setChoices(found);
        setNotice({ key: 'mediator.settings.location.chooseCommune' });
      }
    } finally {
      setSearching(false);
    }
  };

  const pick = async (commune: Commune) => choose(commune, await loadCommunes());

  const locate = () => {
    setLocating(true);
    setNotice(null);
    // The device's own place is kept for months: ask for a precise, fresh fix.
    devicePosition({ enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 })
      .then((position) => {
        onChange((d) => ({
          ...d,
          location: {
            lat: String(round(position.lat)),
            lon: String(round(position.lon)),
            label: t('mediator.settings.location.devicePositionLabel'),
          },
        }));
        setNotice({ key: 'mediator.settings.location.positionFound' });
      })
      .catch((failure: PositionFailure) =>
        setNotice({
          key: failure === 'refused' ? 'mediator.settings.location.positionRefused' : 'mediator.settings.location.positionUnavailable',
        }),
      )
      .finally(() => setLocating(false));
  };

  const clear = () => {
    onChange((d) => ({ ...d, location: { lat: '', lon: '', label: '' } }));
    setChoices([]);
    setNotice({ key: 'mediator.settings.location.cleared' });
  };

  const setLocation = (change: Partial<SettingsFieldsProps['draft']['location']>) =>
    onChange((d) => ({ ...d, location: { ...d.location, ...change } }));

  return (
    <section class="settings-section" aria-labelledby="settings-location-title">
      <h2 id="settings-location-title">{t('mediator.settings.location.title')}</h2>
      <p class="settings-hint">
        {t('mediator.settings.location.intro')}
      </p>

      <div class="settings-field">
        <label class="settings-label" for="settings-commune-query">
          {t('mediator.settings.location.communeSearch')}
        </label>
        <p class="settings-hint" id="settings-commune-query-hint">
          {t('mediator.settings.location.communeSearchHint')}
        </p>
        <div class="settings-input-row">
          <input
            ref={queryInput}
            id="settings-commune-query"
            class="settings-input settings-input-medium"
            type="text"
            autoComplete="off"
            spellcheck={false}
            maxLength={80}
            aria-describedby="settings-commune-query-hint"
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
            onKeyDown={(event) => {
              // Enter searches here; it must not save the whole form.
              if (event.key === 'Enter') {
                event.preventDefault();
                void search();
              }
            }}
          />
          <button type="button" class="btn btn-secondary" aria-busy={searching ? 'true' : undefined} onClick={() => void search()}>
            {t('mediator.settings.location.search')}
          </button>
        </div>
      </div>

      <p class="settings-notice" role="status">
        {notice ? t(notice.key, notice.values) : null}
      </p>
      {choices.length > 0 ? (
        <ul class="settings-commune-choices" aria-label={t('mediator.settings.location.chooseCommune')}>
          {choices.map((commune) => (
            <li key={commune.code}>
              <button type="button" class="btn btn-secondary" onClick={() => void pick(commune)}>
                <span lang="fr">{commune.name}</span>{' '}
                <span dir="ltr">({commune.postalCodes[0] ?? commune.code})</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}

      <fieldset class="settings-fieldset">
        <legend class="settings-legend">{t('mediator.settings.location.coordinates')}</legend>
        <div class="settings-grid">
          <SettingsTextField
            id="settings-lat"
            label={t('mediator.settings.location.lat')}
            hint={t('mediator.settings.location.latHint')}
            error={message('location.lat')}
            inputMode="decimal"
            dir="ltr"
            size="short"
            value={draft.location.lat}
            onValue={(lat) => setLocation({ lat })}
          />
          <SettingsTextField
            id="settings-lon"
            label={t('mediator.settings.location.lon')}
            hint={t('mediator.settings.location.lonHint')}
            error={message('location.lon')}
            inputMode="decimal"
            dir="ltr"
            size="short"
            value={draft.location.lon}
            onValue={(lon) => setLocation({ lon })}
          />
        </div>
        <SettingsTextField
          id="settings-label"
          label={t('mediator.settings.location.label')}
          hint={t('mediator.settings.location.labelHint', { max: MAX_LOCATION_LABEL_LENGTH })}
          error={message('location.label')}
          size="long"
          value={draft.location.label}
          onValue={(label) => setLocation({ label: String(label) })}
        />
        <div class="settings-actions">
          {canLocate ? (
            <button type="button" class="btn btn-secondary settings-icon-btn" aria-busy={locating ? 'true' : undefined} onClick={locate}>
              <Icon icon={LocateFixed} size={24} />
              <span>{t('mediator.settings.location.useDevicePosition')}</span>
            </button>
          ) : null}
          <button type="button" class="btn btn-link" onClick={clear}>
            {t('mediator.settings.location.clear')}
          </button>
        </div>
      </fieldset>

      <SettingsTextField
        id="settings-insee"
        label={t('mediator.settings.location.insee')}
        hint={t('mediator.settings.location.inseeHint')}
        error={message('inseeCode')}
        dir="ltr"
        size="short"
        autoCapitalize="characters"
        value={draft.inseeCode}
        onValue={(value) => onChange((d) => ({ ...d, inseeCode: String(value) }))}
      />
      <SettingsTextField
        id="settings-reasonable-distance"
        label={t('mediator.settings.location.reasonableDistance')}
        hint={t('mediator.settings.location.reasonableDistanceHint', { min: MIN_REASONABLE_DISTANCE_KM, max: MAX_REASONABLE_DISTANCE_KM })}
        error={message('reasonableDistanceKm')}
        type="number"
        inputMode="numeric"
        size="short"
        min={MIN_REASONABLE_DISTANCE_KM}
        max={MAX_REASONABLE_DISTANCE_KM}
        value={draft.reasonableDistanceKm}
        onValue={(reasonableDistanceKm) => onChange((d) => ({ ...d, reasonableDistanceKm }))}
      />
    </section>
  );
}
