import { ArrowLeft, SkipForward, Volume2 } from 'lucide';
import { useEffect, useRef, useState } from 'preact/hooks';
import { allNotTaken, touchLevel, type TryId, type TryOutcome, type TryRecord, type Tries } from '../../../domain/tries';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../hooks/use-i18n';
import { StopAndErase } from '../StopAndErase';
import { IconsTry } from './IconsTry';
import { ScamTry } from './ScamTry';
import { ScrollTry } from './ScrollTry';
import { TouchTry } from './TouchTry';
import { WriteTry } from './WriteTry';
import './tries.css';

export interface TriesScreenProps {
  /** The try to show: the first one not yet settled. */
  readonly next: TryId;
  /** The tries offered to this person, in order (domain/tries.ts, offeredTries). */
  readonly offered: readonly TryId[];
  readonly tries: Tries | undefined;
  /** Records tries done, skipped or not offered (one, or all the ones left). */
  readonly onSettle: (settled: Partial<Record<TryId, TryOutcome>>) => void;
  readonly onBack: () => void;
  /** "Arrêter et effacer", as on the questions (after a confirmation). */
  readonly onStop: () => void;
  /** The device's CSS pixels per millimetre (a device setting): the touch targets' sizes. */
  readonly pxPerMm: number;
  /**
   * Someone for whom tapping says little: they used the keyboard, or said sight or hands make the screen hard. The
   * touch tries are then offered to skip first ("Ces essais se font du doigt sur l'écran").
   */
  readonly offerSkipFirst: boolean;
  /** Offered once after a touch try with a target missed: larger text for the rest of the session (null: already large). */
  readonly onLargerText: (() => void) | null;
  readonly speak: (text: string) => void;
  readonly canSpeak: boolean;
  readonly autoRead: boolean;
}

/**
 * "Trois petits essais, pas un examen" (docs/TRIES.md): one try per screen, each skippable, the first one with the
 * introduction. A try is recorded only when finished; a skip is "non passé", never a failure. What the person types or
 * taps stays here: only the record of counts and times goes up.
 */
export function TriesScreen(props: TriesScreenProps) {
  const { next, onSettle, speak } = props;
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  // After a touch try with a target missed, the offer of larger text (once), at the top of the next try (not a screen
  // of its own: the longest path stays at 22 screens).
  const [offerLarger, setOfferLarger] = useState(false);
  const number = props.offered.indexOf(next) + 1;
  const first = Object.keys(props.tries ?? {}).length === 0;
  const title = t(`tries.${next}.title`);

  const spoken = () =>
    [first ? t('tries.intro.title') : '', first ? t('tries.intro.body') : '', title, t(`tries.${next}.instruction`)].filter(Boolean).join('. ');
  const offerHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // the offer of larger text, when it shows, is what the person reads first
    (offerLarger ? offerHeading : heading).current?.focus();
    if (props.autoRead) speak(offerLarger ? `${t('tries.largerText.title')} ${t('tries.largerText.body')}` : spoken());
    // Only when a try appears.
  }, [next]);
  const closeOffer = () => {
    setOfferLarger(false);
    requestAnimationFrame(() => heading.current?.focus());
  };
  const offer =
    offerLarger && props.onLargerText ? (
      <section class="tries-offer" aria-labelledby="tries-offer-title">
        <h2 id="tries-offer-title" ref={offerHeading} tabIndex={-1}>
          {t('tries.largerText.title')}
        </h2>
        <p>{t('tries.largerText.body')}</p>
        <div class="try-choices">
          <button
            type="button"
            class="btn btn-primary"
            onClick={() => {
              props.onLargerText?.();
              closeOffer();
            }}
          >
            {t('tries.largerText.yes')}
          </button>
          <button type="button" class="btn btn-secondary" onClick={closeOffer}>
            {t('tries.largerText.no')}
          </button>
        </div>
      </section>
    ) : null;

  const done = (record: TryRecord) => {
    if (record.kind === 'touch' && touchLevel(record.targets) !== 'allReached' && props.onLargerText) setOfferLarger(true);
    onSettle({ [record.kind]: { status: 'done', record } });
  };
  const skip = () => onSettle({ [next]: { status: 'notTaken', reason: 'skipped' } });
  const skipAll = () => onSettle(allNotTaken(props.tries, 'skipped', props.offered));

  return (
    <main id="main" class="screen tries" data-try={next}>
      <div class="progress">
        <p>{t('tries.progress', { n: number, total: props.offered.length })}</p>
      </div>
      {first ? (
        <section class="tries-intro" aria-labelledby="tries-intro-title">
          <h1 id="tries-intro-title" ref={heading} tabIndex={-1} class="try-title">
            {t('tries.intro.title')}
          </h1>
          <p>{t('tries.intro.body')}</p>
          {props.offerSkipFirst && (next === 'touch' || next === 'scroll' || next === 'write') ? (
            <p class="tries-note">
              {t('tries.intro.notByTouch')}{' '}
              <button type="button" class="btn btn-secondary" onClick={skipAll}>
                <Icon icon={SkipForward} size={24} class="flip-rtl" />
                <span>{t('tries.skipAll')}</span>
              </button>
            </p>
          ) : null}
          <h2 class="try-subtitle">{title}</h2>
        </section>
      ) : (
        <h1 ref={heading} tabIndex={-1} class="try-title">
          {title}
        </h1>
      )}
      {offer}
      <p class="try-instruction">{t(`tries.${next}.instruction`)}</p>
      {next === 'touch' ? <TouchTry key="touch" pxPerMm={props.pxPerMm} onDone={done} /> : null}
      {next === 'scroll' ? <ScrollTry key="scroll" onDone={done} /> : null}
      {next === 'write' ? <WriteTry key="write" onDone={done} /> : null}
      {next === 'scam' ? <ScamTry key="scam" onDone={done} speak={props.canSpeak ? speak : null} /> : null}
      {next === 'icons' ? <IconsTry key="icons" onDone={done} /> : null}
      <div class="question-secondary">
        {props.canSpeak ? (
          <button type="button" class="btn btn-secondary" onClick={() => speak(spoken())}>
            <Icon icon={Volume2} size={24} />
            <span>{t('tries.listen')}</span>
          </button>
        ) : null}
        <button type="button" class="btn btn-secondary" onClick={skip}>
          <Icon icon={SkipForward} size={24} class="flip-rtl" />
          <span>{t('tries.skipOne')}</span>
        </button>
        <button type="button" class="btn btn-secondary" onClick={skipAll}>
          <Icon icon={SkipForward} size={24} class="flip-rtl" />
          <span>{t('tries.skipAll')}</span>
        </button>
          <StopAndErase onStop={props.onStop} />
      </div>
      <div class="question-nav">
        <button type="button" class="btn btn-secondary btn-nav" onClick={props.onBack}>
          <Icon icon={ArrowLeft} size={24} class="flip-rtl" />
          <span>{t('question.back')}</span>
        </button>
      </div>
    </main>
  );
}
