import type { Language } from '../../domain/language';
import { LanguagePicker } from '../components/LanguagePicker';
import { Logo } from '../components/Logo';
import { useI18n } from '../hooks/use-i18n';

export interface WelcomeScreenProps {
  readonly onStart: () => void;
  readonly onChooseLanguage: (language: Language) => void;
  /** The discreet door of the mediator space. */
  readonly onMediator: () => void;
  readonly languages?: readonly Language[];
  /** A new device, not installed by the staff yet (no mediator PIN): said, and the questionnaire still works. */
  readonly notInstalled?: boolean;
}

/** The kiosk's front door: the name, one sentence, a very large start button, and the languages. */
export function WelcomeScreen({ onStart, onChooseLanguage, onMediator, languages, notInstalled = false }: WelcomeScreenProps) {
  const { t } = useI18n();
  return (
    <main id="main" class="screen welcome">
      <div class="welcome-brand">
        <Logo />
        <h1>{t('app.name')}</h1>
      </div>
      <p class="lead">{t('welcome.intro')}</p>
      <button type="button" class="btn btn-primary btn-start" onClick={onStart}>
        {t('welcome.start')}
      </button>
      <p class="reassurance">{t('welcome.reassurance')}</p>
      {languages && languages.length < 2 ? null : <LanguagePicker onChoose={onChooseLanguage} languages={languages} />}
      {notInstalled ? <p class="not-installed">{t('welcome.notInstalled')}</p> : null}
      <button type="button" class="btn btn-link mediator-entry" onClick={onMediator}>
        {t('welcome.mediator')}
      </button>
    </main>
  );
}
