import { useEffect, useState } from 'preact/hooks';
import { isDatasetStale, type PlaceDatasetMeta } from '../../domain/place';
import { readPlacesMeta } from '../../storage/places';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useI18n } from '../hooks/use-i18n';
import { ClockNotice } from './ClockNotice';
import type { MediatorServices } from './mediator-services';
import { staleText } from './stale-places';

export type MediatorView = 'home' | 'history' | 'settings';

export interface MediatorHomeProps {
  readonly services: MediatorServices;
  readonly onStartGuided: () => void;
  readonly onNavigate: (view: MediatorView) => void;
  readonly onClose: () => void;
}

/**
 * The mediator space's first screen: a guided session, the history, the settings; and how to leave. What needs the
 * mediator's eye is said here: a device date that looks wrong (ClockNotice), places that are getting old.
 */
export function MediatorHome({ services, onStartGuided, onNavigate, onClose }: MediatorHomeProps) {
  const { t, language } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [results, setResults] = useState<number | null>(null);
  const [places, setPlaces] = useState<PlaceDatasetMeta | null | undefined>(undefined);
  useEffect(() => {
    void services.storage.results.count().then(setResults, () => setResults(null));
    void readPlacesMeta(services.storage).then((meta) => setPlaces(meta ?? null), () => setPlaces(null));
  }, [services.storage]);

  return (
    <main id="main" class="screen mediator mediator-home">
      <h1 ref={heading} tabIndex={-1}>
        {t('mediator.home.title')}
      </h1>
      <p>{t('mediator.home.intro')}</p>
      <ClockNotice services={services} />
      <ul class="mediator-menu">
        <li>
          <button type="button" class="btn btn-primary" onClick={onStartGuided}>
            {t('mediator.home.guided')}
          </button>
          <p class="gentle">{t('mediator.home.guidedHelp')}</p>
        </li>
        <li>
          <button type="button" class="btn btn-secondary" onClick={() => onNavigate('history')}>
            {t('mediator.home.history')}
          </button>
          {results !== null ? <p class="gentle">{t('mediator.home.resultsKept', { count: results })}</p> : null}
        </li>
        <li>
          <button type="button" class="btn btn-secondary" onClick={() => onNavigate('settings')}>
            {t('mediator.home.settings')}
          </button>
          {places ? (
            <p class="gentle">
              {t(places.fictional ? 'mediator.home.placesDemo' : 'mediator.home.places', { count: places.count })}
            </p>
          ) : null}
          {places && isDatasetStale(places, services.now()) ? <p class="settings-warning">{staleText(places, t, language)}</p> : null}
        </li>
      </ul>
      <p class="gentle">{t('mediator.home.autoClose')}</p>
      <button type="button" class="btn btn-secondary" onClick={onClose}>
        {t('mediator.home.close')}
      </button>
    </main>
  );
}
