import './history.css';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { deleteResults, foldResults, writeResultsFile } from '../../app/results-history';
import { HISTORY_TIME_ZONE, rangeOfFilter, type ResultsRange } from '../../domain/history-range';
import type { Observation } from '../../domain/observation';
import { addToReportCounts, emptyReportCounts, type ReportCounts } from '../../domain/report-counts';
import type { FinishedResult } from '../../domain/result';
import { formatLocalDay, localTimeReader } from '../../domain/zoned-time';
import { DEFAULT_CSV_SEPARATOR, resultsFileWriter, type CsvSeparator, type ResultsFileFormat } from '../../domain/results-export';
import { StorageError } from '../../storage/errors';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useI18n } from '../hooks/use-i18n';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { downloadBlob } from './download';
import { ExportPanel, exportLabels } from './ExportPanel';
import { HistoryDetailDialog } from './HistoryDetailDialog';
import { HistoryFilters, NO_HISTORY_FILTER, type HistoryFilter } from './HistoryFilters';
import { HistoryTable } from './HistoryTable';
import { LocalCountsTable } from './LocalCountsTable';
import type { MediatorServices } from './mediator-services';

export interface HistoryScreenProps {
  readonly services: MediatorServices;
  readonly onBack: () => void;
}

/** Rows on one page of the history: about two screens of a tablet, laid out in well under 200 ms on a slow one. */
export const HISTORY_PAGE_SIZE = 25;

type Loaded =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly closed: boolean }
  | {
      readonly status: 'ready';
      /** The results on the page shown, newest first. */
      readonly rows: readonly FinishedResult[];
      /** How many results the filters let through, and on the device. */
      readonly shown: number;
      readonly total: number;
    };

type Pending = { readonly kind: 'one'; readonly result: FinishedResult } | { readonly kind: 'all' } | null;

interface Message {
  readonly key: string;
  readonly values?: Record<string, string | number>;
  readonly tone: 'done' | 'error';
}

/** Date and time on the history's calendar, in the mediator's language; an unreadable date as it is written. */
function dateTimeFormatter(language: string, dateStyle: 'medium' | 'short'): (iso: string) => string {
  const format = new Intl.DateTimeFormat(language, { dateStyle, timeStyle: 'short', timeZone: HISTORY_TIME_ZONE });
  return (iso) => {
    const instant = new Date(iso);
    return Number.isNaN(instant.getTime()) ? iso : format.format(instant);
  };
}

/** Today's day on the history's calendar, for the files' names (`2026-12-07`). */
const localTime = localTimeReader(HISTORY_TIME_ZONE);

const closedError = (error: unknown) => error instanceof StorageError && error.reason === 'closed';

/**
 * The mediator's history of the results kept on this device (behind the PIN), at the scale of a year of work: the
 * filters read one range of one IndexedDB index, the table shows a page of 25 (counts come from the index, no record is
 * loaded for them), the detail of one result with its observation to complete or correct, deleting one or all (each
 * asked first), exports streamed batch by batch, and the counts for the mediator's reports, folded in the background.
 */
export function HistoryScreen({ services, onBack }: HistoryScreenProps) {
  const { t, language } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const status = useRef<HTMLParagraphElement>(null);
  const mounted = useRef(true);
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [filter, setFilter] = useState<HistoryFilter>(NO_HISTORY_FILTER);
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [detail, setDetail] = useState<FinishedResult | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [focusStatus, setFocusStatus] = useState(0);
  const [separator, setSeparator] = useState<CsvSeparator>(DEFAULT_CSV_SEPARATOR);
  const [exporting, setExporting] = useState<{ done: number; total: number } | null>(null);
  const [counts, setCounts] = useState<ReportCounts | null>(null);
  const [revision, setRevision] = useState(0);
  // The export and the counts come a frame after the first rows: the rows are what the mediator opened the history for.
  const [toolsShown, setToolsShown] = useState(false);
  const range: ResultsRange = useMemo(() => rangeOfFilter(filter), [filter]);
  const queries = services.storage.resultQueries;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // The page: a count of the range and of the device (indexes only) and a page of rows; a later read wins over an earlier.
  useEffect(() => {
    let current = true;
    void (async () => {
      try {
        const [shown, total] = await Promise.all([queries.count(range), services.storage.results.count()]);
        const last = Math.max(0, Math.ceil(shown / HISTORY_PAGE_SIZE) - 1);
        const at = Math.min(page, last);
        const rows = await queries.page(range, at * HISTORY_PAGE_SIZE, HISTORY_PAGE_SIZE);
        if (!current || !mounted.current) return;
        if (at !== page) setPage(at);
        setLoaded({ status: 'ready', rows, shown, total });
      } catch (error) {
        if (current && mounted.current) setLoaded({ status: 'failed', closed: closedError(error) });
      }
    })();
    return () => {
      current = false;
    };
  }, [queries, services.storage, range, page, revision]);

  // The counts of the results the filters let through, folded batch by batch once the page is painted.
  useEffect(() => {
    let cancelled = false;
    setCounts(null);
    const timer = setTimeout(() => {
      void foldResults({ storage: services.storage }, range, emptyReportCounts(), (value, batch) => addToReportCounts(value, batch, HISTORY_TIME_ZONE), () => cancelled)
        .then((value) => !cancelled && mounted.current && setCounts(value))
        .catch(() => !cancelled && mounted.current && setCounts(emptyReportCounts()));
    }, 50);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [services.storage, range, revision]);

  const rowsShown = loaded.status === 'ready';
  useEffect(() => {
    if (!rowsShown || toolsShown) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setToolsShown(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [rowsShown, toolsShown]);

  // After a deletion the focused button is gone: the focus goes to the sentence that says what was done.
  useEffect(() => {
    if (focusStatus > 0) status.current?.focus();
  }, [focusStatus]);

  const formatDateTime = useMemo(() => dateTimeFormatter(language, 'medium'), [language]);
  // short for the table's column ("07/12/2026 10:00")
  const formatShort = useMemo(() => dateTimeFormatter(language, 'short'), [language]);


  const refresh = useCallback(() => setRevision((n) => n + 1), []);
  const changeFilter = (next: HistoryFilter) => {
    setFilter(next);
    setPage(0);
  };
  const fileDate = () => {
    const today = localTime(services.now());
    return today ? formatLocalDay(today) : 'date';
  };

  const select = (ids: readonly string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const resultId of ids) {
        if (on) next.add(resultId);
        else next.delete(resultId);
      }
      return next;
    });

  const confirmDeletion = async () => {
    if (!pending || busy) return;
    setBusy(true);
    let done: Message;
    try {
      await deleteResults(services.storage, pending.kind === 'all' ? 'all' : [pending.result.id]);
      done = { key: pending.kind === 'all' ? 'mediator.history.status.deletedAll' : 'mediator.history.status.deletedOne', tone: 'done' };
      setSelected((current) => (pending.kind === 'all' ? new Set() : new Set([...current].filter((kept) => kept !== pending.result.id))));
    } catch (error) {
      done = { key: closedError(error) ? 'mediator.history.closedError' : 'mediator.history.status.deleteError', tone: 'error' };
    }
    if (!mounted.current) return;
    setBusy(false);
    setPending(null);
    setDetail(null);
    refresh();
    setMessage(done);
    setFocusStatus((n) => n + 1);
  };

  const exportFile = async (format: ResultsFileFormat) => {
    if (exporting) return;
    const ids = [...selected];
    const source = ids.length > 0 ? { ids } : { range };
    const total = ids.length > 0 ? ids.length : loaded.status === 'ready' ? loaded.shown : 0;
    if (total === 0) return;
    const writer = resultsFileWriter(format, { separator, labels: exportLabels(t), now: services.now(), timeZone: HISTORY_TIME_ZONE });
    setExporting({ done: 0, total });
    try {
      const { parts, count } = await writeResultsFile({ storage: services.storage }, source, writer, (done) => {
        if (mounted.current) setExporting({ done, total });
      });
      const fileName = `repere-${format === 'coopCsv' ? 'coop' : 'resultats'}-${fileDate()}.${writer.extension}`;
      downloadBlob(fileName, new Blob(parts, { type: writer.mimeType }));
      // The activity report holds observed guided sessions only: say how many results it left out.
      const message: Message =
        writer.leftOut > 0
          ? { key: 'mediator.history.status.exportedCoop', values: { file: fileName, count: count - writer.leftOut, left: writer.leftOut }, tone: 'done' }
          : { key: 'mediator.history.status.exported', values: { file: fileName }, tone: 'done' };
      if (mounted.current) setMessage(message);
    } catch {
      if (mounted.current) setMessage({ key: 'mediator.history.status.exportError', tone: 'error' });
    } finally {
      if (mounted.current) setExporting(null);
    }
  };

  const observed = (resultId: string, observation: Observation) => {
    // The row and the detail show the observation as stored, without reading the page again.
    const update = (result: FinishedResult) => (result.id === resultId ? { ...result, observation } : result);
    setLoaded((current) => (current.status === 'ready' ? { ...current, rows: current.rows.map(update) } : current));
    setDetail((current) => (current ? update(current) : current));
    setCounts(null);
    refresh();
  };

  const retentionDays = services.settings.retentionDays;
  const ready = loaded.status === 'ready' ? loaded : null;
  const pages = ready ? Math.max(1, Math.ceil(ready.shown / HISTORY_PAGE_SIZE)) : 1;
  const selectedCount = selected.size;

  return (
    <main id="main" class="screen history" aria-busy={loaded.status === 'loading' ? 'true' : undefined}>
      <div class="history-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('mediator.history.title')}
        </h1>
        <button type="button" class="btn btn-secondary history-back" onClick={onBack}>
          {t('mediator.history.back')}
        </button>
      </div>
      <p class="history-lead">
        {retentionDays === 1 ? t('mediator.history.keptOneDay') : t('mediator.history.kept', { days: retentionDays })}
      </p>

      <p ref={status} role="status" tabIndex={-1} class={message ? `history-status history-status-${message.tone}` : 'history-status'}>
        {message ? t(message.key, message.values) : null}
      </p>

      {loaded.status === 'loading' ? <p>{t('mediator.history.loading')}</p> : null}

      {loaded.status === 'failed' ? (
        <div class="history-failed">
          <p role="alert" class="history-warning">
            {t(loaded.closed ? 'mediator.history.closedError' : 'mediator.history.loadError')}
          </p>
          {loaded.closed ? (
            <button type="button" class="btn btn-primary" onClick={() => location.reload()}>
              {t('mediator.history.reload')}
            </button>
          ) : (
            <button
              type="button"
              class="btn btn-primary"
              onClick={() => {
                setLoaded({ status: 'loading' });
                refresh();
              }}
            >
              {t('mediator.history.retry')}
            </button>
          )}
        </div>
      ) : null}

      {ready ? (
        <>
          <HistoryFilters value={filter} onChange={changeFilter} />

          <section class="history-results" aria-labelledby={`${id}-results`}>
            <h2 id={`${id}-results`}>{t('mediator.history.results')}</h2>
            <p role="status" class="history-count">
              {t('mediator.history.shownCount', { shown: ready.shown, total: ready.total })}
              {selectedCount > 0 ? ` ${t('mediator.history.selectedCount', { count: selectedCount })}` : ''}
            </p>
            {ready.rows.length > 0 ? (
              <HistoryTable results={ready.rows} selected={selected} onSelect={select} onView={(resultId) => setDetail(ready.rows.find((r) => r.id === resultId) ?? null)} formatDateTime={formatDateTime} formatShort={formatShort} />
            ) : (
              <p class="history-empty">{t(ready.total === 0 ? 'mediator.history.empty' : 'mediator.history.emptyFiltered')}</p>
            )}
            {pages > 1 ? (
              <nav class="history-pages" aria-label={t('mediator.history.pages.label')}>
                <button type="button" class="btn btn-secondary" aria-disabled={page === 0 ? 'true' : undefined} onClick={() => page > 0 && setPage(page - 1)}>
                  {t('mediator.history.pages.previous')}
                </button>
                <p aria-live="polite">{t('mediator.history.pages.position', { page: page + 1, pages })}</p>
                <button
                  type="button"
                  class="btn btn-secondary"
                  aria-disabled={page + 1 >= pages ? 'true' : undefined}
                  onClick={() => page + 1 < pages && setPage(page + 1)}
                >
                  {t('mediator.history.pages.next')}
                </button>
              </nav>
            ) : null}
            <div class="history-actions">
              {selectedCount > 0 ? (
                <button type="button" class="btn btn-secondary" onClick={() => setSelected(new Set())}>
                  {t('mediator.history.clearSelection')}
                </button>
              ) : null}
              <button
                type="button"
                class="btn btn-danger"
                aria-haspopup="dialog"
                aria-disabled={ready.total === 0 ? 'true' : undefined}
                onClick={() => ready.total > 0 && setPending({ kind: 'all' })}
              >
                {t('mediator.history.deleteAll')}
              </button>
            </div>
          </section>

          {toolsShown ? (
            <>
              <ExportPanel
                count={selectedCount > 0 ? selectedCount : ready.shown}
                scope={selectedCount > 0 ? 'selected' : 'shown'}
                separator={separator}
                onSeparatorChange={setSeparator}
                exporting={exporting}
                onExport={(format) => void exportFile(format)}
              />

              <LocalCountsTable
                counts={counts}
                period={t('mediator.history.countsPeriod', { count: ready.shown })}
                separator={separator}
                fileDate={fileDate}
                onExported={(file) => setMessage({ key: 'mediator.history.status.exported', values: { file }, tone: 'done' })}
                onFailed={() => setMessage({ key: 'mediator.history.status.exportError', tone: 'error' })}
              />
            </>
          ) : null}
        </>
      ) : null}

      <HistoryDetailDialog
        result={detail}
        services={services}
        formatDateTime={formatDateTime}
        onClose={() => setDetail(null)}
        onDelete={(result) => setPending({ kind: 'one', result })}
        onObserved={observed}
      />
      <ConfirmDialog
        open={pending !== null}
        cancelLabel={t('mediator.history.confirm.cancel')}
        title={t(pending?.kind === 'all' ? 'mediator.history.confirm.deleteAllTitle' : 'mediator.history.confirm.deleteOneTitle')}
        body={
          pending?.kind === 'all'
            ? t('mediator.history.confirm.deleteAllBody', { count: ready?.total ?? 0 })
            : pending?.kind === 'one'
              ? t('mediator.history.confirm.deleteOneBody', { date: formatDateTime(pending.result.finishedAt) })
              : ''
        }
        confirmLabel={t(pending?.kind === 'all' ? 'mediator.history.confirm.deleteAll' : 'mediator.history.confirm.deleteOne')}
        busy={busy}
        onConfirm={() => void confirmDeletion()}
        onCancel={() => setPending(null)}
      />
    </main>
  );
}
