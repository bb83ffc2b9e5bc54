import { useCallback, useMemo } from 'preact/hooks';
import type { PlaceDataset } from '../../content/demo-places';
import type { Origin } from '../../domain/place-ranking';
import { resultCategories } from '../../domain/result';
import { placeNeedsOf, type Profile } from '../../domain/score-profile';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useI18n } from '../hooks/use-i18n';
import { PlacesBlock } from '../journey/PlacesBlock';
import type { MediatorServices } from './mediator-services';
import { ObservationForm } from './ObservationForm';
import { ResultDetail } from './ResultDetail';

export interface GuidedResultScreenProps {
  readonly services: MediatorServices;
  readonly profile: Profile;
  /** The FinishedResult kept for this session (null until it is written). */
  readonly resultId: string | null;
  readonly loadDataset: () => Promise<PlaceDataset | null>;
  readonly deviceOrigin: Origin | null;
  readonly onEdit: () => void;
  readonly onFinish: () => void;
}

/**
 * The end of a guided session, for the mediator beside the person: the detailed result (DSI per area, overall,
 * illectronisme, barriers, autonomy), the needs in the national vocabulary, the suggested places, and the observation.
 */
export function GuidedResultScreen({ services, profile, resultId, loadDataset, deviceOrigin, onEdit, onFinish }: GuidedResultScreenProps) {
  const { t } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const ignoreListed = useCallback(() => {}, []);
  const needs = [...profile.needs.services, ...profile.needs.specificSupport];
  const placeNeeds = useMemo(() => placeNeedsOf(profile), [profile]);
  return (
    <main id="main" class="screen mediator guided-result">
      <h1 ref={heading} tabIndex={-1}>
        {t('mediator.guided.title')}
      </h1>
      <section class="result-block" aria-labelledby="guided-detail-title">
        <h2 id="guided-detail-title">{t('mediator.guided.detail')}</h2>
        <ResultDetail headingLevel={3} result={resultCategories(profile)} />
        {profile.dsi.areasNotAnswered.length > 0 ? (
          <p class="gentle">
            {t('mediator.guided.areasNotAnswered', {
              areas: profile.dsi.areasNotAnswered.map((area) => t(`mediator.result.areas.${area}`)).join(', '),
            })}
          </p>
        ) : null}
      </section>
      <section class="result-block" aria-labelledby="guided-needs-title">
        <h2 id="guided-needs-title">{t('mediator.guided.needs')}</h2>
        {needs.length === 0 ? (
          <p>{t('mediator.guided.noNeeds')}</p>
        ) : (
          <ul lang="fr">
            {needs.map((need) => (
              <li key={need}>{need}</li>
            ))}
          </ul>
        )}
        {profile.needs.delegation ? <p>{t('mediator.guided.delegation')}</p> : null}
      </section>
      <section class="result-block" aria-labelledby="guided-places-title">
        <h2 id="guided-places-title">{t('result.placesTitle')}</h2>
        <PlacesBlock
          needs={placeNeeds}
          loadDataset={loadDataset}
          deviceOrigin={deviceOrigin}
          now={services.now}
          onListed={ignoreListed}
          reasonableKm={services.settings.reasonableDistanceKm}
        />
      </section>
      <section class="result-block" aria-labelledby="guided-observation-title">
        <h2 id="guided-observation-title">{t('mediator.observation.title')}</h2>
        <p class="gentle">{t('mediator.observation.help')}</p>
        <ObservationForm services={services} resultId={resultId} />
      </section>
      <div class="result-actions">
        <button type="button" class="btn btn-secondary" onClick={onEdit}>
          {t('result.editAnswers')}
        </button>
        <button type="button" class="btn btn-primary btn-finish" onClick={onFinish}>
          {t('mediator.guided.finish')}
        </button>
      </div>
    </main>
  );
}
