import type { FinishedResult } from '../../domain/result';
import { useI18n } from '../hooks/use-i18n';

export interface HistoryTableProps {
  /** The results the filters let through, newest first. */
  readonly results: readonly FinishedResult[];
  readonly selected: ReadonlySet<string>;
  readonly onSelect: (ids: readonly string[], selected: boolean) => void;
  readonly onView: (id: string) => void;
  /** Date and time as the mediator reads them (language of the interface, calendar of the device). */
  readonly formatDateTime: (iso: string) => string;
  /** The same, short, for the table's column ("07/12/2026 10:00"). */
  readonly formatShort: (iso: string) => string;
}

/**
 * The results of one page, one row each: a box to select it for an export, when, the distance level (its colour and
 * words), how (kiosk or guided), the mediator's observation in short, and a button for the detail (with the language).
 * It fits an 820 px tablet; narrower, it scrolls sideways inside a region the keyboard can reach.
 */
export function HistoryTable({ results, selected, onSelect, onView, formatDateTime, formatShort }: HistoryTableProps) {
  const { t } = useI18n();
  const observationSummary = (result: FinishedResult): string => {
    const observation = result.observation;
    if (!observation) return result.mode === 'guided' ? t('mediator.history.table.notObservedYet') : '—';
    const parts = [observation.autonomy ? t(`mediator.autonomy.${observation.autonomy}`) : t('mediator.observation.notObserved')];
    if (observation.themes.length > 0) parts.push(t('mediator.history.table.themesCount', { count: observation.themes.length }));
    return parts.join(' · ');
  };
  const ids = results.map((result) => result.id);
  const selectedCount = ids.filter((resultId) => selected.has(resultId)).length;
  const all = ids.length > 0 && selectedCount === ids.length;
  return (
    <div class="history-table-scroll" role="region" aria-label={t('mediator.history.table.region')} tabIndex={0}>
      <table class="history-table">
        <caption>{t('mediator.history.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" class="history-col-select">
              <label class="history-check">
                <input
                  type="checkbox"
                  checked={all}
                  indeterminate={selectedCount > 0 && !all}
                  onChange={(event) => onSelect(ids, event.currentTarget.checked)}
                />
                <span class="visually-hidden">{t('mediator.history.table.selectAll')}</span>
              </label>
            </th>
            <th scope="col">{t('mediator.history.table.date')}</th>
            <th scope="col">{t('mediator.history.table.level')}</th>
            <th scope="col">{t('mediator.history.table.mode')}</th>
            <th scope="col">{t('mediator.history.table.observation')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('mediator.history.table.detail')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {results.map((result) => {
            const date = formatDateTime(result.finishedAt);
            const isSelected = selected.has(result.id);
            return (
              <tr key={result.id} class={isSelected ? 'history-row-selected' : undefined}>
                <td class="history-col-select">
                  <label class="history-check">
                    <input
                      type="checkbox"
                      checked={isSelected}
                      onChange={(event) => onSelect([result.id], event.currentTarget.checked)}
                    />
                    <span class="visually-hidden">{t('mediator.history.table.selectOne', { date })}</span>
                  </label>
                </td>
                <td class="history-col-date">
                  <time dateTime={result.finishedAt}>{formatShort(result.finishedAt)}</time>
                </td>
                <td>
                  {/* the level at a glance: its colour and its words (the colour alone says nothing to some) */}
                  <span class={`history-level history-level-${result.distanceLevel}`}>{t(`result.levels.${result.distanceLevel}`)}</span>
                </td>
                <td>{t(`mediator.history.modes.${result.mode}`)}</td>
                <td class="history-col-observation">{observationSummary(result)}</td>
                <td>
                  <button
                    type="button"
                    class="btn btn-secondary history-view"
                    aria-label={t('mediator.history.table.viewResult', { date })}
                    aria-haspopup="dialog"
                    onClick={() => onView(result.id)}
                  >
                    {t('mediator.history.table.view')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
