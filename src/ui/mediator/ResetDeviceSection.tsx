import { useRef } from 'preact/hooks';
import { useI18n } from '../hooks/use-i18n';

export interface ResetDeviceSectionProps {
  /** The mediator confirmed: the app erases everything and restarts. */
  readonly onResetDevice: () => void;
  /** The section's title and sentence, when it is offered elsewhere than in the settings (a forgotten PIN). */
  readonly titleKey?: string;
  readonly explanationKey?: string;
}

/**
 * Erasing everything on this device (results, settings, PIN, imported places, batches not sent), behind a modal
 * confirmation whose focus starts on "Annuler", so that a hurried Enter erases nothing.
 */
export function ResetDeviceSection({
  onResetDevice,
  titleKey = 'mediator.settings.reset.title',
  explanationKey = 'mediator.settings.reset.explanation',
}: ResetDeviceSectionProps) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  const open = () => {
    dialog.current?.showModal();
    cancel.current?.focus();
  };
  const close = () => dialog.current?.close();

  return (
    <section class="settings-section settings-danger-zone" aria-labelledby="settings-reset-title">
      <h2 id="settings-reset-title">{t(titleKey)}</h2>
      <p id="settings-reset-explanation">{t(explanationKey)}</p>
      <div class="settings-actions">
        <button ref={opener} type="button" class="btn settings-btn-danger" aria-haspopup="dialog" onClick={open}>
          {t('mediator.settings.reset.open')}
        </button>
      </div>
      <dialog
        ref={dialog}
        class="settings-dialog"
        aria-labelledby="settings-reset-dialog-title"
        aria-describedby="settings-reset-dialog-body"
        // Escape closes it like "Annuler"; the focus goes back to the button that opened it.
        onClose={() => opener.current?.focus()}
      >
        <h2 id="settings-reset-dialog-title">{t('mediator.settings.reset.confirmTitle')}</h2>
        <p id="settings-reset-dialog-body">{t('mediator.settings.reset.confirmBody')}</p>
        <div class="settings-actions settings-dialog-actions">
          <button ref={cancel} type="button" class="btn btn-secondary" onClick={close}>
            {t('mediator.settings.reset.cancel')}
          </button>
          <button
            type="button"
            class="btn settings-btn-danger"
            onClick={() => {
              close();
              onResetDevice();
            }}
          >
            {t('mediator.settings.reset.confirm')}
          </button>
        </div>
      </dialog>
    </section>
  );
}
