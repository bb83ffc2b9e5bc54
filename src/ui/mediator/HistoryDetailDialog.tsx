import { useId } from 'preact/hooks';
import { useModalDialog } from '../hooks/use-modal-dialog';
import { LANGUAGE_NATIVE_NAMES, textDirection } from '../../domain/language';
import type { FinishedResult } from '../../domain/result';
import { useI18n } from '../hooks/use-i18n';
import type { Observation } from '../../domain/observation';
import type { MediatorServices } from './mediator-services';
import { ObservationForm } from './ObservationForm';
import { ResultDetail } from './ResultDetail';

export interface HistoryDetailDialogProps {
  /** The result to show; null keeps the dialog closed. */
  readonly result: FinishedResult | null;
  readonly formatDateTime: (iso: string) => string;
  readonly onClose: () => void;
  readonly onDelete: (result: FinishedResult) => void;
  readonly services: MediatorServices;
  /** The observation was stored (added or corrected here). */
  readonly onObserved: (resultId: string, observation: Observation) => void;
}

/**
 * One result in full, in a native modal dialog: when, how, in which language, then the detailed result and, for a
 * guided session, the mediator's observation to add or correct. Escape or
 * "Fermer" closes it and the focus goes back to the "Voir" button that opened it; "Supprimer ce résultat" asks first.
 */
export function HistoryDetailDialog({ result, formatDateTime, onClose, onDelete, services, onObserved }: HistoryDetailDialogProps) {
  const { t } = useI18n();
  const open = result !== null;
  const { dialog, first: heading } = useModalDialog<HTMLHeadingElement>(open);
  const id = useId();

  return (
    <dialog
      ref={dialog}
      class="confirm-dialog history-detail"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      // Chromium may close a dialog on a second Escape without a cancel event: the state follows.
      onClose={() => open && onClose()}
    >
      {result ? (
        <>
          <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
            {t('mediator.history.detail.title', { date: formatDateTime(result.finishedAt) })}
          </h2>
          <dl class="detail-list">
            <div>
              <dt>{t('mediator.history.table.mode')}</dt>
              <dd>{t(`mediator.history.modes.${result.mode}`)}</dd>
            </div>
            <div>
              <dt>{t('mediator.history.table.language')}</dt>
              <dd>
                <span lang={result.language} dir={textDirection(result.language)}>
                  {LANGUAGE_NATIVE_NAMES[result.language]}
                </span>
              </dd>
            </div>
          </dl>
          <ResultDetail result={result} headingLevel={3} />
          {/* The mediator's observation, to add after the session or to correct later (a guided session only). */}
          {result.mode === 'guided' ? (
            <section class="history-observation" aria-labelledby={`${id}-observation`}>
              <h3 id={`${id}-observation`}>{t('mediator.observation.title')}</h3>
              <p class="history-note">{t('mediator.observation.help')}</p>
              <ObservationForm
                key={result.id}
                services={services}
                resultId={result.id}
                initial={result.observation}
                triesTaken={result.observed !== undefined && (['handling', 'scam', 'icons'] as const).some((score) => result.observed![score] !== 'notTaken')}
                onSaved={(observation) => onObserved(result.id, observation)}
              />
            </section>
          ) : null}
          <div class="confirm-dialog-actions">
            <button type="button" class="btn btn-danger" onClick={() => onDelete(result)}>
              {t('mediator.history.detail.delete')}
            </button>
            <button type="button" class="btn btn-primary" onClick={onClose}>
              {t('mediator.history.detail.close')}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
