import { useEffect, useRef } from 'preact/hooks';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;

/** Calls `onIdle` once after `idleMs` without a touch, a key, a wheel or typing while `active`; any of them restarts the wait. */
export function useIdle(options: { active: boolean; idleMs: number; onIdle: () => void }): void {
  const { active, idleMs } = options;
  const onIdle = useRef(options.onIdle);
  onIdle.current = options.onIdle;
  useEffect(() => {
    if (!active) return undefined;
    let timer = setTimeout(() => onIdle.current(), idleMs);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => onIdle.current(), idleMs);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, restart, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, restart, { capture: true });
    };
  }, [active, idleMs]);
}
