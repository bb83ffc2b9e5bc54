import { Fragment } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { communesLoader } from '../../app/communes';
import type { PlaceDataset } from '../../content/demo-places';
import { booksOnline, isFree, type Place } from '../../domain/place';
import {
  NEARBY_KM,
  REASONABLE_DISTANCE_KM,
  SUPPORT_FILTERS,
  suggestPlaces,
  type Origin,
  type PlaceFilters,
  type PlaceNeeds,
  type PlacesAnswer,
  type SupportFilter,
  prepareRanking,
} from '../../domain/place-ranking';
import { searchLocation, type Commune, type LocationSearch } from '../../domain/place-search';
import { daysAhead, loadHoursEvaluator, opennessOf, type HoursEvaluator, type HoursStatus } from '../../places/opening-hours';
import { safeWebUrl, telHref } from '../../places/safe-links';
import { QrCode } from './QrCode';
import { placeLine } from './take-away';
import { useI18n } from '../hooks/use-i18n';
import { devicePosition } from '../services/device-position';

export interface PlacesBlockProps {
  readonly needs: PlaceNeeds;
  /** The places dataset on the device (null when none is loaded). */
  readonly loadDataset: () => Promise<PlaceDataset | null>;
  /** The dataset, if it was already read (the places are then in the first frame); undefined: read it here. */
  readonly readAhead?: PlaceDataset | null | undefined;
  /** The device's configured location, if a mediator set it. */
  readonly deviceOrigin: Origin | null;
  readonly now: () => Date;
  /** The places listed, as plain lines, for the QR code and the printed page. */
  readonly onListed: (lines: string[]) => void;
  /**
   * A public kiosk: a booking site opened there would stay open after the wipe, and a phone link dials nothing. The
   * booking link is shown as a QR code to scan, the phone number as text to copy.
   */
  readonly kiosk?: boolean;
  /** The device's reasonable distance to a help place, in km (a setting; 30 by default). */
  readonly reasonableKm?: number;
}

/** Wraps a left-to-right value (a phone number, a French place) so an Arabic sentence does not reorder its parts. */
const isolate = (text: string) => `\u2068${text}\u2069`;

const loadCommunes = communesLoader((input, init) => fetch(input, init));
const SUPPORT_KEYS = Object.keys(SUPPORT_FILTERS) as SupportFilter[];

/**
 * The date, time and distance formats of the places, made once per language and kept: building an Intl formatter costs
 * ~5 ms on a slow tablet, five of them at the result's first frame. Made ahead by `prepareResult`.
 */
const FORMATTERS = new Map<string, ReturnType<typeof makeFormatters>>();
const makeFormatters = (language: string) => ({
  time: new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }),
  when: new Intl.DateTimeFormat(language, { weekday: 'long', hour: 'numeric', minute: '2-digit' }),
  day: new Intl.DateTimeFormat(language, { dateStyle: 'long' }),
  weekday: new Intl.DateTimeFormat(language, { weekday: 'long' }),
  kilometres: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }),
});
function placesFormatters(language: string) {
  let formatters = FORMATTERS.get(language);
  if (!formatters) FORMATTERS.set(language, (formatters = makeFormatters(language)));
  return formatters;
}

/**
 * What the result's places need, done ahead while the person answers (App, when the browser is idle): the dataset's
 * ranking index and each place's audience (place-ranking.ts), and the formats of the person's language. The result then
 * draws its places in its first frame.
 */
export function prepareResult(dataset: PlaceDataset, language: string): void {
  prepareRanking(dataset.places);
  placesFormatters(language);
}

const NO_ANSWER: PlacesAnswer = { near: [], far: [], nearestKm: null, needsUnlisted: false, missingSupport: [] };

/** `hours`: null while the opening-hours library loads; "unavailable" when it cannot (offline before it was stored). */
type Loaded = { dataset: PlaceDataset | null; hours: HoursEvaluator | null | 'unavailable' };
type Notice = { key: string; values?: Record<string, string> } | null;

/**
 * The nearby places that meet the person's needs: from the device's location, a postal code or a commune the person
 * types, or this device's position when the person allows it (all kept in this screen only). Filters narrow the list;
 * opening hours say "open until", "opens today at…" or "not given", never a guess.
 */
export function PlacesBlock(props: PlacesBlockProps) {
  const { needs, loadDataset, readAhead, deviceOrigin, now, onListed, kiosk = false, reasonableKm = REASONABLE_DISTANCE_KM } = props;
  const { t, language } = useI18n();
  const [loaded, setLoaded] = useState<Loaded | null>(() => (readAhead !== undefined ? { dataset: readAhead, hours: null } : null));
  const [origin, setOrigin] = useState<Origin | null>(deviceOrigin);
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const [choices, setChoices] = useState<Extract<LocationSearch, { kind: 'choose' }>['choices']>([]);
  const [filters, setFilters] = useState<PlaceFilters>({});
  const [locating, setLocating] = useState(false);

  const hadReadAhead = useRef(readAhead !== undefined);
  useEffect(() => {
    if (hadReadAhead.current) return undefined;
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
        .catch(() => 'unavailable' as const)
        .then((hours) => {
          if (!cancelled) setLoaded((current) => (current ? { ...current, hours } : current));
        });
    }, 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [needsHours]);

  const moment = useMemo(() => now(), [now, loaded]);
  // Honest distances: the places within a reasonable distance, the others apart; the nearest open places when none
  // near says it offers the help (docs/PLACES.md).
  const answer: PlacesAnswer = useMemo(() => {
    if (!loaded?.dataset || !origin) return NO_ANSWER;
    const hours = loaded.hours === 'unavailable' ? null : loaded.hours;
    return suggestPlaces({
      places: loaded.dataset.places,
      needs,
      origin,
      filters,
      reasonableKm,
      openness: hours ? (p) => opennessOf(hours.status(p.openingHours, moment), moment) : undefined,
    });
  }, [loaded, origin, needs, moment, filters, reasonableKm]);

  const { time, when, day, weekday, kilometres } = placesFormatters(language);
  const distanceText = (km: number) => (km < NEARBY_KM ? t('result.places.nearby') : t('result.places.distance', { km: kilometres.format(km) }));

  const hoursText = (status: HoursStatus): string => {
    if (status.kind === 'unknown') return t('result.places.unknownHours');
    let main: string;
    if (status.kind === 'open') {
      main = status.until ? t('result.places.openUntil', { time: time.format(status.until) }) : t('result.places.openNow');
    } else if (!status.opens) {
      main = t('result.places.closed');
    } else {
      const days = daysAhead(moment, status.opens);
      main =
        days === 0
          ? t('result.places.opensToday', { time: time.format(status.opens) })
          : days === 1
            ? t('result.places.opensTomorrow', { time: time.format(status.opens) })
            : t('result.places.closedOpens', { when: when.format(status.opens) });
    }
    return status.comment ? `${main} (${status.comment})` : main;
  };

  // On paper, "open now" means nothing: the week's hours, from Monday, written out.
  const weekText = (hoursOf: HoursEvaluator, raw: string | null): string => {
    const monday = new Date(moment.getFullYear(), moment.getMonth(), moment.getDate() - ((moment.getDay() + 6) % 7));
    const week = hoursOf.week(raw, monday);
    if (!week) return t('result.places.unknownHours');
    const days = week
      .filter(({ intervals }) => intervals.length > 0)
      .map(({ day: date, intervals }) => `${weekday.format(date)} ${intervals.map(([open, close]) => `${time.format(open)}–${time.format(close)}`).join(', ')}`);
    return days.length > 0 ? days.join(' ; ') : t('result.places.closedThisWeek');
  };

  useEffect(() => {
    // The take-away carries the near places (the far ones only when none is near).
    onListed((answer.near.length > 0 ? answer.near : answer.far).map(({ place }) => placeLine(place)));
  }, [onListed, answer]);

  const choose = (found: Origin) => {
    setOrigin(found);
    setChoices([]);
    setNotice(null);
  };

  const search = async (event: Event) => {
    event.preventDefault();
    const places = loaded?.dataset?.places ?? [];
    // The communes table (precached) names a postal code's commune and finds a commune by name.
    const communes: readonly Commune[] = await loadCommunes();
    const found = searchLocation(query, places, communes);
    setChoices([]);
    if (found.kind === 'found') choose(found.origin);
    else if (found.kind === 'choose') {
      setChoices(found.choices);
      setNotice({ key: 'result.places.chooseCommune' });
    } else if (found.kind === 'noPlacesNear') {
      setNotice({ key: 'result.places.noPlacesNear', values: { commune: isolate(found.commune?.name ?? query.trim()) } });
    } else setNotice({ key: 'result.places.unknownLocation' });
  };

  const locate = () => {
    setLocating(true);
    setNotice(null);
    // A person's position: coarse and recent is enough to find places nearby.
    devicePosition({ enableHighAccuracy: false, timeout: 15_000, maximumAge: 600_000 })
      .then((position) => choose({ ...position, label: t('result.places.myPosition') }))
      .catch(() => setNotice({ key: 'result.places.positionUnavailable' }))
      .finally(() => setLocating(false));
  };

  const toggle = (change: Partial<PlaceFilters>) => setFilters((current) => ({ ...current, ...change }));
  const toggleSupport = (key: SupportFilter, on: boolean) =>
    setFilters((current) => {
      const support = new Set(current.support ?? []);
      if (on) support.add(key);
      else support.delete(key);
      return { ...current, support: SUPPORT_KEYS.filter((k) => support.has(k)) };
    });
  const filtering = Boolean(filters.openNow || filters.free || filters.onlineBooking || filters.support?.length);

  if (!loaded) return <p aria-busy="true" />;
  const { dataset } = loaded;
  const hours = loaded.hours === 'unavailable' ? null : loaded.hours;
  if (!dataset || dataset.places.length === 0) return <p>{t('result.placesNone')}</p>;
  const canLocate = typeof navigator !== 'undefined' && 'geolocation' in navigator;

  return (
    <div class="places-block">
      <form class="postal-search no-print" role="search" onSubmit={(event) => void search(event)} noValidate>
        <p id="location-help">{t(deviceOrigin ? 'result.places.askElsewhere' : 'result.places.askLocation')}</p>
        <label for="location-query">{t('result.places.locationLabel')}</label>
        <div class="postal-row">
          <input
            id="location-query"
            name="location-query"
            autoComplete="off"
            maxLength={60}
            aria-describedby="location-help"
            value={query}
            onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" class="btn btn-secondary">
            {t('result.places.search')}
          </button>
        </div>
        {canLocate ? (
          <button type="button" class="btn btn-link" onClick={locate} aria-busy={locating ? 'true' : undefined}>
            {t('result.places.useMyPosition')}
          </button>
        ) : null}
        <p class="gentle" role="status">
          {notice ? t(notice.key, notice.values) : null}
        </p>
        {choices.length > 0 ? (
          <ul class="commune-choices" aria-label={t('result.places.chooseCommune')}>
            {choices.map(({ commune, origin: choiceOrigin }) => (
              <li key={commune.code}>
                <button
                  type="button"
                  class="btn btn-secondary"
                  lang="fr"
                  onClick={() =>
                    choiceOrigin
                      ? choose(choiceOrigin)
                      : setNotice({ key: 'result.places.noPlacesNear', values: { commune: isolate(commune.name) } })
                  }
                >
                  {commune.name} ({commune.postalCodes[0] ?? commune.code.slice(0, 2)})
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </form>
      {/* Said to screen readers when a search gives its list (a list that appears is otherwise silent). */}
      <p class="visually-hidden" role="status">
        {origin && loaded.dataset ? t('result.places.found', { place: isolate(origin.label), count: answer.near.length + answer.far.length }) : ''}
      </p>
      {origin ? (
        <>
          <p class="places-origin">{t('result.places.near', { place: isolate(origin.label) })}</p>
          {origin.approximate ? <p class="gentle">{t('result.places.approximate', { place: isolate(origin.label) })}</p> : null}
          <details class="place-filters no-print" open={filtering}>
            <summary>{t('result.places.filters.title')}</summary>
            <fieldset>
              <legend class="visually-hidden">{t('result.places.filters.title')}</legend>
              <label>
                <input type="checkbox" checked={Boolean(filters.openNow)} onChange={(e) => toggle({ openNow: e.currentTarget.checked })} />
                {t('result.places.filters.openNow')}
              </label>
              <label>
                <input type="checkbox" checked={Boolean(filters.free)} onChange={(e) => toggle({ free: e.currentTarget.checked })} />
                {t('result.places.filters.free')}
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={Boolean(filters.onlineBooking)}
                  onChange={(e) => toggle({ onlineBooking: e.currentTarget.checked })}
                />
                {t('result.places.filters.onlineBooking')}
              </label>
              {SUPPORT_KEYS.map((key) => (
                <label key={key}>
                  <input
                    type="checkbox"
                    checked={filters.support?.includes(key) ?? false}
                    onChange={(e) => toggleSupport(key, e.currentTarget.checked)}
                  />
                  {t(`result.places.filters.${key}`)}
                </label>
              ))}
            </fieldset>
          </details>
          {answer.near.length + answer.far.length === 0 ? (
            <p>{t(filtering ? 'result.places.noMatchFilters' : 'result.places.noMatch')}</p>
          ) : (
            <>
              {answer.needsUnlisted ? <p class="gentle">{t('result.places.needsUnlisted')}</p> : null}
              {answer.nearestKm !== null ? (
                <p class="gentle">{t('result.places.nearestIs', { km: kilometres.format(Math.round(answer.nearestKm)) })}</p>
              ) : null}
              {answer.missingSupport.length > 0 ? (
                <p class="gentle">
                  {t('result.places.supportNotNear', {
                    support: answer.missingSupport.map((key) => t(`result.places.filters.${key}`)).join(', '),
                  })}
                </p>
              ) : null}
              {[answer.near, answer.far].map((group, index) =>
                group.length === 0 ? null : (
                  <Fragment key={index}>
                    {index === 1 && answer.near.length > 0 ? (
                      <p class="places-further no-print">{t('result.places.further', { km: reasonableKm })}</p>
                    ) : null}
                    {/* On paper, the far places only when none is near: one page, and the answer first. */}
                    <ol
                      class={index === 1 && answer.near.length > 0 ? 'places no-print' : 'places'}
                      start={index === 1 ? answer.near.length + 1 : undefined}
                    >
                      {group.map(({ place, distanceKm }) => (
                        <PlaceItem
                          key={place.id}
                          place={place}
                          kiosk={kiosk}
                          distance={distanceKm !== null && !origin.approximate ? distanceText(distanceKm) : null}
                          hours={hours ? hoursText(hours.status(place.openingHours, moment)) : loaded.hours === 'unavailable' ? undefined : null}
                          week={hours ? weekText(hours, place.openingHours) : null}
                        />
                      ))}
                    </ol>
                  </Fragment>
                ),
              )}
            </>
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

/** One suggested place: name and address in French, distance, hours, and the ways to get in touch. */
/** `hours`: the line to show, null while it is worked out, undefined when it cannot be (the line is left out). */
function PlaceItem(props: { place: Place; distance: string | null; hours: string | null | undefined; week: string | null; kiosk: boolean }) {
  const { place, distance, hours, week, kiosk } = props;
  const { t } = useI18n();
  const [showBooking, setShowBooking] = useState(false);
  // Checked again here: a dataset stored by an older version may hold a link the importer now refuses.
  const tel = telHref(place.phone);
  const booking = booksOnline(place) ? safeWebUrl(place.bookingUrl) : null;
  return (
    <li class="place">
      {/* Names and addresses are French data: said in French, laid out on their own in a right-to-left page. */}
      <h3 lang="fr" dir="auto">
        {place.name}
      </h3>
      <p lang="fr" dir="auto">
        {place.street}, {place.postalCode} {place.commune}
      </p>
      {distance !== null ? <p>{distance}</p> : null}
      {place.itinerant ? <p>{t('result.places.itinerant')}</p> : null}
      {hours !== undefined ? (
        <p class="place-hours no-print" aria-busy={hours === null ? 'true' : undefined}>
          {hours}
        </p>
      ) : null}
      {week !== null ? <p class="place-week print-only">{week}</p> : null}
      {isFree(place) ? <p class="place-free">{t('result.places.free')}</p> : null}
      {place.phone ? (
        <p class="place-phone-line">
          {tel && !kiosk ? (
            <a href={tel}>{t('result.places.phone', { phone: isolate(place.phone) })}</a>
          ) : (
            <span class="place-phone">{t('result.places.phone', { phone: isolate(place.phone) })}</span>
          )}
        </p>
      ) : null}
      {booking && !kiosk ? (
        <p class="no-print">
          <a href={booking} target="_blank" rel="noopener noreferrer">
            {t('result.places.book')}
          </a>
        </p>
      ) : null}
      {booking && kiosk ? (
        <div class="no-print place-booking">
          <button type="button" class="btn btn-link" aria-expanded={showBooking} onClick={() => setShowBooking((shown) => !shown)}>
            {t('result.places.bookOnPhone')}
          </button>
          {showBooking ? <QrCode text={booking} label={t('result.places.bookingQrLabel', { place: place.name })} /> : null}
        </div>
      ) : null}
    </li>
  );
}
