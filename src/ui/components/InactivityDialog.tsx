import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../hooks/use-i18n';

export interface InactivityDialogProps {
  readonly open: boolean;
  readonly secondsLeft: number;
  readonly onStay: () => void;
}

/** "Êtes-vous toujours là ?": a modal dialog with a countdown and one large button. Escape counts as "I am here". */
export function InactivityDialog({ open, secondsLeft, onStay }: InactivityDialogProps) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      class="inactivity"
      aria-labelledby="inactivity-title"
      aria-describedby="inactivity-body"
      onCancel={(event) => {
        event.preventDefault();
        onStay();
      }}
    >
      <h2 id="inactivity-title">{t('inactivity.title')}</h2>
      <p id="inactivity-body">{t('inactivity.body')}</p>
      <p class="countdown" aria-hidden="true">
        {t('inactivity.countdown', { count: secondsLeft })}
      </p>
      <button type="button" class="btn btn-primary btn-start" autoFocus onClick={onStay}>
        {t('inactivity.stay')}
      </button>
    </dialog>
  );
}
