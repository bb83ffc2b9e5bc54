import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../hooks/use-i18n';
import { pure } from './pure';

export interface InactivityDialogProps {
  readonly open: boolean;
  readonly secondsLeft: number;
  readonly onStay: () => void;
  /** `wipe`: the public session is erased at the end; `mediatorLock`: the mediator space locks, the session kept. */
  readonly kind?: 'wipe' | 'mediatorLock';
}

/**
 * "Êtes-vous toujours là ?": a modal dialog with a countdown and one large button. Escape counts as "I am here". Its
 * backdrop is opaque: during the countdown, the answers behind it cannot be read by the next person.
 */
/** Drawn again only when its own props change, not at each answer of the session behind it. */
export const InactivityDialog = pure(function InactivityDialog({ open, secondsLeft, onStay, kind = 'wipe' }: InactivityDialogProps) {
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
      aria-labelledby={`${kind}-title`}
      aria-describedby={`${kind}-body`}
      onCancel={(event) => {
        event.preventDefault();
        onStay();
      }}
    >
      <h2 id={`${kind}-title`}>{t(kind === 'wipe' ? 'inactivity.title' : 'inactivity.lockTitle')}</h2>
      <p id={`${kind}-body`}>{t(kind === 'wipe' ? 'inactivity.body' : 'inactivity.lockBody')}</p>
      <p class="countdown" aria-hidden="true">
        {t('inactivity.countdown', { count: secondsLeft })}
      </p>
      <button type="button" class="btn btn-primary btn-start" autoFocus onClick={onStay}>
        {t(kind === 'wipe' ? 'inactivity.stay' : 'inactivity.lockStay')}
      </button>
    </dialog>
  );
});
