import { useEffect, useRef } from 'preact/hooks';
import type { RefObject } from 'preact';

/** A native <dialog> shown as a modal while `open` (the store says so), closed when it no longer is. */
export function useModal(open: boolean): RefObject<HTMLDialogElement> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    else if (!open && element.open) element.close();
  }, [open]);
  return dialog;
}
