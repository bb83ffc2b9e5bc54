import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * Drives a native `<dialog>` from an `open` flag: shown modal (the rest of the page inert) with the focus on `first`,
 * and on closing the focus goes back to where it was when that element still exists.
 */
export function useModalDialog<T extends HTMLElement>(open: boolean): {
  dialog: RefObject<HTMLDialogElement | null>;
  first: RefObject<T | null>;
} {
  const dialog = useRef<HTMLDialogElement>(null);
  const first = useRef<T>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
      first.current?.focus();
    } else if (!open) {
      if (element.open) element.close();
      if (returnTo.current?.isConnected) returnTo.current.focus();
      returnTo.current = null;
    }
  }, [open]);
  return { dialog, first };
}
