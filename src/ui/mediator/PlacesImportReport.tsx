import { useMemo } from 'preact/hooks';
import { WARNING_KINDS, type ImportReport, type PlacesShape } from '../../places/import-places';
import { useI18n } from '../hooks/use-i18n';

/** Skipped lines listed one by one; the rest are counted. */
const SKIPPED_SHOWN = 50;

const SHAPE_KEYS: Readonly<Record<PlacesShape, string>> = {
  'standard-v1-csv': 'mediator.settings.places.shapes.standardV1Csv',
  'standard-v0.1-csv': 'mediator.settings.places.shapes.standardV01Csv',
  'anct-json': 'mediator.settings.places.shapes.anctJson',
  'bfc-ternum-raw-csv': 'mediator.settings.places.shapes.bfcTernumRawCsv',
};

/**
 * What an import did with each row: the file's shape in words, rows read, places imported, rows skipped (the first
 * ones with their reason), and the warnings by kind. Never a row dropped without saying so.
 */
export function PlacesImportReport({ report }: { readonly report: ImportReport }) {
  const { t, language } = useI18n();
  const numbers = useMemo(() => new Intl.NumberFormat(language), [language]);
  const warnings = WARNING_KINDS.filter((kind) => report.warnings[kind] > 0);
  const more = report.skipped.length - SKIPPED_SHOWN;
  return (
    <div class="settings-report">
      <h3>{t('mediator.settings.places.report.title')}</h3>
      <dl class="settings-facts">
        <div>
          <dt>{t('mediator.settings.places.report.shape')}</dt>
          <dd>{t(SHAPE_KEYS[report.shape])}</dd>
        </div>
        <div>
          <dt>{t('mediator.settings.places.report.rowsRead')}</dt>
          <dd>{numbers.format(report.rowsRead)}</dd>
        </div>
        <div>
          <dt>{t('mediator.settings.places.report.imported')}</dt>
          <dd>{numbers.format(report.imported)}</dd>
        </div>
        <div>
          <dt>{t('mediator.settings.places.report.skipped')}</dt>
          <dd>{numbers.format(report.skipped.length)}</dd>
        </div>
      </dl>
      {report.skipped.length > 0 ? (
        <details class="settings-details">
          <summary>{t('mediator.settings.places.report.skippedDetails')}</summary>
          <ul>
            {report.skipped.slice(0, SKIPPED_SHOWN).map(({ line, reason }, index) => (
              <li key={`${line}-${index}`}>
                {t('mediator.settings.places.report.skippedLine', { line: numbers.format(line) })}{' '}
                {/* The importer writes its reasons in French. */}
                <span lang="fr">{reason}</span>
              </li>
            ))}
          </ul>
          {more > 0 ? <p>{t('mediator.settings.places.report.skippedMore', { number: numbers.format(more) })}</p> : null}
        </details>
      ) : null}
      <h4>{t('mediator.settings.places.report.warnings')}</h4>
      {warnings.length > 0 ? (
        <ul class="settings-warnings">
          {warnings.map((kind) => (
            <li key={kind}>{t(`mediator.settings.places.warnings.${kind}`, { number: numbers.format(report.warnings[kind]) })}</li>
          ))}
        </ul>
      ) : (
        <p>{t('mediator.settings.places.report.noWarnings')}</p>
      )}
    </div>
  );
}
