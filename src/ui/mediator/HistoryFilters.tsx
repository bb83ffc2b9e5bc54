import { useId } from 'preact/hooks';
import { NO_HISTORY_FILTER, type HistoryFilter } from '../../domain/history-range';
import { DISTANCE_RESULTS, type DistanceResult } from '../../domain/result';
import type { SessionMode } from '../../domain/session';
import { useI18n } from '../hooks/use-i18n';

export { NO_HISTORY_FILTER, type HistoryFilter };
const MODES: readonly SessionMode[] = ['kiosk', 'guided'];

export interface HistoryFiltersProps {
  readonly value: HistoryFilter;
  readonly onChange: (filter: HistoryFilter) => void;
}

const isLevel = (value: string): value is DistanceResult => (DISTANCE_RESULTS as readonly string[]).includes(value);

/** From and to dates (both included), a distance level and a mode; the list below changes as soon as a field does. */
export function HistoryFilters({ value, onChange }: HistoryFiltersProps) {
  const { t } = useI18n();
  const id = useId();
  const reversed = value.from !== '' && value.to !== '' && value.from > value.to;
  const active = value.from !== '' || value.to !== '' || value.level !== 'all' || value.mode !== 'all';
  return (
    <section class="history-filters" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('mediator.history.filters.title')}</h2>
      <div class="history-filter-fields">
        <div class="history-field">
          <label for={`${id}-from`}>{t('mediator.history.filters.from')}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={value.from}
            max={value.to || undefined}
            aria-describedby={reversed ? `${id}-reversed` : undefined}
            onChange={(event) => onChange({ ...value, from: event.currentTarget.value })}
          />
        </div>
        <div class="history-field">
          <label for={`${id}-to`}>{t('mediator.history.filters.to')}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={value.to}
            min={value.from || undefined}
            aria-invalid={reversed ? 'true' : undefined}
            aria-describedby={reversed ? `${id}-reversed` : undefined}
            onChange={(event) => onChange({ ...value, to: event.currentTarget.value })}
          />
        </div>
        <div class="history-field">
          <label for={`${id}-level`}>{t('mediator.history.filters.level')}</label>
          <select
            id={`${id}-level`}
            value={value.level}
            onChange={(event) => {
              const level = event.currentTarget.value;
              onChange({ ...value, level: isLevel(level) ? level : 'all' });
            }}
          >
            <option value="all">{t('mediator.history.filters.allLevels')}</option>
            {DISTANCE_RESULTS.map((level) => (
              <option key={level} value={level}>
                {t(`result.levels.${level}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="history-field">
          <label for={`${id}-mode`}>{t('mediator.history.filters.mode')}</label>
          <select
            id={`${id}-mode`}
            value={value.mode}
            onChange={(event) => {
              const mode = event.currentTarget.value;
              onChange({ ...value, mode: (MODES as readonly string[]).includes(mode) ? (mode as SessionMode) : 'all' });
            }}
          >
            <option value="all">{t('mediator.history.filters.allModes')}</option>
            {MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`mediator.history.modes.${mode}`)}
              </option>
            ))}
          </select>
        </div>
        {/* Always there: a button that vanished once pressed would drop the keyboard focus. */}
        <button
          type="button"
          class="btn btn-secondary history-filters-clear"
          aria-disabled={active ? undefined : 'true'}
          onClick={() => active && onChange(NO_HISTORY_FILTER)}
        >
          {t('mediator.history.filters.clear')}
        </button>
      </div>
      {reversed ? (
        <p id={`${id}-reversed`} class="history-warning">
          {t('mediator.history.filters.datesReversed')}
        </p>
      ) : null}
    </section>
  );
}
