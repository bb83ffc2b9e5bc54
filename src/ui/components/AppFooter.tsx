import { useI18n } from '../hooks/use-i18n';

export interface AppFooterProps {
  /** Opens the accessibility statement (null where it cannot be opened: inside a session). */
  readonly onAccessibility?: (() => void) | null;
}

/** The privacy promise, the accessibility status (RGAA: on every page that shows it), and the version for support. */
export function AppFooter({ onAccessibility = null }: AppFooterProps) {
  const { t } = useI18n();
  return (
    <footer class="app-footer">
      <p>{t('footer.privacy')}</p>
      {onAccessibility ? (
        <p>
          <button type="button" class="btn-text" onClick={onAccessibility}>
            {t('footer.accessibility')}
          </button>
        </p>
      ) : (
        <p>{t('footer.accessibility')}</p>
      )}
      <p class="app-version">
        {t('app.version', { version: __APP_VERSION__, build: __BUILD_ID__ })}
      </p>
    </footer>
  );
}
