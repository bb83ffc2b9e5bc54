import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useI18n } from '../hooks/use-i18n';

/** What each version checks (each backed by an end-to-end test: accessibility, journey, large-text specs). */
const CHECKED = ['axe', 'keyboard', 'textSize', 'contrast', 'languages'] as const;
/** What is known not to be accessible yet, said plainly. */
const LIMITS = ['screenReaders', 'translations', 'voices', 'footer'] as const;

export interface AccessibilityScreenProps {
  readonly onBack: () => void;
}

/**
 * The accessibility statement (déclaration d'accessibilité, RGAA model): the conformity status, what is checked at
 * each version, what is not accessible yet, how to get help, and the remedies. Reached from the footer. Addresses are
 * written out, not linked: a kiosk must not open a page the inactivity wipe cannot close.
 */
export function AccessibilityScreen({ onBack }: AccessibilityScreenProps) {
  const { t } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <main id="main" class="screen statement">
      <h1 ref={heading} tabIndex={-1}>
        {t('statement.title')}
      </h1>
      <p>{t('statement.commitment', { version: __APP_VERSION__ })}</p>
      <section aria-labelledby="statement-status">
        <h2 id="statement-status">{t('statement.statusTitle')}</h2>
        <p>{t('statement.status')}</p>
      </section>
      <section aria-labelledby="statement-checked">
        <h2 id="statement-checked">{t('statement.checkedTitle')}</h2>
        <ul>
          {CHECKED.map((key) => (
            <li key={key}>{t(`statement.checked.${key}`)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="statement-limits">
        <h2 id="statement-limits">{t('statement.limitsTitle')}</h2>
        <ul>
          {LIMITS.map((key) => (
            <li key={key}>{t(`statement.limits.${key}`)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="statement-made">
        <h2 id="statement-made">{t('statement.madeTitle')}</h2>
        <p>{t('statement.made')}</p>
      </section>
      <section aria-labelledby="statement-contact">
        <h2 id="statement-contact">{t('statement.contactTitle')}</h2>
        <p>{t('statement.contact')}</p>
      </section>
      <section aria-labelledby="statement-remedy">
        <h2 id="statement-remedy">{t('statement.remedyTitle')}</h2>
        <p>{t('statement.remedy')}</p>
      </section>
      <button type="button" class="btn btn-primary btn-finish" onClick={onBack}>
        {t('statement.back')}
      </button>
    </main>
  );
}
