import './history.css';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { deleteResults, listResults } from '../../app/results-history';
import type { FinishedResult } from '../../domain/result';
import { DEFAULT_CSV_SEPARATOR, localCounts, type CsvSeparator } from '../../domain/results-export';
import { StorageError } from '../../storage/errors';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useI18n } from '../hooks/use-i18n';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ExportPanel } from './ExportPanel';
import { HistoryDetailDialog } from './HistoryDetailDialog';
import { HistoryFilters, NO_HISTORY_FILTER, type HistoryFilter } from './HistoryFilters';
import { HistoryTable } from './HistoryTable';
import { LocalCountsTable } from './LocalCountsTable';
import type { MediatorServices } from './mediator-services';

export interface HistoryScreenProps {
  readonly services: MediatorServices;
  readonly onBack: () => void;
}

type Loaded =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly closed: boolean }
  | { readonly status: 'ready'; readonly results: readonly FinishedResult[] };

type Pending = { readonly kind: 'one'; readonly result: FinishedResult } | { readonly kind: 'all' } | null;

interface Message {
  readonly key: string;
  readonly values?: Record<string, string | number>;
  readonly tone: 'done' | 'error';
}

/**
 * The history is read on the calendar of Europe/Paris, like the weekly counts and the anonymous batches, so a result
 * finished at 00:30 in Dijon is on that day whatever clock the tablet's browser reports.
 */
const TIME_ZONE = 'Europe/Paris';
const CALENDAR_DAY = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: TIME_ZONE });

/** The day of an instant as `YYYY-MM-DD` (the value of an `<input type="date">`); null when the date is unreadable. */
function calendarDay(instant: Date): string | null {
  if (Number.isNaN(instant.getTime())) return null;
  const part = (type: Intl.DateTimeFormatPartTypes) => CALENDAR_DAY.formatToParts(instant).find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Whether a result passes the filters: both dates included, compared as calendar days. */
function matches(result: FinishedResult, filter: HistoryFilter): boolean {
  if (filter.level !== 'all' && result.distanceLevel !== filter.level) return false;
  if (filter.from === '' && filter.to === '') return true;
  const day = calendarDay(new Date(result.finishedAt));
  if (day === null) return false;
  return (filter.from === '' || day >= filter.from) && (filter.to === '' || day <= filter.to);
}

/**
 * The mediator's history of the results kept on this device (behind the PIN): filters, a table to select results,
 * the detail of one, deleting one or all (each asked first), exports for activity reports, and the counts of the
 * last 30 days.
 */
export function HistoryScreen({ services, onBack }: HistoryScreenProps) {
  const { t, language } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const status = useRef<HTMLParagraphElement>(null);
  const mounted = useRef(true);
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [filter, setFilter] = useState<HistoryFilter>(NO_HISTORY_FILTER);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [detailId, setDetailId] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [focusStatus, setFocusStatus] = useState(0);
  const [separator, setSeparator] = useState<CsvSeparator>(DEFAULT_CSV_SEPARATOR);

  const refresh = useCallback(async () => {
    try {
      const results = await listResults(services.storage);
      if (!mounted.current) return;
      setLoaded({ status: 'ready', results });
      // A deleted or expired result leaves the selection too.
      setSelected((current) => new Set(results.filter((result) => current.has(result.id)).map((result) => result.id)));
    } catch (error) {
      if (mounted.current) setLoaded({ status: 'failed', closed: error instanceof StorageError && error.reason === 'closed' });
    }
  }, [services.storage]);

  useEffect(() => {
    mounted.current = true;
    void refresh();
    return () => {
      mounted.current = false;
    };
  }, [refresh]);

  // After a deletion the focused button is gone: the focus goes to the sentence that says what was done.
  useEffect(() => {
    if (focusStatus > 0) status.current?.focus();
  }, [focusStatus]);

  const formatDateTime = useMemo(() => {
    const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE });
    return (iso: string) => {
      const instant = new Date(iso);
      return Number.isNaN(instant.getTime()) ? iso : format.format(instant);
    };
  }, [language]);

  const all = loaded.status === 'ready' ? loaded.results : [];
  const shown = useMemo(() => all.filter((result) => matches(result, filter)), [all, filter]);
  const selectedShown = shown.filter((result) => selected.has(result.id));
  const counts = useMemo(() => localCounts(all, services.now()), [all, services]);
  const detail = all.find((result) => result.id === detailId) ?? null;
  const fileDate = () => calendarDay(services.now()) ?? 'date';

  const select = (ids: readonly string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
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
    } catch (error) {
      const closed = error instanceof StorageError && error.reason === 'closed';
      done = { key: closed ? 'mediator.history.closedError' : 'mediator.history.status.deleteError', tone: 'error' };
    }
    if (!mounted.current) return;
    setBusy(false);
    setPending(null);
    setDetailId(null);
    await refresh();
    if (!mounted.current) return;
    setMessage(done);
    setFocusStatus((n) => n + 1);
  };

  const exported = (fileName: string) =>
    setMessage({ key: 'mediator.history.status.exported', values: { file: fileName }, tone: 'done' });
  const exportFailed = () => setMessage({ key: 'mediator.history.status.exportError', tone: 'error' });
  const retentionDays = services.settings.retentionDays;

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
        {retentionDays === 1
          ? t('mediator.history.keptOneDay')
          : t('mediator.history.kept', { days: retentionDays })}
      </p>

      <p
        ref={status}
        role="status"
        tabIndex={-1}
        class={message ? `history-status history-status-${message.tone}` : 'history-status'}
      >
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
                void refresh();
              }}
            >
              {t('mediator.history.retry')}
            </button>
          )}
        </div>
      ) : null}

      {loaded.status === 'ready' ? (
        <>
          <HistoryFilters value={filter} onChange={setFilter} />

          <section class="history-results" aria-labelledby={`${id}-results`}>
            <h2 id={`${id}-results`}>{t('mediator.history.results')}</h2>
            <p role="status" class="history-count">
              {t('mediator.history.shownCount', { shown: shown.length, total: all.length })}
            </p>
            {shown.length > 0 ? (
              <HistoryTable
                results={shown}
                selected={selected}
                onSelect={select}
                onView={setDetailId}
                formatDateTime={formatDateTime}
              />
            ) : (
              <p class="history-empty">{t(all.length === 0 ? 'mediator.history.empty' : 'mediator.history.emptyFiltered')}</p>
            )}
            <div class="history-actions">
              <button
                type="button"
                class="btn btn-danger"
                aria-haspopup="dialog"
                aria-disabled={all.length === 0 ? 'true' : undefined}
                onClick={() => all.length > 0 && setPending({ kind: 'all' })}
              >
                {t('mediator.history.deleteAll')}
              </button>
            </div>
          </section>

          <ExportPanel
            results={selectedShown.length > 0 ? selectedShown : shown}
            scope={selectedShown.length > 0 ? 'selected' : 'shown'}
            separator={separator}
            onSeparatorChange={setSeparator}
            now={services.now}
            fileDate={fileDate}
            onExported={exported}
            onFailed={exportFailed}
          />

          <LocalCountsTable
            counts={counts}
            separator={separator}
            fileDate={fileDate}
            onExported={exported}
            onFailed={exportFailed}
          />
        </>
      ) : null}

      <HistoryDetailDialog
        result={detail}
        formatDateTime={formatDateTime}
        onClose={() => setDetailId(null)}
        onDelete={(result) => setPending({ kind: 'one', result })}
      />
      <ConfirmDialog
        open={pending !== null}
        cancelLabel={t('mediator.history.confirm.cancel')}
        title={t(pending?.kind === 'all' ? 'mediator.history.confirm.deleteAllTitle' : 'mediator.history.confirm.deleteOneTitle')}
        body={
          pending?.kind === 'all'
            ? t('mediator.history.confirm.deleteAllBody', { count: all.length })
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
