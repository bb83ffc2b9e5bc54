import { renderToString } from 'preact-render-to-string';
import { DEFAULT_LANGUAGE } from '../domain/language';
import { createI18n } from '../i18n/i18n';
import fr from '../i18n/locales/fr.json';
import { AppShell } from './components/AppShell';
import { DisplayToolbar } from './components/DisplayToolbar';
import { DEFAULT_DISPLAY } from './hooks/use-display-prefs';
import { I18nContext } from './hooks/use-i18n';
import { WelcomeScreen } from './screens/WelcomeScreen';

const noop = () => {};

/**
 * The welcome screen as HTML, put into index.html at build time: the kiosk shows it before any script runs, and the
 * costly first layout (eight scripts of language names) happens before the first paint instead of after it.
 */
export function renderWelcomeHtml(): string {
  const i18n = createI18n(fr);
  return renderToString(
    <I18nContext.Provider value={{ t: i18n.t.bind(i18n), language: DEFAULT_LANGUAGE }}>
      <AppShell
        memoryOnly={false}
        saveProblem={null}
        stale={false}
        onReload={noop}
        toolbar={<DisplayToolbar prefs={DEFAULT_DISPLAY} onTextSize={noop} onContrast={noop} onReadAloud={noop} />}
        speechNotice={null}
      >
        <WelcomeScreen onStart={noop} onChooseLanguage={noop} onMediator={noop} />
      </AppShell>
    </I18nContext.Provider>,
  );
}
