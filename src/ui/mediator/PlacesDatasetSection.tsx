import { RefreshCw, Upload } from 'lucide';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  DEFAULT_PLACES_LICENCE,
  importPlacesFile,
  placesSourceName,
  refreshPlacesFromSource,
  type ImportOutcome,
  type ImportProgress,
  type PlacesImportDeps,
} from '../../app/places-import';
import { isDatasetStale, type PlaceDatasetMeta } from '../../domain/place';
import { staleText } from './stale-places';
import { MAX_FILE_BYTES } from '../../places/import-places';
import { runImportInWorker } from '../../places/run-import-worker';
import { readPlacesMeta } from '../../storage/places';
import { Icon } from '../components/Icon';
import { useI18n } from '../hooks/use-i18n';
import type { MediatorServices } from './mediator-services';
import { PlacesImportReport } from './PlacesImportReport';

export interface PlacesDatasetSectionProps {
  readonly services: MediatorServices;
  /** The places source address as saved (not as being typed): refreshing uses only what is saved. */
  readonly sourceUrl: string | null;
}

/** Imported files are open data under this licence (the national standard's and the ANCT's). */

const STAGE_KEYS: Readonly<Record<Stage, string>> = {
  connecting: 'mediator.settings.places.stages.connecting',
  reading: 'mediator.settings.places.stages.reading',
  parsing: 'mediator.settings.places.stages.parsing',
  saving: 'mediator.settings.places.stages.saving',
};

type Stage = ImportProgress['stage'] | 'connecting';
type Progress = { readonly stage: Stage; readonly ratio: number | null };

/** The name a dataset is shown under: the file's name without its extension. */
const withoutExtension = (name: string) => name.replace(/\.[^./\\]+$/, '') || name;

const isOnline = () => typeof navigator === 'undefined' || navigator.onLine;

/**
 * The help places on this device: which dataset is in use, importing a file picked on the device (read, checked and
 * swapped in whole, off the main thread, with a progress bar), or refreshing it from the saved address. Every import
 * ends with a report; a failure says why and that the dataset in use has not changed.
 */
export function PlacesDatasetSection({ services, sourceUrl }: PlacesDatasetSectionProps) {
  const { t, language } = useI18n();
  const [meta, setMeta] = useState<PlaceDatasetMeta | null | undefined>(undefined);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [online, setOnline] = useState(isOnline);
  const storage = services.storage;

  const numbers = useMemo(() => new Intl.NumberFormat(language), [language]);
  const instant = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }), [language]);
  // A dataset's update date is a day (YYYY-MM-DD): read in UTC so it does not move a day back west of Greenwich.
  const day = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }), [language]);
  const formatDate = (value: string, format: Intl.DateTimeFormat) => {
    const time = Date.parse(value);
    return Number.isNaN(time) ? value : format.format(new Date(time));
  };

  const refreshMeta = () =>
    readPlacesMeta(storage)
      .then((read) => setMeta(read ?? null))
      .catch(() => setMeta(null));

  useEffect(() => {
    void refreshMeta();
    const update = () => setOnline(isOnline());
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, [storage]);

  const busy = progress !== null;
  const deps: PlacesImportDeps = {
    storage,
    run: runImportInWorker,
    now: services.now,
    onProgress: (next) => setProgress({ stage: next.stage, ratio: next.ratio }),
  };

  const finish = async (result: ImportOutcome) => {
    setOutcome(result);
    setProgress(null);
    if (result.kind === 'imported') await refreshMeta();
  };

  const importFile = async (event: Event) => {
    event.preventDefault();
    if (busy || !file) return;
    setOutcome(null);
    setProgress({ stage: 'reading', ratio: 0 });
    try {
      await finish(await importPlacesFile(deps, file, { source: withoutExtension(file.name), licence: DEFAULT_PLACES_LICENCE }));
    } catch (error) {
      await finish({ kind: 'failed', reason: 'unreadable', detail: String(error) });
    }
  };

  const refresh = async () => {
    if (busy || !sourceUrl) return;
    setOutcome(null);
    setProgress({ stage: 'connecting', ratio: null });
    try {
      await finish(
        await refreshPlacesFromSource(
          { ...deps, fetcher: services.fetcher },
          { url: sourceUrl, source: placesSourceName(sourceUrl), licence: DEFAULT_PLACES_LICENCE },
        ),
      );
    } catch (error) {
      await finish({ kind: 'failed', reason: 'network', detail: String(error) });
    }
  };

  const canRefresh = Boolean(sourceUrl) && online;

  /** One sentence for the live region: what the import did, or why nothing changed. */
  const outcomeText = (result: ImportOutcome): string => {
    if (result.kind === 'unchanged') return t('mediator.settings.places.unchanged');
    if (result.kind === 'imported') return t('mediator.settings.places.imported', { number: numbers.format(result.report.imported) });
    const values = { max: numbers.format(Math.round(MAX_FILE_BYTES / (1024 * 1024))), detail: result.detail };
    return `${t(`mediator.settings.places.failures.${result.reason}`, values)} ${t('mediator.settings.places.datasetUnchanged')}`;
  };

  return (
    <section class="settings-section" aria-labelledby="settings-places-title">
      <h2 id="settings-places-title">{t('mediator.settings.places.title')}</h2>

      {meta === undefined ? (
        <p aria-busy="true">{t('mediator.settings.places.loading')}</p>
      ) : meta === null ? (
        <p>{t('mediator.settings.places.none')}</p>
      ) : (
        <>
          <dl class="settings-facts">
            <div>
              <dt>{t('mediator.settings.places.source')}</dt>
              <dd>
                <bdi>{meta.source}</bdi>
              </dd>
            </div>
            <div>
              <dt>{t('mediator.settings.places.count')}</dt>
              <dd>{numbers.format(meta.count)}</dd>
            </div>
            <div>
              <dt>{t('mediator.settings.places.updatedAt')}</dt>
              <dd>{meta.updatedAt ? formatDate(meta.updatedAt, day) : t('mediator.settings.places.notGiven')}</dd>
            </div>
            <div>
              <dt>{t('mediator.settings.places.importedAt')}</dt>
              <dd>{formatDate(meta.importedAt, instant)}</dd>
            </div>
          </dl>
          {meta.fictional ? <p class="settings-warning">{t('mediator.settings.places.fictional')}</p> : null}
          {isDatasetStale(meta, services.now()) ? <p class="settings-warning">{staleText(meta, t, language)}</p> : null}
        </>
      )}

      <form class="settings-subform" onSubmit={(event) => void importFile(event)} noValidate>
        <div class="settings-field">
          <label class="settings-label" for="settings-places-file">
            {t('mediator.settings.places.file')}
          </label>
          <p class="settings-hint" id="settings-places-file-hint">
            {t('mediator.settings.places.fileHint')}
          </p>
          <input
            id="settings-places-file"
            class="settings-file"
            type="file"
            accept=".csv,.json,text/csv,application/json"
            aria-describedby="settings-places-file-hint"
            disabled={busy}
            onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
          />
        </div>
        <div class="settings-actions">
          {/* While an import runs the buttons say so (aria-disabled) and keep the focus where it was. */}
          <button
            type="submit"
            class="btn btn-primary settings-icon-btn"
            disabled={!file}
            aria-disabled={busy ? 'true' : undefined}
          >
            <Icon icon={Upload} size={24} />
            <span>{t('mediator.settings.places.import')}</span>
          </button>
        </div>
      </form>

      <div class="settings-actions">
        <button
          type="button"
          class="btn btn-secondary settings-icon-btn"
          disabled={!canRefresh}
          aria-disabled={busy ? 'true' : undefined}
          aria-describedby="settings-places-refresh-hint"
          onClick={() => void refresh()}
        >
          <Icon icon={RefreshCw} size={24} />
          <span>{t('mediator.settings.places.refresh')}</span>
        </button>
      </div>
      <p class="settings-hint" id="settings-places-refresh-hint">
        {!sourceUrl
          ? t('mediator.settings.places.refreshNoUrl')
          : !online
            ? t('mediator.settings.places.refreshOffline')
            : t('mediator.settings.places.refreshHint')}
      </p>

      {progress ? (
        <div class="settings-progress">
          <label for="settings-places-progress">{t('mediator.settings.places.progress', { stage: t(STAGE_KEYS[progress.stage]) })}</label>
          <progress id="settings-places-progress" max={100} value={progress.ratio === null ? undefined : Math.round(progress.ratio * 100)} />
        </div>
      ) : null}

      <div role="status" class="settings-notice">
        {progress ? <p>{t(STAGE_KEYS[progress.stage])}</p> : null}
        {!progress && outcome ? <p class={outcome.kind === 'failed' ? 'settings-error' : undefined}>{outcomeText(outcome)}</p> : null}
      </div>
      {outcome?.kind === 'imported' ? <PlacesImportReport report={outcome.report} /> : null}
    </section>
  );
}
