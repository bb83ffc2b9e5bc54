/**
 * Whether the person's last gesture was a key rather than a touch or a click: someone who moves by keyboard (or with a
 * screen reader, which sends keys) is offered to skip the touch tries first (docs/TRIES.md). Listens from the first
 * import on, for the whole page; remembers nothing beyond the page.
 */
let keyboard = false;
let listening = false;

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  window.addEventListener(
    'keydown',
    (event) => {
      // a key that moves or presses, not a letter typed in a field
      if (['Tab', 'Enter', ' ', 'ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight'].includes(event.key)) keyboard = true;
    },
    { capture: true, passive: true },
  );
  window.addEventListener('pointerdown', () => (keyboard = false), { capture: true, passive: true });
}

listen();

export function lastInputWasKeyboard(): boolean {
  return keyboard;
}
