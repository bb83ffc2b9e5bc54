import { useId, useMemo, useState } from 'preact/hooks';
import { AGE_BANDS } from '../../domain/aggregate';
import { LANGUAGES, type Language } from '../../domain/language';
import { ACTIVITY_TYPES, EQUIPMENT, PLACE_TYPES, REFERRALS, THEMES } from '../../domain/observation';
import { DISTANCE_RESULTS } from '../../domain/result';
import {
  DEFAULT_RESULTS_FILE_FORMAT,
  FRENCH_COLUMNS,
  RESULTS_FILE_FORMATS,
  type CsvSeparator,
  type ExportLabels,
  type ResultsFileFormat,
} from '../../domain/results-export';
import { AUTONOMY_LEVELS, BARRIERS, DEVICE_PROFILES, LAST_USES, ORGANISMS } from '../../domain/score-profile';
import { useI18n } from '../hooks/use-i18n';

export interface ExportPanelProps {
  /** How many results an export takes: the results ticked, or every result shown when none is. */
  readonly count: number;
  readonly scope: 'selected' | 'shown';
  readonly separator: CsvSeparator;
  readonly onSeparatorChange: (separator: CsvSeparator) => void;
  /** Set while an export streams (results written so far, of how many): the button waits, a status line says it. */
  readonly exporting: { readonly done: number; readonly total: number } | null;
  /** The caller builds the writer (`resultsFileWriter(format, { labels: exportLabels(t), … })`) and streams. */
  readonly onExport: (format: ResultsFileFormat) => void;
}

const SEPARATORS: readonly { readonly value: CsvSeparator; readonly key: string }[] = [
  { value: ';', key: 'mediator.history.export.semicolon' },
  { value: ',', key: 'mediator.history.export.comma' },
];

/** The exports' words are French whatever the screen's language: the reports they feed are French. */
const EXPORT_LANGUAGE: Language = 'fr';

const record = <K extends string>(keys: readonly K[], word: (key: K) => string): Readonly<Record<K, string>> =>
  Object.fromEntries(keys.map((key) => [key, word(key)])) as Record<K, string>;

/**
 * The French words of the exports (headers and categories), from the French messages: French and the mediator's
 * French texts are always loaded (the fallback language), so `t(key, { lng: 'fr' })` reads them whatever the screen's
 * language. Language names come from the browser's Intl (French names: "arabe", "ukrainien"). Read when an export
 * starts or the counts are shown (some 150 messages): not while the history opens.
 */
export function exportLabels(t: ReturnType<typeof useI18n>['t']): ExportLabels {
  const fr = (key: string) => t(key, { lng: EXPORT_LANGUAGE });
  const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames([EXPORT_LANGUAGE], { type: 'language' }) : null;
  const autonomy = record(AUTONOMY_LEVELS, (level) => fr(`mediator.autonomy.${level}`));
  return {
    // `dsi.information` → key `dsiInformation` (a dot would split the message key).
    headers: record(FRENCH_COLUMNS, (column) =>
      fr(`mediator.history.export.columns.${column.replace(/\.(\w)/, (_, letter: string) => letter.toUpperCase())}`),
    ),
    yes: fr('mediator.result.yes'),
    no: fr('mediator.result.no'),
    unknown: fr('mediator.result.unknown'),
    mode: { kiosk: fr('mediator.history.modes.kiosk'), guided: fr('mediator.history.modes.guided') },
    language: record(LANGUAGES, (language) => names?.of(language) ?? language),
    distanceLevel: record(DISTANCE_RESULTS, (level) => fr(`result.levels.${level}`)),
    dsiOverall: record(
      ['notAssessed', 'no', 'limited', 'narrow', 'low', 'basic', 'aboveBasic', 'unknown'] as const,
      (category) => fr(`mediator.result.dsiCategories.${category}`),
    ),
    dsiAreaLevel: record(['none', 'basic', 'aboveBasic', 'unknown', 'notAssessed'] as const, (level) =>
      fr(`mediator.result.areaLevels.${level}`),
    ),
    barrier: record(BARRIERS, (barrier) => fr(`mediator.result.barrierNames.${barrier}`)),
    lastUse: record(LAST_USES, (lastUse) => fr(`mediator.result.lastUses.${lastUse}`)),
    proceduresStatus: {
      ...autonomy,
      neverNeeded: fr('mediator.result.proceduresNeverNeeded'),
      unknown: fr('mediator.result.proceduresUnknown'),
    },
    organism: record(ORGANISMS, (organism) => fr(`mediator.result.organismNames.${organism}`)),
    deviceProfile: record(DEVICE_PROFILES, (profile) => fr(`mediator.result.deviceProfiles.${profile}`)),
    ageBand: record(AGE_BANDS, (band) => fr(`questions.ageBand.options.${band}`)),
    autonomy,
    theme: record(THEMES, (theme) => fr(`mediator.themes.${theme}`)),
    activityType: record(ACTIVITY_TYPES, (type) => fr(`mediator.history.export.values.activityTypes.${type}`)),
    placeType: record(PLACE_TYPES, (type) => fr(`mediator.history.export.values.placeTypes.${type}`)),
    equipment: record(EQUIPMENT, (item) => fr(`mediator.history.export.values.equipment.${item}`)),
    referral: record(REFERRALS, (referral) => fr(`mediator.history.export.values.referrals.${referral}`)),
  };
}

/**
 * Exports for the mediator's activity reports (docs/EXPORT.md): a spreadsheet in French (the default), the same in
 * codes, La Coop's activity report, or JSON; the separator for the CSV files; one button. The caller streams the
 * results and reports progress through `exporting`. Categories only: the files name no one.
 */
export function ExportPanel({ count, scope, separator, onSeparatorChange, exporting, onExport }: ExportPanelProps) {
  const { t, language } = useI18n();
  const id = useId();
  const counter = useMemo(() => new Intl.NumberFormat(language), [language]);
  const [format, setFormat] = useState<ResultsFileFormat>(DEFAULT_RESULTS_FILE_FORMAT);
  const empty = count === 0;
  const busy = exporting !== null;
  const unavailable = empty || busy;

  return (
    <section class="history-export" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('mediator.history.export.title')}</h2>
      <fieldset class="history-separator history-format">
        <legend>{t('mediator.history.export.format')}</legend>
        {/* The hint beside the label, not in it: inside, it was read twice (in the name and as the description). */}
        {RESULTS_FILE_FORMATS.map((option) => (
          <div key={option} class="history-format-option">
            <label class="history-radio">
              <input
                type="radio"
                name={`${id}-format`}
                value={option}
                checked={format === option}
                aria-describedby={`${id}-hint-${option}`}
                onChange={() => setFormat(option)}
              />
              <span>{t(`mediator.history.export.formats.${option}`)}</span>
            </label>
            <span id={`${id}-hint-${option}`} class="history-hint">
              {t(`mediator.history.export.formatHints.${option}`)}
            </span>
          </div>
        ))}
      </fieldset>
      {format !== 'json' ? (
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
      ) : null}
      <p id={`${id}-scope`} class="history-export-scope">
        {empty
          ? t('mediator.history.export.nothing')
          : scope === 'selected'
            ? t('mediator.history.export.scopeSelected', { count })
            : t('mediator.history.export.scopeShown', { count })}
      </p>
      <div class="history-actions">
        <button
          type="button"
          class="btn btn-primary"
          aria-describedby={`${id}-scope`}
          aria-disabled={unavailable ? 'true' : undefined}
          onClick={() => {
            if (!unavailable) onExport(format);
          }}
        >
          {t('mediator.history.export.submit')}
        </button>
      </div>
      <p role="status" class="history-export-progress">
        {exporting ? t('mediator.history.export.progress', { done: counter.format(exporting.done), total: counter.format(exporting.total) }) : ''}
      </p>
      <p class="history-note">{t('mediator.history.export.privacy')}</p>
    </section>
  );
}
