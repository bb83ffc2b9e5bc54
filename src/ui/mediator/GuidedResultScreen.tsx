import { MonitorSmartphone, UserRound } from 'lucide';
import { useRef, useState } from 'preact/hooks';
import type { PlaceDataset } from '../../content/demo-places';
import type { Origin } from '../../domain/place-ranking';
import type { Answers } from '../../domain/questionnaire';
import { resultCategories } from '../../domain/result';
import type { Profile } from '../../domain/score-profile';
import { combinedDistance, observedCeiling, scoreTries, type Tries } from '../../domain/tries';
import { Icon } from '../components/Icon';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useI18n } from '../hooks/use-i18n';
import { ResultScreen } from '../journey/ResultScreen';
import type { MediatorServices } from './mediator-services';
import { ObservationForm } from './ObservationForm';
import { ResultDetail } from './ResultDetail';
import { TriesDetail } from './TriesDetail';

export interface GuidedResultScreenProps {
  readonly services: MediatorServices;
  readonly profile: Profile;
  readonly answers: Answers;
  /** The hands-on tries of the session (docs/TRIES.md); absent when none were reached. */
  readonly tries?: Tries;
  /** Read-aloud for the person's view. */
  readonly speak: (text: string) => void;
  readonly canSpeak: boolean;
  /** The FinishedResult kept for this session (null until it is written). */
  readonly resultId: string | null;
  readonly loadDataset: () => Promise<PlaceDataset | null>;
  readonly deviceOrigin: Origin | null;
  readonly onEdit: () => void;
  readonly onFinish: () => void;
}

/**
 * The end of a guided session, in two views. For the mediator beside the person: the detailed result (DSI per area,
 * overall, illectronisme, barriers, autonomy, organisms), the needs in the national vocabulary, the suggested places,
 * and the observation. For the person, on the screen turned towards her: her own result in plain words, next steps,
 * places, print and QR code, as on a kiosk. The observation typed stays when the views change.
 */
export function GuidedResultScreen(props: GuidedResultScreenProps) {
  const [view, setView] = useState<'mediator' | 'person'>('mediator');
  // The person's view is built the first time it is asked for, then kept.
  const [personBuilt, setPersonBuilt] = useState(false);
  const { t } = useI18n();
  const { services } = props;
  const person = useRef<HTMLDivElement>(null);
  const mediator = useRef<HTMLDivElement>(null);
  // Both views stay mounted (the observation being typed, the places found), one hidden; the focus goes to the title.
  const show = (next: 'mediator' | 'person') => {
    setView(next);
    if (next === 'person') setPersonBuilt(true);
    requestAnimationFrame(() => (next === 'person' ? person : mediator).current?.querySelector<HTMLElement>('h1')?.focus());
  };
  return (
    <>
      <div class="screen-slot" hidden={view !== 'mediator'} ref={mediator}>
        <MediatorView {...props} onShowPerson={() => show('person')} />
      </div>
      <div class="screen-slot" hidden={view !== 'person'} ref={person}>
        {personBuilt ? (
          <ResultScreen
            profile={props.profile}
            answers={props.answers}
            tries={props.tries ? scoreTries(props.tries) : undefined}
            onEdit={props.onEdit}
            onFinish={props.onFinish}
            loadDataset={props.loadDataset}
            deviceOrigin={props.deviceOrigin}
            now={services.now}
            kiosk={services.settings.mode === 'publicKiosk'}
            reasonableKm={services.settings.reasonableDistanceKm}
            speak={props.speak}
            canSpeak={props.canSpeak}
            actions={
              <button type="button" class="btn btn-primary" onClick={() => show('mediator')}>
                <Icon icon={MonitorSmartphone} size={24} />
                <span>{t('mediator.guided.backToDetail')}</span>
              </button>
            }
          />
        ) : null}
      </div>
    </>
  );
}

function MediatorView({
  services,
  profile,
  tries,
  resultId,
  onEdit,
  onFinish,
  onShowPerson,
}: GuidedResultScreenProps & { readonly onShowPerson: () => void }) {
  const { t } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const needs = [...profile.needs.services, ...profile.needs.specificSupport];
  return (
    <main id="main" class="screen mediator guided-result">
      <h1 ref={heading} tabIndex={-1}>
        {t('mediator.guided.title')}
      </h1>
      <button type="button" class="btn btn-primary guided-show-person" onClick={onShowPerson}>
        <Icon icon={UserRound} size={24} />
        <span>{t('mediator.guided.showPerson')}</span>
      </button>
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
      {tries ? (
        <TriesDetail tries={tries} said={profile.distanceLevel} shown={combinedDistance(profile.distanceLevel, observedCeiling(scoreTries(tries)))} />
      ) : null}
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
        {/* One search, on the screen the person sees: the places are hers to take away. */}
        <p>{t('mediator.guided.placesWithPerson')}</p>
      </section>
      <section class="result-block" aria-labelledby="guided-observation-title">
        <h2 id="guided-observation-title">{t('mediator.observation.title')}</h2>
        <p class="gentle">{t('mediator.observation.help')}</p>
        <ObservationForm services={services} resultId={resultId} triesTaken={tries !== undefined && Object.values(tries).some((outcome) => outcome?.status === 'done')} />
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
