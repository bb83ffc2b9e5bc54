import { Award, CircleHelp, Footprints, Printer, QrCode as QrIcon, Sprout, TrendingUp, Volume2 } from 'lucide';
import type { ComponentChildren } from 'preact';
import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import type { PlaceDataset } from '../../content/demo-places';
import type { Origin } from '../../domain/place-ranking';
import type { Answers } from '../../domain/questionnaire';
import type { DistanceResult } from '../../domain/result';
import { summarizeResult } from '../../domain/result-summary';
import { placeNeedsOf, type Profile } from '../../domain/score-profile';
import { combinedDistance, observedCeiling, seenNotes, type TriesScores } from '../../domain/tries';
import { Icon } from '../components/Icon';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useI18n } from '../hooks/use-i18n';
import { PlacesBlock } from './PlacesBlock';
import { QrCode } from './QrCode';
import { takeAwayText } from './take-away';

const LEVEL_ICONS: Readonly<Record<DistanceResult, typeof Sprout>> = {
  firstSteps: Footprints,
  learning: Sprout,
  nearlyAutonomous: TrendingUp,
  autonomous: Award,
  unknown: CircleHelp,
};

export interface ResultScreenProps {
  readonly profile: Profile;
  readonly answers: Answers;
  /** What the hands-on tries showed (docs/TRIES.md); absent: none were offered (a result from before them). */
  readonly tries?: TriesScores;
  readonly onEdit: () => void;
  readonly onFinish: () => void;
  readonly loadDataset: () => Promise<PlaceDataset | null>;
  /** The dataset already read while the questions were answered (undefined: not yet, PlacesBlock reads it). */
  readonly placesReadAhead?: PlaceDataset | null | undefined;
  readonly deviceOrigin: Origin | null;
  readonly now: () => Date;
  /** A public kiosk (device mode "borne"): booking links as QR codes, phone numbers as text. */
  readonly kiosk?: boolean;
  /** The device's reasonable distance to a help place, in km. */
  readonly reasonableKm?: number;
  /** Reads aloud in the person's language; absent, or `canSpeak` false (no voice on the device): no "Écouter". */
  readonly speak?: (text: string) => void;
  readonly canSpeak?: boolean;
  /** Buttons instead of "Modifier mes réponses" and "Terminer" (a guided session: back to the mediator's detail). */
  readonly actions?: ComponentChildren;
}

/** The result in plain words: the level, strengths first, two or three next steps, places, and something to take away. */
export function ResultScreen(props: ResultScreenProps) {
  const { profile, answers, onEdit, onFinish } = props;
  const { t, language } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [showQr, setShowQr] = useState(false);
  const { strengths, nextSteps } = summarizeResult(profile, answers, props.tries);
  // The level shown: the lower of what the person said and what the tries showed (docs/SCORING.md).
  const ceiling = props.tries ? observedCeiling(props.tries) : null;
  const level = combinedDistance(profile.distanceLevel, ceiling);
  const seen = props.tries ? seenNotes(props.tries) : [];
  const [places, setPlaces] = useState<string[]>([]);
  const onListed = useCallback((lines: string[]) => setPlaces(lines), []);
  // Who the person is for places (age, looking for work, delegation or learning): computed once per result.
  const placeNeeds = useMemo(() => placeNeedsOf(profile), [profile]);
  const placesSection = useRef<HTMLElement>(null);
  const levelText = profile.distanceIsLowerBound && level === profile.distanceLevel ? t('result.atLeast', { level: t(`result.levels.${level}`) }) : t(`result.levels.${level}`);
  const speak = props.speak;
  // The whole result, as the screen shows it: the level, strengths, next steps, then each place's name, hours and phone.
  const listen = () => {
    const places = [...(placesSection.current?.querySelectorAll('.place') ?? [])].map((item) =>
      ['h3', '.place-hours', '.place-phone-line']
        .map((selector) => item.querySelector(selector)?.textContent?.trim() ?? '')
        .filter(Boolean)
        .join('. '),
    );
    const text = [
      t('result.title'),
      levelText,
      t(profile.doesNotWant ? 'result.levelTexts.doNotWant' : `result.levelTexts.${level}`),
      t('result.strengthsTitle'),
      ...strengths.map((s) => t(`result.strengths.${s}`)),
      ...(seen.length > 0 ? [t('result.tries.title'), ...seen.map((note) => t(`result.tries.seen.${note}`))] : []),
      t('result.nextStepsTitle'),
      ...nextSteps.map((s) => t(`result.nextSteps.${s}`)),
      ...(places.length > 0 ? [t('result.placesTitle'), ...places] : []),
    ];
    speak?.(text.join('. '));
  };

  return (
    <main id="main" class="screen result">
      <h1 ref={heading} tabIndex={-1}>
        {t('result.title')}
      </h1>
      <p class="print-only">{t('result.printedOn', { date: new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(props.now()) })}</p>
      <section class={`level level-${level}`} aria-labelledby="level-name">
        <Icon icon={LEVEL_ICONS[level]} size={72} />
        <p id="level-name" class="level-name">
          {levelText}
        </p>
        {/* "Do not want" is respected in words: it is their right, and the human paths stay open. */}
        <p class="level-text">{t(profile.doesNotWant ? 'result.levelTexts.doNotWant' : `result.levelTexts.${level}`)}</p>
      </section>
      {speak && props.canSpeak !== false ? (
        <button type="button" class="btn btn-secondary no-print" onClick={listen}>
          <Icon icon={Volume2} size={24} />
          <span>{t('result.listen')}</span>
        </button>
      ) : null}
      <section class="result-block" aria-labelledby="strengths-title">
        <h2 id="strengths-title">{t('result.strengthsTitle')}</h2>
        <ul class="strengths">
          {strengths.map((s) => (
            <li key={s}>{t(`result.strengths.${s}`)}</li>
          ))}
        </ul>
      </section>
      {seen.length > 0 ? (
        <section class="result-block" aria-labelledby="seen-title">
          <h2 id="seen-title">{t('result.tries.title')}</h2>
          <ul class="seen">
            {seen.map((note) => (
              <li key={note}>{t(`result.tries.seen.${note}`)}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="result-block" aria-labelledby="steps-title">
        <h2 id="steps-title">{t('result.nextStepsTitle')}</h2>
        <ol class="next-steps">
          {nextSteps.map((s) => (
            <li key={s}>{t(`result.nextSteps.${s}`)}</li>
          ))}
        </ol>
      </section>
      <section class="result-block" aria-labelledby="places-title" ref={placesSection}>
        <h2 id="places-title">{t('result.placesTitle')}</h2>
        <PlacesBlock
          needs={placeNeeds}
          loadDataset={props.loadDataset}
          readAhead={props.placesReadAhead}
          deviceOrigin={props.deviceOrigin}
          now={props.now}
          onListed={onListed}
          kiosk={props.kiosk ?? false}
          reasonableKm={props.reasonableKm}
        />
      </section>
      <section class="result-block take-away no-print" aria-labelledby="take-away-title">
        <h2 id="take-away-title">{t('result.takeAwayTitle')}</h2>
        <div class="take-away-actions">
          <button type="button" class="btn btn-secondary" onClick={() => window.print()}>
            <Icon icon={Printer} size={24} />
            <span>{t('result.print')}</span>
          </button>
          <button type="button" class="btn btn-secondary" aria-expanded={showQr} onClick={() => setShowQr(true)}>
            <Icon icon={QrIcon} size={24} />
            <span>{t('result.showQr')}</span>
          </button>
        </div>
        {showQr ? (
          <div class="qr-block">
            <QrCode text={takeAwayText({ t, level, nextSteps, places })} label={t('result.qrLabel')} />
            <p>{t('result.qrHelp')}</p>
          </div>
        ) : null}
      </section>
      <div class="result-actions no-print">
        {props.actions ?? (
          <>
            <button type="button" class="btn btn-secondary" onClick={onEdit}>
              {t('result.editAnswers')}
            </button>
            <button type="button" class="btn btn-primary btn-finish" onClick={onFinish}>
              {t('session.finish')}
            </button>
          </>
        )}
      </div>
    </main>
  );
}
