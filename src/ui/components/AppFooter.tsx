import { useI18n } from '../hooks/use-i18n';

/** The privacy promise, and the version a mediator reads out when calling for support. */
export function AppFooter() {
  const { t } = useI18n();
  return (
    <footer class="app-footer">
      <p>{t('footer.privacy')}</p>
      <p class="app-version">
        {t('app.version', { version: __APP_VERSION__, build: __BUILD_ID__ })}
      </p>
    </footer>
  );
}
