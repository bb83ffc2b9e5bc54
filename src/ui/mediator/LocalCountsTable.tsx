import { useEffect, useId, useMemo } from 'preact/hooks';
import { AGE_BANDS } from '../../domain/aggregate';
import { ACTIVITY_TYPES, EQUIPMENT, PLACE_TYPES, REFERRALS, THEMES, TRIES_MATCHES } from '../../domain/observation';
import { NOT_OBSERVED, NOT_SAID, UNKNOWN_AGE, triesAgreement, type ReportCounts } from '../../domain/report-counts';
import { DISTANCE_RESULTS } from '../../domain/result';
import { quoteCsvField, UTF8_BOM, type CsvSeparator } from '../../domain/results-export';
import { AUTONOMY_LEVELS } from '../../domain/score-profile';
import { useI18n } from '../hooks/use-i18n';
import { downloadText } from './download';
import { exportLabels } from './ExportPanel';

export interface LocalCountsTableProps {
  /** The counts of the results the caller chose (`addToReportCounts`, a batch at a time); null while counting. */
  readonly counts: ReportCounts | null;
  /** What the counts cover, in a sentence the caller gives: "Résultats affichés : du 1er au 31 décembre 2026". */
  readonly period: string;
  readonly separator: CsvSeparator;
  /** Today as `YYYY-MM-DD`, for the file's name. */
  readonly fileDate: () => string;
  readonly onExported: (fileName: string) => void;
  readonly onFailed: () => void;
}

/** One table: its caption, and a row per category (words in the screen's language, and in French for the CSV). */
interface CountsTableData {
  readonly key: string;
  readonly caption: string;
  readonly frenchCaption: string;
  /** Single-choice tables add up to the total, shown in their footer; multi-choice ones (themes, equipment) do not. */
  readonly withTotal: boolean;
  readonly heading: string;
  readonly rows: readonly { readonly key: string; readonly label: string; readonly frenchLabel: string; readonly count: number }[];
}

/** Added to <html> while the counts print: history.css then prints them alone. */
const PRINTING_CLASS = 'printing-counts';

/** A calendar day `2026-11-30` as a date at noon UTC, so no time zone moves it to another day when formatted. */
const dayAsDate = (day: string) => new Date(`${day}T12:00:00Z`);

/**
 * The counts a mediator reports to their structure, counted on this device (docs/EXPORT.md "Counts"): per week and
 * month (calendar of Paris), per distance level, mode, observed autonomy, theme, activity type, place, equipment,
 * referral and age band; a CSV of them (French headers and words) and a print of them alone.
 */
export function LocalCountsTable({ counts, period, separator, fileDate, onExported, onFailed }: LocalCountsTableProps) {
  const { t, language } = useI18n();
  const id = useId();
  const formats = useMemo(
    () => ({
      day: new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
      month: new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
    }),
    [language],
  );

  // Never leave the print-only class behind (a browser that does not send `afterprint`, a screen left mid-print).
  useEffect(() => () => document.documentElement.classList.remove(PRINTING_CLASS), []);

  const tables = useMemo((): readonly CountsTableData[] => {
    if (!counts) return [];
    // the French words, read once the counts are there (not while the history opens)
    const french = exportLabels(t);
    const fr = (key: string, values?: Record<string, string>) => t(key, { ...values, lng: 'fr' });
    const both = (key: string) => ({ label: t(key), frenchLabel: fr(key) });
    const caption = (name: string) => ({
      key: name,
      caption: t(`mediator.history.counts.captions.${name}`),
      frenchCaption: fr(`mediator.history.counts.captions.${name}`),
    });
    const category = t('mediator.history.counts.category');
    const notSaid = both('mediator.history.counts.notSaid');
    return [
      {
        ...caption('byWeek'),
        withTotal: false,
        heading: t('mediator.history.counts.week'),
        rows: counts.byWeek.map(({ week, monday, count }) => ({
          key: week,
          label: t('mediator.history.counts.weekOf', { date: formats.day.format(dayAsDate(monday)) }),
          frenchLabel: `${week} (${fr('mediator.history.counts.weekOf', { date: monday })})`,
          count,
        })),
      },
      {
        ...caption('byMonth'),
        withTotal: false,
        heading: t('mediator.history.counts.month'),
        rows: counts.byMonth.map(({ month, count }) => ({
          key: month,
          label: formats.month.format(dayAsDate(`${month}-01`)),
          frenchLabel: month,
          count,
        })),
      },
      {
        ...caption('byDistanceLevel'),
        withTotal: true,
        heading: category,
        rows: DISTANCE_RESULTS.map((level) => ({ key: level, ...both(`result.levels.${level}`), count: counts.byDistanceLevel[level] })),
      },
      {
        ...caption('byMode'),
        withTotal: true,
        heading: category,
        rows: (['kiosk', 'guided'] as const).map((mode) => ({ key: mode, ...both(`mediator.history.modes.${mode}`), count: counts.byMode[mode] })),
      },
      {
        ...caption('byObservedAutonomy'),
        withTotal: true,
        heading: category,
        rows: [
          ...AUTONOMY_LEVELS.map((level) => ({ key: level, ...both(`mediator.autonomy.${level}`), count: counts.byObservedAutonomy[level] })),
          { key: NOT_OBSERVED, ...both('mediator.observation.notObserved'), count: counts.byObservedAutonomy[NOT_OBSERVED] },
        ],
      },
      {
        ...caption('byTheme'),
        withTotal: false,
        heading: category,
        rows: [
          ...THEMES.map((theme) => ({ key: theme, ...both(`mediator.themes.${theme}`), count: counts.byTheme[theme] })),
          { key: 'withoutTheme', ...both('mediator.history.counts.withoutTheme'), count: counts.withoutTheme },
        ],
      },
      {
        ...caption('byActivityType'),
        withTotal: true,
        heading: category,
        rows: [
          ...ACTIVITY_TYPES.map((type) => ({
            key: type,
            ...both(`mediator.history.export.values.activityTypes.${type}`),
            count: counts.byActivityType[type],
          })),
          { key: NOT_SAID, ...notSaid, count: counts.byActivityType[NOT_SAID] },
        ],
      },
      {
        ...caption('byPlaceType'),
        withTotal: true,
        heading: category,
        rows: [
          ...PLACE_TYPES.map((type) => ({ key: type, ...both(`mediator.history.export.values.placeTypes.${type}`), count: counts.byPlaceType[type] })),
          { key: NOT_SAID, ...notSaid, count: counts.byPlaceType[NOT_SAID] },
        ],
      },
      {
        ...caption('byEquipment'),
        withTotal: false,
        heading: category,
        rows: EQUIPMENT.map((item) => ({ key: item, ...both(`mediator.history.export.values.equipment.${item}`), count: counts.byEquipment[item] })),
      },
      {
        ...caption('byReferral'),
        withTotal: true,
        heading: category,
        rows: [
          ...REFERRALS.map((referral) => ({
            key: referral,
            ...both(`mediator.history.export.values.referrals.${referral}`),
            count: counts.byReferral[referral],
          })),
          { key: NOT_SAID, ...notSaid, count: counts.byReferral[NOT_SAID] },
        ],
      },
      {
        ...caption('byAgeBand'),
        withTotal: true,
        heading: category,
        rows: [
          ...AGE_BANDS.map((band) => ({ key: band, label: t(`questions.ageBand.options.${band}`), frenchLabel: french.ageBand[band], count: counts.byAgeBand[band] })),
          { key: UNKNOWN_AGE, ...both('mediator.history.counts.unknownAge'), count: counts.byAgeBand[UNKNOWN_AGE] },
        ],
      },
      {
        ...caption('byTriesMatch'),
        withTotal: true,
        heading: category,
        // Shown once a mediator has said it for a result.
        rows: counts.byTriesMatch[NOT_SAID] === counts.total ? [] : [
          ...TRIES_MATCHES.map((match) => ({ key: match, ...both(`mediator.observation.triesMatches.${match}`), count: counts.byTriesMatch[match] })),
          { key: NOT_SAID, ...notSaid, count: counts.byTriesMatch[NOT_SAID] },
        ],
      },
      {
        ...caption('triesCheck'),
        withTotal: false,
        heading: category,
        rows: Object.values(counts.triesCheck).every((count) => count === 0) ? [] : (['struggledCaught', 'struggledMissed', 'atEasePassed', 'atEaseFlagged'] as const).map((cell) => ({
          key: cell,
          ...both(`mediator.history.counts.triesCheck.${cell}`),
          count: counts.triesCheck[cell],
        })),
      },
    ];
  }, [counts, t, formats]);

  if (!counts) {
    return (
      <section class="history-counts" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('mediator.history.counts.title')}</h2>
        <p role="status">{t('mediator.history.counts.counting')}</p>
      </section>
    );
  }

  const save = () => {
    const fileName = `repere-comptes-${fileDate()}.csv`;
    try {
      const fr = (key: string) => t(key, { lng: 'fr' });
      const line = (cells: readonly string[]) => cells.map((cell) => quoteCsvField(cell, separator)).join(separator) + '\r\n';
      let csv =
        UTF8_BOM +
        line([fr('mediator.history.counts.csvPeriod'), fr('mediator.history.counts.csvTable'), fr('mediator.history.counts.csvCategory'), fr('mediator.history.counts.csvCount')]);
      csv += line([period, fr('mediator.history.counts.total'), '', String(counts.total)]);
      for (const table of tables) for (const row of table.rows) csv += line([period, table.frenchCaption, row.frenchLabel, String(row.count)]);
      downloadText(fileName, csv, 'text/csv;charset=utf-8');
      onExported(fileName);
    } catch {
      onFailed();
    }
  };

  const print = () => {
    const root = document.documentElement;
    root.classList.add(PRINTING_CLASS);
    window.addEventListener('afterprint', () => root.classList.remove(PRINTING_CLASS), { once: true });
    window.print();
  };

  const hours = Math.floor(counts.minutes.total / 60);
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const rates = triesAgreement(counts);
  const rateLines = (['agreement', 'sensitivity', 'specificity'] as const).flatMap((rate) =>
    rates[rate] === null ? [] : [{ rate, text: t(`mediator.history.counts.rates.${rate}`, { rate: percent.format(rates[rate]!) }) }],
  );
  return (
    <section class="history-counts" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('mediator.history.counts.title')}</h2>
      <p>{period}</p>
      <p>{t('mediator.history.counts.intro')}</p>
      {counts.total === 0 ? (
        <p>{t('mediator.history.counts.empty')}</p>
      ) : (
        <>
          {counts.minutes.sessions > 0 ? (
            <p>
              {t('mediator.history.counts.time', {
                hours: String(hours),
                minutes: String(counts.minutes.total - hours * 60),
                sessions: String(counts.minutes.sessions),
              })}
            </p>
          ) : null}
          {counts.undated > 0 ? <p>{t('mediator.history.counts.undated', { count: counts.undated })}</p> : null}
          <div class="history-counts-tables">
            {tables.map((table) =>
              table.rows.length === 0 ? null : (
                <table key={table.key} class="history-counts-table">
                  <caption>{table.caption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{table.heading}</th>
                      <th scope="col">{t('mediator.history.counts.count')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {table.rows.map((row) => (
                      <tr key={row.key}>
                        <th scope="row">{row.label}</th>
                        <td>{row.count}</td>
                      </tr>
                    ))}
                  </tbody>
                  {table.withTotal ? (
                    <tfoot>
                      <tr>
                        <th scope="row">{t('mediator.history.counts.total')}</th>
                        <td>{counts.total}</td>
                      </tr>
                    </tfoot>
                  ) : null}
                </table>
              ),
            )}
          </div>
          {rateLines.length > 0 ? (
            <div class="history-counts-rates">
              <p>{t('mediator.history.counts.rates.intro')}</p>
              <ul>
                {rateLines.map((line) => (
                  <li key={line.rate}>{line.text}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
      <p id={`${id}-help`} class="history-note history-counts-noprint">
        {t('mediator.history.counts.exportHelp')}
      </p>
      <div class="history-actions history-counts-noprint">
        <button type="button" class="btn btn-secondary" aria-describedby={`${id}-help`} onClick={save}>
          {t('mediator.history.counts.export')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={print}>
          {t('mediator.history.counts.print')}
        </button>
      </div>
    </section>
  );
}
