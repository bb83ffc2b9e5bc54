import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { Observable } from '../app/observable';
import type { SaveOutcome } from '../app/save-outcome';
import { beginSession, changeSessionLanguage, eraseSessions, type SessionDeps } from '../app/sessions';
import { mayApplyUpdate } from '../app/update-gate';
import { QUESTIONNAIRE } from '../content/questionnaire';
import { DEFAULT_LANGUAGE, type Language } from '../domain/language';
import type { Session } from '../domain/session';
import { switchLanguage, type I18n } from '../i18n/i18n';
import type { ServiceWorkerBridge } from '../pwa/sw-bridge';
import type { RepereStorage } from '../storage/open-storage';
import { AppShell } from './components/AppShell';
import type { SaveProblem } from './components/NoticeBar';
import { I18nContext } from './hooks/use-i18n';
import { useObservable } from './hooks/use-observable';
import { SessionScreen } from './screens/SessionScreen';
import { WelcomeScreen } from './screens/WelcomeScreen';

/** Everything the screens need from the outside, built once by main.tsx (tests can build their own). */
export interface AppServices {
  readonly storage: RepereStorage;
  readonly i18n: I18n;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly serviceWorker: ServiceWorkerBridge | null;
  /** A newer version of Repère took the database in another tab. */
  readonly staleDatabase: Observable<boolean>;
  /** A new version is installed and waiting to be applied. */
  readonly updateReady: Observable<boolean>;
}

export interface AppProps {
  readonly services: AppServices;
  /** A session found on the device at start-up (reload or crash): the app resumes it. */
  readonly resumed: Session | undefined;
}

export function App({ services, resumed }: AppProps) {
  const { storage, i18n } = services;
  const [session, setSession] = useState<Session | null>(resumed ?? null);
  const [language, setLanguage] = useState<Language>((i18n.language as Language | undefined) ?? DEFAULT_LANGUAGE);
  const [saveProblem, setSaveProblem] = useState<SaveProblem>(null);
  const stale = useObservable(services.staleDatabase);
  const updateReady = useObservable(services.updateReady);
  const deps: SessionDeps = useMemo(() => ({ storage, now: services.now, newId: services.newId }), [services, storage]);

  const report = useCallback((outcome: SaveOutcome) => {
    // A closed database is already told by the stale notice; the other failures get their own message.
    if (outcome.ok) setSaveProblem(null);
    else if (outcome.reason !== 'closed') setSaveProblem(outcome.reason);
  }, []);

  const applyLanguage = useCallback(
    async (next: Language) => {
      await switchLanguage(i18n, next, document.documentElement);
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

  const start = useCallback(async () => {
    const { session: started, saved } = await beginSession(deps, { language, mode: 'kiosk', questionnaire: QUESTIONNAIRE });
    setSession(started);
    report(saved);
  }, [deps, language, report]);

  const finish = useCallback(async () => {
    setSession(null);
    setSaveProblem(null);
    report(await eraseSessions(deps));
    // The next person starts in the device's language, not in the one the previous person chose.
    if (language !== DEFAULT_LANGUAGE) await applyLanguage(DEFAULT_LANGUAGE);
  }, [applyLanguage, deps, language, report]);

  // A waiting update is applied only where a reload costs the person nothing.
  useEffect(() => {
    const screen = session ? 'questionnaire' : 'welcome';
    if (updateReady && mayApplyUpdate({ screen, hasUnsavedInput: false })) services.serviceWorker?.applyUpdate();
  }, [services.serviceWorker, session, updateReady]);

  const i18nValue = useMemo(() => ({ t: i18n.t.bind(i18n), language }), [i18n, language]);

  return (
    <I18nContext.Provider value={i18nValue}>
      <AppShell
        memoryOnly={storage.backend === 'memory'}
        saveProblem={saveProblem}
        stale={stale}
        onReload={() => window.location.reload()}
      >
        {session ? (
          <SessionScreen onFinish={() => void finish()} />
        ) : (
          <WelcomeScreen onStart={() => void start()} onChooseLanguage={(l) => void chooseLanguage(l)} />
        )}
      </AppShell>
    </I18nContext.Provider>
  );
}
