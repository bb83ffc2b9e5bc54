import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { finishSession, applyAnswer, applyTries, goBack, saveSession, sessionPosition } from '../../app/questionnaire-session';
import type { SaveOutcome } from '../../app/save-outcome';
import type { SessionDeps } from '../../app/sessions';
import { QUESTIONNAIRE } from '../../content/questionnaire';
import type { PlaceDataset } from '../../content/demo-places';
import type { DeviceSettings } from '../../domain/device-settings';
import type { Language } from '../../domain/language';
import { progress } from '../../domain/questionnaire-flow';
import type { AnswerValue } from '../../domain/questionnaire';
import { scoreProfile, type Profile } from '../../domain/score-profile';
import type { Session } from '../../domain/session';
import { allNotTaken, DEFAULT_PX_PER_MM, scoreTries, type TryId, type TryOutcome } from '../../domain/tries';
import { lastInputWasKeyboard } from '../services/input-modality';
import type * as Mediator from '../mediator';
import type { MediatorServices } from '../mediator/mediator-services';
import { prepareResult } from './PlacesBlock';
import { QuestionScreen } from './QuestionScreen';
import { ResultScreen } from './ResultScreen';

export interface SessionScreenProps {
  readonly session: Session;
  readonly deps: SessionDeps;
  readonly onSession: (session: Session) => void;
  /** Says a failed save (or clears it once one succeeds). */
  readonly report: (outcome: SaveOutcome) => void;
  /** Runs one step at a time (App's): a double tap never records an answer twice. */
  readonly step: (work: () => Promise<void>) => Promise<void>;
  readonly busy: { readonly current: boolean };
  /** Back to the welcome screen (or the mediator's home): the session erased. */
  readonly onEnd: () => Promise<void>;
  readonly language: Language;
  readonly settings: DeviceSettings;
  readonly now: () => Date;
  readonly loadDataset: () => Promise<PlaceDataset | null>;
  readonly autoRead: boolean;
  readonly canSpeak: boolean;
  readonly speak: (text: string) => void;
  /** Larger text for the rest of the session, offered after a touch try with a target missed (null: already larger). */
  readonly onLargerText: (() => void) | null;
  /** The mediator space, for a guided session's result (null while its chunk loads, or in a kiosk session). */
  readonly mediator: { readonly module: typeof Mediator; readonly services: MediatorServices } | null;
}

const loadTries = () => import('./tries/TriesScreen');
type TriesModule = Awaited<ReturnType<typeof loadTries>>;

/**
 * A person's session, question after question, then the result: everything that runs only once someone has started,
 * in the journey's chunk (the first screen's script holds the welcome and the session's state only). The answer is
 * applied and the next screen painted at once; its autosave finishes beside it (IndexedDB keeps the order of writes).
 */
export function SessionScreen(props: SessionScreenProps) {
  const { session, deps, onSession, report, step, busy, onEnd, language, loadDataset } = props;

  // Where the session stands walks the whole questionnaire: once per answer, not at every render.
  const position = useMemo(() => sessionPosition(QUESTIONNAIRE, session), [session]);
  // The result is computed at once (pure and fast), so it shows in the same frame as the last answer.
  const atResult = position.kind === 'result';
  const profile: Profile | null = useMemo(
    () => (atResult ? scoreProfile(QUESTIONNAIRE, session.answers, { language: session.language }) : null),
    [atResult, session],
  );

  // What the hands-on tries showed (docs/TRIES.md): lowers the level shown and adds steps, never the DSI.
  const triesScores = useMemo(() => scoreTries(session.tries ?? {}), [session.tries]);

  // Reaching the result (or resuming on it) keeps the FinishedResult, once.
  useEffect(() => {
    if (!atResult || session.resultId) return;
    void finishSession(deps, QUESTIONNAIRE, session).then((done) => {
      onSession(done.session);
      report(done.saved);
    });
  }, [atResult, deps, onSession, report, session]);

  // The places, read ahead when the browser is idle (while the first question is read), so that the result shows them
  // in its first frame; read again for each session (a mediator may have imported new places).
  const placesReadAhead = useRef<PlaceDataset | null | undefined>(undefined);
  const languageRef = useRef(language);
  languageRef.current = language;
  useEffect(() => {
    let cancelled = false;
    const read = () =>
      void loadDataset()
        .then((dataset) => {
          // none yet (a new device still seeding its places): the result reads it again
          if (cancelled || !dataset) return;
          placesReadAhead.current = dataset;
          prepareResult(dataset, languageRef.current);
        })
        .catch(() => {});
    // Safari has no requestIdleCallback: a second later there
    if (!('requestIdleCallback' in window)) {
      const timer = setTimeout(read, 1_000);
      return () => {
        cancelled = true;
        clearTimeout(timer);
      };
    }
    const idle = requestIdleCallback(read, { timeout: 5_000 });
    return () => {
      cancelled = true;
      cancelIdleCallback(idle);
    };
  }, [loadDataset]);

  // The tries' screens and styles come when the person reaches the internet use (read while it is answered).
  const nearTries = position.kind === 'tries' || (position.kind === 'question' && (position.question.id === 'internetUse' || position.question.id === 'usesApps'));
  const [tries, setTries] = useState<TriesModule | null>(null);
  const [triesUnavailable, setTriesUnavailable] = useState(false);
  useEffect(() => {
    if (!nearTries || tries) return undefined;
    let current = true;
    loadTries().then(
      (module) => current && setTries(() => module),
      () => current && setTriesUnavailable(true),
    );
    return () => {
      current = false;
    };
  }, [nearTries, tries]);

  const settleTries = (settled: Partial<Record<TryId, TryOutcome>>) => {
    if (position.kind !== 'tries' || busy.current) return;
    const next = applyTries(QUESTIONNAIRE, session, settled, deps.now());
    onSession(next);
    void saveSession(deps, next).then(report);
  };

  // The tries' files not on this device yet (a kiosk offline right after its install: they come after a first
  // session's) and no network: the tries are "non proposés" and the questions go on, never a screen that waits.
  useEffect(() => {
    if (position.kind === 'tries' && triesUnavailable && !tries) settleTries(allNotTaken(session.tries, 'notOffered', position.offered));
  }, [position, triesUnavailable, tries]);

  const answer = (value: AnswerValue) => {
    if (position.kind !== 'question' || busy.current) return;
    const next = applyAnswer(QUESTIONNAIRE, session, position.question.id, value, deps.now());
    onSession(next);
    void saveSession(deps, next).then(report);
  };

  const back = () =>
    step(async () => {
      const moved = await goBack(deps, QUESTIONNAIRE, session);
      if (!moved) return onEnd();
      onSession(moved.session);
      report(moved.saved);
    });
  const finish = () => void step(onEnd);

  if (position.kind === 'tries') {
    if (!tries) return <main id="main" class="screen" aria-busy="true" />;
    const difficulty = session.answers.screenDifficulty;
    const saidScreenHard = Array.isArray(difficulty) && difficulty.some((d) => d === 'sight' || d === 'hands');
    return (
      <tries.TriesScreen
        next={position.next}
        offered={position.offered}
        tries={session.tries}
        onSettle={settleTries}
        onBack={() => void back()}
        onStop={finish}
        pxPerMm={props.settings.pxPerMm ?? DEFAULT_PX_PER_MM}
        offerSkipFirst={saidScreenHard || lastInputWasKeyboard()}
        onLargerText={props.onLargerText}
        speak={props.speak}
        canSpeak={props.canSpeak}
        autoRead={props.autoRead}
      />
    );
  }
  if (position.kind === 'question') {
    const at = progress(QUESTIONNAIRE, session.answers, position.question.id);
    return (
      <QuestionScreen
        question={position.question}
        answers={session.answers}
        part={at.part}
        parts={at.parts}
        partName={at.partName}
        isFirst={at.position === 1}
        autoRead={props.autoRead}
        canSpeak={props.canSpeak}
        onAnswer={(value) => void answer(value)}
        onBack={() => void back()}
        onStop={finish}
        speak={props.speak}
      />
    );
  }
  if (!profile) return <main id="main" class="screen" aria-busy="true" />;
  if (session.mode === 'guided' && props.mediator) {
    const { module, services } = props.mediator;
    return (
      <module.GuidedResultScreen
        services={services}
        profile={profile}
        answers={session.answers}
        tries={session.tries}
        resultId={session.resultId ?? null}
        speak={props.speak}
        canSpeak={props.canSpeak}
        loadDataset={loadDataset}
        deviceOrigin={props.settings.location}
        onEdit={() => void back()}
        onFinish={finish}
      />
    );
  }
  return (
    <ResultScreen
      profile={profile}
      answers={session.answers}
      tries={triesScores}
      onEdit={() => void back()}
      onFinish={finish}
      loadDataset={loadDataset}
      placesReadAhead={placesReadAhead.current}
      deviceOrigin={props.settings.location}
      now={props.now}
      kiosk={props.settings.mode === 'publicKiosk'}
      reasonableKm={props.settings.reasonableDistanceKm}
      speak={props.speak}
      canSpeak={props.canSpeak}
    />
  );
}
