import { useId, useMemo } from 'preact/hooks';
import { DISTANCE_RESULTS } from '../../domain/result';
import { quoteCsvField, UTF8_BOM, type CsvSeparator, type LocalCounts } from '../../domain/results-export';
import { useI18n } from '../hooks/use-i18n';
import { downloadText } from './download';

export interface LocalCountsTableProps {
  /** `localCounts(every result on the device, now)`: the filters above do not change it. */
  readonly counts: LocalCounts;
  readonly separator: CsvSeparator;
  /** Today as `YYYY-MM-DD`, for the file's name. */
  readonly fileDate: () => string;
  readonly onExported: (fileName: string) => void;
  readonly onFailed: () => void;
}

const DAY_MS = 86_400_000;

/** The Monday of an ISO week ("2026-W48"), at 00:00 UTC: week 1 is the one holding 4 January (ISO 8601). */
function mondayOfIsoWeek(week: string): Date | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return null;
  const january4 = Date.UTC(Number(match[1]), 0, 4);
  const weekday = new Date(january4).getUTCDay() || 7;
  return new Date(january4 - (weekday - 1) * DAY_MS + (Number(match[2]) - 1) * 7 * DAY_MS);
}

/**
 * The counts file: one row per count, with its period, so the file says what it covers on its own. Same conventions
 * as the results' CSV (byte order mark, CRLF, the separator chosen, English ids).
 */
function countsCsv(counts: LocalCounts, separator: CsvSeparator): string {
  const rows: string[][] = [
    ['from', 'to', 'dimension', 'value', 'count'],
    [counts.from, counts.to, 'total', '', String(counts.total)],
    ...DISTANCE_RESULTS.map((level) => [counts.from, counts.to, 'distanceLevel', level, String(counts.byDistanceLevel[level])]),
    ...counts.byWeek.map(({ week, count }) => [counts.from, counts.to, 'week', week, String(count)]),
  ];
  return UTF8_BOM + rows.map((cells) => cells.map((cell) => quoteCsvField(cell, separator)).join(separator) + '\r\n').join('');
}

/**
 * What a mediator reports to their structure from this device: the results of the last 30 days, per distance level
 * and per ISO week (weeks of Europe/Paris, zeros included), and a CSV of the same counts.
 */
export function LocalCountsTable({ counts, separator, fileDate, onExported, onFailed }: LocalCountsTableProps) {
  const { t, language } = useI18n();
  const id = useId();
  const formats = useMemo(
    () => ({
      // The period's ends are instants: read on the calendar of Europe/Paris, like the weeks.
      day: new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Paris' }),
      // A Monday built at 00:00 UTC is a calendar day: read it in UTC, or it may slip to the Sunday.
      monday: new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
    }),
    [language],
  );

  const weekLabel = (week: string) => {
    const monday = mondayOfIsoWeek(week);
    return monday ? t('mediator.history.counts.weekOf', { date: formats.monday.format(monday) }) : week;
  };

  const save = () => {
    const fileName = `repere-comptes-${fileDate()}.csv`;
    try {
      downloadText(fileName, countsCsv(counts, separator), 'text/csv;charset=utf-8');
      onExported(fileName);
    } catch {
      onFailed();
    }
  };

  return (
    <section class="history-counts" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('mediator.history.counts.title')}</h2>
      <p>
        {t('mediator.history.counts.intro', {
          from: formats.day.format(new Date(counts.from)),
          to: formats.day.format(new Date(counts.to)),
        })}
      </p>
      <div class="history-counts-tables">
        <table class="history-counts-table">
          <caption>{t('mediator.history.counts.byLevelCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mediator.history.counts.level')}</th>
              <th scope="col">{t('mediator.history.counts.count')}</th>
            </tr>
          </thead>
          <tbody>
            {DISTANCE_RESULTS.map((level) => (
              <tr key={level}>
                <th scope="row">{t(`result.levels.${level}`)}</th>
                <td>{counts.byDistanceLevel[level]}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('mediator.history.counts.total')}</th>
              <td>{counts.total}</td>
            </tr>
          </tfoot>
        </table>
        <table class="history-counts-table">
          <caption>{t('mediator.history.counts.byWeekCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mediator.history.counts.week')}</th>
              <th scope="col">{t('mediator.history.counts.count')}</th>
            </tr>
          </thead>
          <tbody>
            {counts.byWeek.map(({ week, count }) => (
              <tr key={week}>
                <th scope="row">{weekLabel(week)}</th>
                <td>{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p id={`${id}-help`} class="history-note">
        {t('mediator.history.counts.exportHelp')}
      </p>
      <div class="history-actions">
        <button type="button" class="btn btn-secondary" aria-describedby={`${id}-help`} onClick={save}>
          {t('mediator.history.counts.export')}
        </button>
      </div>
    </section>
  );
}
