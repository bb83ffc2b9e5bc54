import { useId } from 'preact/hooks';
import { useModalDialog } from '../hooks/use-modal-dialog';

export interface ConfirmDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly body: string;
  /** The words of the button that does it ("Supprimer"): never just "OK". */
  readonly confirmLabel: string;
  /** "Annuler", "Continuer"…: in the messages of the screen that asks (the public's or the mediator's). */
  readonly cancelLabel: string;
  /** While the action runs, both buttons wait (aria-disabled, so the focus stays where it is). */
  readonly busy?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/**
 * Asks before something that cannot be undone: a native modal dialog (the rest of the page is inert), the focus on
 * "Annuler" first so that a hurried Enter does no harm, Escape cancels. On closing, the focus goes back where it was
 * when that element still exists.
 */
export function ConfirmDialog({ open, title, body, confirmLabel, cancelLabel, busy = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const { dialog, first: cancel } = useModalDialog<HTMLButtonElement>(open);
  const id = useId();

  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
      // Chromium may close a dialog on a second Escape without a cancel event: the state follows.
      onClose={() => open && onCancel()}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-body`}>{body}</p>
      <div class="confirm-dialog-actions">
        <button
          ref={cancel}
          type="button"
          class="btn btn-secondary"
          aria-disabled={busy ? 'true' : undefined}
          onClick={() => !busy && onCancel()}
        >
          {cancelLabel}
        </button>
        <button
          type="button"
          class="btn btn-danger"
          aria-disabled={busy ? 'true' : undefined}
          aria-busy={busy ? 'true' : undefined}
          onClick={() => !busy && onConfirm()}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
