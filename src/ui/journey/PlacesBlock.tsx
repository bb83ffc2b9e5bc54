import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PlaceDataset } from '../../content/demo-places';
import { originFromPostalCode, rankPlaces, type Origin, type PlaceNeeds, type Suggestion } from '../../domain/place-ranking';
import { loadHoursEvaluator, type HoursEvaluator, type HoursStatus } from '../../places/opening-hours';
import { useI18n } from '../hooks/use-i18n';

export interface PlacesBlockProps {
  readonly needs: PlaceNeeds;
  /** The places dataset on the device (null when none is loaded). */
  readonly loadDataset: () => Promise<PlaceDataset | null>;
  /** The device's configured location, if a mediator set it. */
  readonly deviceOrigin: Origin | null;
  readonly now: () => Date;
  /** The places listed, as plain lines, for the QR code and the printed page. */
  readonly onListed: (lines: string[]) => void;
}

/** Wraps a left-to-right value (a phone number, a French place) so an Arabic sentence does not reorder its parts. */
const isolate = (text: string) => `\u2068${text}\u2069`;

type Loaded = { dataset: PlaceDataset | null; hours: HoursEvaluator | null };

/**
 * The nearby places that meet the person's needs: from the device's location, or from a postal code the person types
 * (kept in this screen only). Opening hours say "open until", "opens …" or "not given", never a guess.
 */
export function PlacesBlock({ needs, loadDataset, deviceOrigin, now, onListed }: PlacesBlockProps) {
  const { t, language } = useI18n();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [origin, setOrigin] = useState<Origin | null>(deviceOrigin);
  const [postalCode, setPostalCode] = useState('');
  const [unknownCode, setUnknownCode] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void loadDataset().then((dataset) => {
      if (!cancelled) setLoaded({ dataset, hours: null });
    });
    return () => {
      cancelled = true;
    };
  }, [loadDataset]);

  // The opening-hours library is large: load it only once there are places to show, and after the screen is painted.
  const needsHours = loaded !== null && loaded.hours === null && loaded.dataset !== null && origin !== null;
  useEffect(() => {
    if (!needsHours) return undefined;
    let cancelled = false;
    const timer = setTimeout(() => {
      void loadHoursEvaluator()
        .catch(() => null)
        .then((hours) => {
          if (!cancelled && hours) setLoaded((current) => (current ? { ...current, hours } : current));
        });
    }, 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [needsHours]);

  const moment = useMemo(() => now(), [now, loaded]);
  const suggestions: Suggestion[] = useMemo(() => {
    if (!loaded?.dataset || !origin) return [];
    const hours = loaded.hours;
    return rankPlaces({
      places: loaded.dataset.places,
      needs,
      origin,
      isOpenNow: hours ? (p) => ({ open: true, closed: false, unknown: null })[hours.status(p.openingHours, moment).kind] : undefined,
    });
  }, [loaded, origin, needs, moment]);

  const time = useMemo(() => new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }), [language]);
  const when = useMemo(
    () => new Intl.DateTimeFormat(language, { weekday: 'long', hour: 'numeric', minute: '2-digit' }),
    [language],
  );
  const day = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: 'long' }), [language]);
  const kilometres = useMemo(() => new Intl.NumberFormat(language, { maximumFractionDigits: 1 }), [language]);

  const hoursText = (status: HoursStatus): string => {
    if (status.kind === 'unknown') return t('result.places.unknownHours');
    const main =
      status.kind === 'open'
        ? status.until
          ? t('result.places.openUntil', { time: time.format(status.until) })
          : t('result.places.openNow')
        : status.opens
          ? t('result.places.closedOpens', { when: when.format(status.opens) })
          : t('result.places.closed');
    return status.comment ? `${main} (${status.comment})` : main;
  };

  useEffect(() => {
    onListed(
      suggestions.map(({ place }) =>
        [place.name, `${place.street}, ${place.postalCode} ${place.commune}`, place.phone].filter(Boolean).join(' – '),
      ),
    );
  }, [onListed, suggestions]);

  const search = (event: Event) => {
    event.preventDefault();
    const found = loaded?.dataset ? originFromPostalCode(loaded.dataset.places, postalCode) : null;
    setUnknownCode(found === null);
    if (found) setOrigin(found);
  };

  if (!loaded) return <p aria-busy="true" />;
  const { dataset, hours } = loaded;
  if (!dataset || dataset.places.length === 0) return <p>{t('result.placesNone')}</p>;

  return (
    <div class="places-block">
      {!deviceOrigin ? (
        <form class="postal-search no-print" role="search" onSubmit={search} noValidate>
          <p id="postal-help">{t('result.places.askPostalCode')}</p>
          <label for="postal-code">{t('result.places.postalCodeLabel')}</label>
          <div class="postal-row">
            <input
              id="postal-code"
              name="postal-code"
              inputMode="numeric"
              autoComplete="off"
              maxLength={5}
              aria-describedby="postal-help"
              value={postalCode}
              onInput={(event) => setPostalCode((event.currentTarget as HTMLInputElement).value.replace(/\D/g, ''))}
            />
            <button type="submit" class="btn btn-secondary">
              {t('result.places.search')}
            </button>
          </div>
          <p class="gentle" role="status">
            {unknownCode ? t('result.places.unknownPostalCode') : null}
          </p>
        </form>
      ) : null}
      {origin ? (
        <>
          <p class="places-origin">{t('result.places.near', { place: isolate(origin.label) })}</p>
          {suggestions.length === 0 ? (
            <p>{t('result.places.noMatch')}</p>
          ) : (
            <ol class="places">
              {suggestions.map(({ place, distanceKm }) => (
                <li key={place.id} class="place">
                  {/* Names and addresses are French data: said in French, laid out on their own in a right-to-left page. */}
                  <h3 lang="fr" dir="auto">
                    {place.name}
                  </h3>
                  <p lang="fr" dir="auto">
                    {place.street}, {place.postalCode} {place.commune}
                  </p>
                  {distanceKm !== null ? <p>{t('result.places.distance', { km: kilometres.format(distanceKm) })}</p> : null}
                  <p class="place-hours" aria-busy={hours ? undefined : 'true'}>
                    {hours ? hoursText(hours.status(place.openingHours, moment)) : null}
                  </p>
                  {place.phone ? (
                    <p>
                      <a href={`tel:${place.phone.replace(/\s/g, '')}`}>{t('result.places.phone', { phone: isolate(place.phone) })}</a>
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </>
      ) : null}
      <p class="places-source">
        {dataset.meta.fictional
          ? t('result.places.demo')
          : t('result.places.source', {
              source: dataset.meta.source,
              licence: dataset.meta.licence,
              date: dataset.meta.updatedAt ? day.format(new Date(`${dataset.meta.updatedAt.slice(0, 10)}T12:00:00`)) : '?',
            })}
      </p>
    </div>
  );
}
