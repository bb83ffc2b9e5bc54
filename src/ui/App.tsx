import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Observable } from '../app/observable';
import type { SaveOutcome } from '../app/save-outcome';
import { beginSession, changeSessionLanguage, eraseSessions, type SessionDeps } from '../app/sessions';
// its own module: the results history (retention, exports) stays out of the first bundle
import { resetDevice } from '../app/reset-device';
import { mayApplyUpdate } from '../app/update-gate';
import { withoutSetupParameter } from '../app/device-setup';
import type { DeviceSettings } from '../domain/device-settings';
import type { Language } from '../domain/language';
import { RESULT_CURSOR, type Session } from '../domain/session';
import type { I18n } from '../i18n/i18n';
import { rememberingTranslate, type I18nSource } from '../i18n/i18n-source';
import type { ServiceWorkerBridge } from '../pwa/sw-bridge';
import type { RepereStorage } from '../storage/open-storage';
import type { SyncCycleOutcome } from '../sync/sync-cycle';
import { readPlacesMeta } from '../storage/places';
import { AppShell } from './components/AppShell';
import { DisplayToolbar } from './components/DisplayToolbar';
import type { SaveProblem } from './components/NoticeBar';
import { useDisplayPrefs } from './hooks/use-display-prefs';
import { I18nContext } from './hooks/use-i18n';
import { useIdle } from './hooks/use-idle';
import { useInactivity } from './hooks/use-inactivity';
import { useLazyModule } from './hooks/use-lazy-module';
import { useObservable } from './hooks/use-observable';
import type * as Journey from './journey';
import type * as Mediator from './mediator';
import type * as Statement from './screens/AccessibilityScreen';
import type { MediatorServices } from './mediator/mediator-services';
import type { ReadAloud, SpeechAvailability } from './services/read-aloud';
import { WelcomeScreen } from './screens/WelcomeScreen';

export type JourneyModule = typeof Journey;
/** The questionnaire and result screens, with their texts in the current language (and French). */
export const loadJourney = (i18n: I18nSource): Promise<JourneyModule> =>
  Promise.all([import('./journey'), withExtraMessages(i18n, 'journey')]).then(([module]) => module);
/** i18next (loaded if it was not yet) with the texts of one part of the app merged in. */
const withExtraMessages = (source: I18nSource, extra: 'journey' | 'mediator' | 'statement'): Promise<I18n> =>
  Promise.all([source.ready(), i18nModule()]).then(async ([i18n, { loadExtraMessages }]) => {
    await loadExtraMessages(i18n, extra);
    return i18n;
  });
/** The functions around i18next, in i18next's chunk. */
const i18nModule = () => import('../i18n/i18n');
export type MediatorModule = typeof Mediator;
type StatementModule = typeof Statement;
const loadMediator = (): Promise<MediatorModule> => import('./mediator');
/** "Êtes-vous toujours là ?": loaded with a first session or the mediator space, before either can be left alone. */
const loadInactivityDialog = () => import('./components/InactivityDialog');

/**
 * The mediator space locks itself after this long without a touch or a key (a warning first): a guided session is kept
 * behind the PIN and resumes where it was, never wiped while a mediator talks with someone.
 */
export const MEDIATOR_IDLE_MS = 5 * 60_000;

/** Where the mediator space is: its door (PIN), its home, the history or the settings. */
type MediatorState = { readonly unlocked: boolean; readonly view: 'pin' | Mediator.MediatorView };

/** Everything the screens need from the outside, built once by main.tsx (tests can build their own). */
export interface AppServices {
  readonly storage: RepereStorage;
  /** The texts: the first screen's French at once, i18next after the first screen (i18n/i18n-source.ts). */
  readonly i18n: I18nSource;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly serviceWorker: ServiceWorkerBridge | null;
  readonly readAloud: ReadAloud;
  readonly settings: DeviceSettings;
  /** The device has its mediator PIN (it was installed on the setup path). */
  readonly installed: boolean;
  /** A new device opened on the setup path (…/?installation): the PIN may be created there, and only there. */
  readonly setupRequested: boolean;
  /** A newer version of Repère took the database in another tab. */
  readonly staleDatabase: Observable<boolean>;
  /** A new version is installed and waiting to be applied. */
  readonly updateReady: Observable<boolean>;
  /** Runs a cycle of the anonymous counts now (null offline, or while one runs). */
  readonly syncNow: () => Promise<SyncCycleOutcome | null>;
}

export interface AppProps {
  readonly services: AppServices;
  /** A session found on the device at start-up (reload or crash), with the journey module already loaded. */
  readonly resumed: { session: Session; journey: JourneyModule } | undefined;
}

/** Seconds the "Êtes-vous toujours là ?" warning gives before the kiosk wipes the session. */
export const INACTIVITY_WARNING_SECONDS = 20;

export function App({ services, resumed }: AppProps) {
  const { storage, i18n, readAloud } = services;
  const [settings, setSettings] = useState(services.settings);
  const [session, setSession] = useState<Session | null>(resumed?.session ?? null);
  const [mediatorModule, setMediatorModule] = useState<MediatorModule | null>(null);
  const [installed, setInstalled] = useState(services.installed);
  // The accessibility statement, open from the footer of the welcome screen (its code and texts load on demand).
  const [statement, setStatement] = useState<StatementModule | 'loading' | null>(null);
  const openStatement = useCallback(() => {
    setStatement('loading');
    void Promise.all([import('./screens/AccessibilityScreen'), withExtraMessages(i18n, 'statement')]).then(([module]) => setStatement(module));
  }, [i18n]);
  // Staff opened the setup path of a new device: straight to the PIN creation, then to the settings.
  const [mediator, setMediator] = useState<MediatorState | null>(services.setupRequested ? { unlocked: false, view: 'pin' } : null);
  const [journey, setJourney] = useState<JourneyModule | null>(resumed?.journey ?? null);
  // French until i18next has come, unless main.tsx loaded it first for another language or a resumed session.
  const [language, setLanguage] = useState<Language>((i18n.current()?.language as Language | undefined) ?? 'fr');
  // i18next, once loaded: its translate replaces the first screen's (same texts, so the screen does not change).
  const [i18next, setI18next] = useState<I18n | null>(i18n.current());
  useEffect(() => {
    if (!i18next) void i18n.loaded.then(setI18next);
  }, [i18n, i18next]);
  const [saveProblem, setSaveProblem] = useState<SaveProblem>(null);
  const [speechNotice, setSpeechNotice] = useState<string | null>(null);
  // Whether this device can read the current language aloud; null until asked (the voices load late).
  const [speech, setSpeech] = useState<SpeechAvailability | null>(null);
  const display = useDisplayPrefs(settings.readAloudDefault);
  const stale = useObservable(services.staleDatabase);
  const updateReady = useObservable(services.updateReady);
  const busy = useRef(false);
  const deps: SessionDeps = useMemo(() => ({ storage, now: services.now, newId: services.newId }), [services, storage]);

  const report = useCallback((outcome: SaveOutcome) => {
    // A closed database is already told by the stale notice; the other failures get their own message.
    if (outcome.ok) setSaveProblem(null);
    else if (outcome.reason !== 'closed') setSaveProblem(outcome.reason);
  }, []);

  // Read-aloud stops whenever the screen changes.
  // (The session's cursor names its screen: a question's id, or the result's; none yet on the first question.)
  const screenKey = session ? (session.cursor ?? 'first') : 'welcome';
  const onQuestion = session !== null && session.cursor !== RESULT_CURSOR;
  useEffect(() => () => readAloud.stop(), [readAloud, screenKey]);
  // "No voice" is said once, where it was asked, never again on the next screens.
  useEffect(() => setSpeechNotice(null), [screenKey]);

  // Load the journey at the first touch or key on the welcome screen (the finger is still down on "Commencer"), not
  // on a timer: a kiosk nobody touches does no work, and the first screen stays free of long tasks.
  useEffect(() => {
    if (journey) return undefined;
    const prefetch = () => void loadJourney(i18n).then(setJourney);
    window.addEventListener('pointerdown', prefetch, { once: true, capture: true });
    window.addEventListener('keydown', prefetch, { once: true, capture: true });
    return () => {
      window.removeEventListener('pointerdown', prefetch, { capture: true });
      window.removeEventListener('keydown', prefetch, { capture: true });
    };
  }, [journey, i18n]);

  const applyLanguage = useCallback(
    async (next: Language) => {
      const [instance, { switchLanguage }] = await Promise.all([i18n.ready(), i18nModule()]);
      await switchLanguage(instance, next, document.documentElement);
      setLanguage(next);
    },
    [i18n],
  );

  const chooseLanguage = useCallback(
    async (next: Language) => {
      await applyLanguage(next);
      if (session) {
        const changed = await changeSessionLanguage(deps, session, next);
        setSession(changed.session);
        report(changed.saved);
      }
    },
    [applyLanguage, deps, report, session],
  );

  /** Runs one step at a time: a double tap never records an answer twice. */
  const step = useCallback(async (work: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    try {
      await work();
    } finally {
      busy.current = false;
    }
  }, []);

  const start = (mode: Session['mode'] = 'kiosk') =>
    step(async () => {
      const module = journey ?? (await loadJourney(i18n));
      setJourney(module);
      const started = await beginSession(deps, { language, mode, questionnaire: module.QUESTIONNAIRE });
      setSession(started.session);
      report(started.saved);
    });

  /** Back to the welcome screen for the next person: erases the session, resets language and display. */
  const endSession = useCallback(async () => {
    readAloud.stop();
    // A guided session ends back in the mediator space, if it is still open.
    setMediator((current) => (current?.unlocked ? { unlocked: true, view: 'home' } : null));
    setSession(null);
    setSaveProblem(null);
    report(await eraseSessions(deps));
    display.reset();
    // The next person starts in the device's language, not in the one the previous person chose.
    if (language !== settings.defaultLanguage) await applyLanguage(settings.defaultLanguage);
  }, [applyLanguage, deps, display, language, readAloud, report, settings.defaultLanguage]);

  // Walking away from the welcome screen: the language, text size, contrast or read-aloud the last person chose go
  // back to the device's after the same delay (nothing to lose there, so no warning).
  const welcomeChanged =
    !session &&
    !mediator &&
    (statement !== null ||
      language !== settings.defaultLanguage ||
      display.prefs.textSize !== 'normal' ||
      display.prefs.highContrast ||
      display.prefs.readAloud !== settings.readAloudDefault);
  useIdle({
    active: welcomeChanged,
    idleMs: settings.inactivitySeconds * 1000,
    onIdle: () => {
      readAloud.stop();
      setSpeechNotice(null);
      setStatement(null);
      display.reset();
      if (language !== settings.defaultLanguage) void applyLanguage(settings.defaultLanguage);
    },
  });

  const inactivity = useInactivity({
    active: session !== null && session.mode === 'kiosk' && settings.mode === 'publicKiosk',
    timeoutMs: settings.inactivitySeconds * 1000,
    warningSeconds: INACTIVITY_WARNING_SECONDS,
    onExpire: () => void endSession(),
  });

  // A waiting update is applied only where a reload costs the person nothing.
  useEffect(() => {
    const screen = mediator ? 'mediator' : session ? 'questionnaire' : 'welcome';
    if (updateReady && mayApplyUpdate({ screen, hasUnsavedInput: false })) services.serviceWorker?.applyUpdate();
  }, [mediator, services.serviceWorker, session, updateReady]);

  // The mediator space (and a guided session in it) locks itself when the tablet is left alone: the session and the
  // screen the mediator was on are kept behind the PIN.
  const lockMediator = useCallback(() => {
    readAloud.stop();
    setMediator((current) => (current ? { unlocked: false, view: current.view } : null));
  }, [readAloud]);
  const mediatorIdle = useInactivity({
    active: mediator?.unlocked === true,
    timeoutMs: MEDIATOR_IDLE_MS,
    warningSeconds: INACTIVITY_WARNING_SECONDS,
    onExpire: lockMediator,
  });

  const dialogs = useLazyModule(loadInactivityDialog, session !== null || mediator?.unlocked === true);

  // A guided session found at start-up (a reload) is shown only once the PIN is typed again.
  const guidedLocked = session?.mode === 'guided' && mediator?.unlocked !== true;
  useEffect(() => {
    if (!(mediator || guidedLocked) || mediatorModule) return;
    // The mediator space's texts come with its code, not with the first screen.
    // the mediator space shows results too (the history, a guided session): the journey's texts come with it
    void Promise.all([loadMediator(), withExtraMessages(i18n, 'mediator'), withExtraMessages(i18n, 'journey')]).then(([module]) => setMediatorModule(module));
  }, [guidedLocked, i18n, mediator, mediatorModule]);

  const mediatorServices: MediatorServices = useMemo(
    () => ({
      storage,
      now: services.now,
      newId: services.newId,
      fetcher: (input, init) => fetch(input, init),
      settings,
      onSettingsSaved: (next) => {
        // A new collector address or token gives the batches it refused another chance, sent at once.
        const sendingChanged = next.sync.collectorUrl !== settings.sync.collectorUrl || next.sync.token !== settings.sync.token;
        setSettings(next);
        if (sendingChanged) {
          void import('../sync/outbox')
            .then(({ requeueRefused }) => requeueRefused(storage))
            .then(() => services.syncNow())
            .catch((error: unknown) => console.warn('Repère: refused batches not requeued', error));
        }
      },
      syncNow: services.syncNow,
    }),
    [services, settings, storage],
  );

  const reset = useCallback(async () => {
    await resetDevice(storage).catch(() => {});
    window.location.reload();
  }, [storage]);

  // The places dataset on the device, read when the result asks for it.
  const loadDataset = useCallback(async () => {
    const meta = await readPlacesMeta(storage).catch(() => undefined);
    return meta ? { meta, places: await storage.places.getAll() } : null;
  }, [storage]);
  const i18nValue = useMemo(
    () => ({ t: i18next ? rememberingTranslate(i18next) : i18n.firstScreen, language }),
    [i18n, i18next, language],
  );

  // A language is asked about once: the switch goes off, and says why once, when the device has no voice for it.
  const speechUnavailable = speech !== null && speech !== 'available';
  const { setReadAloud } = display;
  const checkSpeech = useCallback(async (): Promise<SpeechAvailability> => {
    const availability = await readAloud.availability(language);
    setSpeech(availability);
    if (availability !== 'available') {
      setReadAloud(false);
      setSpeechNotice(i18nValue.t(availability === 'noVoice' ? 'speech.noVoice' : 'speech.unsupported'));
    }
    return availability;
  }, [i18nValue, language, readAloud, setReadAloud]);
  /** Reads a text in the current language, once the device's voices are known; if none fits, the toolbar says so. */
  const speak = (text: string): void => {
    if (speech === 'available') readAloud.speak(text, language);
    else if (speech === null) void checkSpeech().then((availability) => availability === 'available' && readAloud.speak(text, language));
  };
  const checkingSpeech = useRef(false);
  // A new language may have a voice: ask again.
  useEffect(() => {
    setSpeech(null);
    setSpeechNotice(null);
  }, [language]);
  // Read-aloud on by default (a device setting), or kept across a reload: checked as soon as it is on.
  useEffect(() => {
    if (!display.prefs.readAloud || speech !== null || checkingSpeech.current) return;
    checkingSpeech.current = true;
    void checkSpeech().finally(() => (checkingSpeech.current = false));
  }, [checkSpeech, display.prefs.readAloud, speech]);

  const toggleReadAloudNow = () => {
    if (display.prefs.readAloud) {
      readAloud.stop();
      setReadAloud(false);
      return;
    }
    void (async () => {
      // Unavailable: said in the toolbar's status line (checkSpeech), the switch stays off.
      const availability = speech ?? (await checkSpeech());
      if (availability !== 'available') {
        setSpeechNotice(i18nValue.t(availability === 'noVoice' ? 'speech.noVoice' : 'speech.unsupported'));
        return;
      }
      setReadAloud(true);
      if (!session) readAloud.speak(i18nValue.t('welcome.intro'), language);
    })();
  };
  // One function for the whole life of the app (the toolbar is then drawn again only when its prefs change), calling
  // the latest toggle, which reads this render's session and voice.
  const latestToggle = useRef(toggleReadAloudNow);
  latestToggle.current = toggleReadAloudNow;
  const toggleReadAloud = useCallback(() => latestToggle.current(), []);

  // Locked from inside the space (idle): the screen the mediator was on stays mounted, hidden behind the PIN, so that
  // nothing typed is lost (an observation, a setting, the person's view of a guided result). Locked at start-up (a
  // reload) or entering from the welcome screen, there is nothing behind the PIN.
  const locked = guidedLocked || (mediator !== null && !mediator.unlocked);
  const keepBehind = mediator !== null && !mediator.unlocked && mediator.view !== 'pin';
  const pinScreen = !locked ? null : mediatorModule ? (
    <mediatorModule.PinScreen
      services={mediatorServices}
      pausedSession={guidedLocked}
      mayCreate={services.setupRequested}
      onUnlocked={(created) => {
        if (created) {
          // Installed: the next steps of the setup are the settings (mode, location, places, sending).
          setInstalled(true);
          history.replaceState(null, '', withoutSetupParameter(location.href));
          setMediator({ unlocked: true, view: 'settings' });
          return;
        }
        // Back to where the mediator was: the same question or result of a guided session, or the same screen.
        setMediator((current) => ({ unlocked: true, view: current && current.view !== 'pin' ? current.view : 'home' }));
        requestAnimationFrame(() => document.querySelector<HTMLElement>('#main h1[tabindex], #main legend[tabindex]')?.focus());
      }}
      onCancel={() => (guidedLocked ? void endSession() : setMediator(null))}
      onResetDevice={() => void reset()}
    />
  ) : (
    <main id="main" class="screen" aria-busy="true" />
  );

  let screen;
  if (locked && !keepBehind) {
    screen = null;
  } else if (session && journey) {
    screen = (
      <journey.SessionScreen
        session={session}
        deps={deps}
        onSession={setSession}
        report={report}
        step={step}
        busy={busy}
        onEnd={endSession}
        language={language}
        settings={settings}
        now={services.now}
        loadDataset={loadDataset}
        autoRead={display.prefs.readAloud}
        canSpeak={!speechUnavailable}
        speak={speak}
        onLargerText={display.prefs.textSize === 'normal' ? display.enlargeText : null}
        mediator={mediatorModule ? { module: mediatorModule, services: mediatorServices } : null}
      />
    );
  } else if (session) {
    screen = <main id="main" class="screen" aria-busy="true" />;
  } else if (mediator && mediatorModule) {
    const navigate = (view: Mediator.MediatorView) => setMediator({ unlocked: true, view });
    const home = () => navigate('home');
    screen =
      mediator.view === 'history' ? (
        <mediatorModule.HistoryScreen services={mediatorServices} onBack={home} />
      ) : mediator.view === 'settings' ? (
        <mediatorModule.SettingsScreen
          services={mediatorServices}
          onBack={home}
          onResetDevice={() => void reset()}
          firstSetup={services.setupRequested}
        />
      ) : (
        <mediatorModule.MediatorHome
          services={mediatorServices}
          onStartGuided={() => void start('guided')}
          onNavigate={navigate}
          onClose={() => setMediator(null)}
        />
      );
  } else if (mediator) {
    screen = <main id="main" class="screen" aria-busy="true" />;
  } else if (statement === 'loading') {
    screen = <main id="main" class="screen" aria-busy="true" />;
  } else if (statement) {
    screen = <statement.AccessibilityScreen onBack={() => setStatement(null)} />;
  } else {
    screen = (
      <WelcomeScreen
        onStart={() => void start()}
        onChooseLanguage={(l) => void chooseLanguage(l)}
        onMediator={() => setMediator({ unlocked: false, view: 'pin' })}
        languages={settings.languagesOffered}
        notInstalled={!installed}
      />
    );
  }

  return (
    <I18nContext.Provider value={i18nValue}>
      <AppShell
        memoryOnly={storage.backend === 'memory'}
        saveProblem={saveProblem}
        stale={stale}
        onReload={() => window.location.reload()}
        toolbar={
          <DisplayToolbar
            prefs={display.prefs}
            onTextSize={display.cycleTextSize}
            onContrast={display.toggleContrast}
            onReadAloud={toggleReadAloud}
            readAloudUnavailable={speechUnavailable}
          />
        }
        speechNotice={speechNotice}
        cover={pinScreen}
        footer={!(onQuestion && !locked)}
        onAccessibility={!session && !mediator && !statement ? openStatement : null}
      >
        {screen}
      </AppShell>
      {dialogs ? (
        <>
          <dialogs.InactivityDialog open={inactivity.warning} secondsLeft={inactivity.secondsLeft} onStay={inactivity.stayHere} />
          <dialogs.InactivityDialog
            open={mediatorIdle.warning}
            secondsLeft={mediatorIdle.secondsLeft}
            onStay={mediatorIdle.stayHere}
            kind="mediatorLock"
          />
        </>
      ) : null}
    </I18nContext.Provider>
  );
}
