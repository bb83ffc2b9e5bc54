import type { Ref } from 'preact';
import type { SettingsErrors } from '../../domain/settings-validation';
import { useI18n } from '../hooks/use-i18n';
import { SETTINGS_FIELDS, errorMessage } from './settings-fields';

export interface SettingsErrorSummaryProps {
  readonly errors: SettingsErrors;
  /** The summary takes the focus after a refused save, so the mediator hears at once what to fix. */
  readonly summaryRef: Ref<HTMLDivElement>;
}

/** Puts the focus on a field and brings its label into view (a link to an input would scroll the label away). */
function goTo(id: string) {
  const input = document.getElementById(id);
  if (!input) return;
  const label = document.querySelector(`label[for="${id}"]`);
  input.focus({ preventScroll: true });
  (input.closest('fieldset') ?? label ?? input).scrollIntoView({ block: 'start', behavior: 'auto' });
}

/** What stops the save, at the top of the form: each refused field named, with a link that takes the focus to it. */
export function SettingsErrorSummary({ errors, summaryRef }: SettingsErrorSummaryProps) {
  const { t } = useI18n();
  const refused = SETTINGS_FIELDS.filter(({ field }) => errors[field] !== undefined);
  if (refused.length === 0) return null;
  return (
    <div class="settings-summary" ref={summaryRef} tabIndex={-1} role="group" aria-labelledby="settings-summary-title">
      <h2 id="settings-summary-title">{t('mediator.settings.summary.title')}</h2>
      <ul>
        {refused.map(({ field, id, labelKey }) => (
          <li key={field}>
            <a
              href={`#${id}`}
              onClick={(event) => {
                event.preventDefault();
                goTo(id);
              }}
            >
              {t('mediator.settings.summary.item', { field: t(labelKey), message: errorMessage(t, field, errors[field]!) })}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
