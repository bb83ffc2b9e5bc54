import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useI18n } from '../hooks/use-i18n';

export interface SessionScreenProps {
  readonly onFinish: () => void;
}

/** A questionnaire in progress. The questions themselves come with the questionnaire issue. */
export function SessionScreen({ onFinish }: SessionScreenProps) {
  const { t } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <main id="main" class="screen session">
      <h1 ref={heading} tabIndex={-1}>
        {t('session.title')}
      </h1>
      <p class="lead">{t('session.comingSoon')}</p>
      <button type="button" class="btn btn-secondary btn-finish" onClick={onFinish}>
        {t('session.finish')}
      </button>
    </main>
  );
}
