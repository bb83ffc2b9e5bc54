import { useId } from 'preact/hooks';
import type { FinishedResult } from '../../domain/result';
import { toResultsCsv, toResultsJson, type CsvLabels, type CsvSeparator } from '../../domain/results-export';
import { useI18n } from '../hooks/use-i18n';
import { downloadText } from './download';

export interface ExportPanelProps {
  /** What an export takes: the results ticked, or every result shown when none is. */
  readonly results: readonly FinishedResult[];
  readonly scope: 'selected' | 'shown';
  readonly separator: CsvSeparator;
  readonly onSeparatorChange: (separator: CsvSeparator) => void;
  readonly now: () => Date;
  /** Today as `YYYY-MM-DD`, for the file's name. */
  readonly fileDate: () => string;
  readonly onExported: (fileName: string) => void;
  readonly onFailed: () => void;
}

const SEPARATORS: readonly { readonly value: CsvSeparator; readonly key: string }[] = [
  { value: ';', key: 'mediator.history.export.semicolon' },
  { value: ',', key: 'mediator.history.export.comma' },
];

/**
 * Exports for the mediator's activity reports (docs/EXPORT.md): a CSV file for spreadsheets (';' by default, which
 * French Excel opens in columns) or a JSON file for other tools. Categories only: the files name no one.
 */
export function ExportPanel(props: ExportPanelProps) {
  const { results, scope, separator, onSeparatorChange } = props;
  const { t } = useI18n();
  const id = useId();
  const empty = results.length === 0;

  const save = (format: 'csv' | 'json') => {
    if (empty) return;
    const fileName = `repere-resultats-${props.fileDate()}.${format}`;
    try {
      const labels: CsvLabels = {
        distanceLevel: (level) => t(`result.levels.${level}`),
        autonomy: (level) => t(`mediator.autonomy.${level}`),
        theme: (theme) => t(`mediator.themes.${theme}`),
      };
      if (format === 'csv') downloadText(fileName, toResultsCsv(results, { separator, labels }), 'text/csv;charset=utf-8');
      else downloadText(fileName, toResultsJson(results, props.now()), 'application/json');
      props.onExported(fileName);
    } catch {
      props.onFailed();
    }
  };

  return (
    <section class="history-export" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('mediator.history.export.title')}</h2>
      <fieldset class="history-separator">
        <legend>{t('mediator.history.export.separator')}</legend>
        {SEPARATORS.map((option) => (
          <label key={option.value} class="history-radio">
            <input
              type="radio"
              name={`${id}-separator`}
              value={option.value}
              checked={separator === option.value}
              onChange={() => onSeparatorChange(option.value)}
            />
            <span>{t(option.key)}</span>
          </label>
        ))}
      </fieldset>
      <p id={`${id}-scope`} class="history-export-scope">
        {empty
          ? t('mediator.history.export.nothing')
          : scope === 'selected'
            ? t('mediator.history.export.scopeSelected', { count: results.length })
            : t('mediator.history.export.scopeShown', { count: results.length })}
      </p>
      <div class="history-actions">
        <button
          type="button"
          class="btn btn-primary"
          aria-describedby={`${id}-scope`}
          aria-disabled={empty ? 'true' : undefined}
          onClick={() => save('csv')}
        >
          {t('mediator.history.export.csv')}
        </button>
        <button
          type="button"
          class="btn btn-secondary"
          aria-describedby={`${id}-scope`}
          aria-disabled={empty ? 'true' : undefined}
          onClick={() => save('json')}
        >
          {t('mediator.history.export.json')}
        </button>
      </div>
      <p class="history-note">{t('mediator.history.export.privacy')}</p>
    </section>
  );
}
