import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;

/**
 * Kiosk inactivity: after `timeoutMs` without a touch or a key, a warning with `warningSeconds` to answer; then
 * `onExpire`. Any activity before the warning restarts the wait; once the warning shows, only `stayHere` dismisses it.
 */
export function useInactivity(options: {
  active: boolean;
  timeoutMs: number;
  warningSeconds: number;
  onExpire: () => void;
}): { warning: boolean; secondsLeft: number; stayHere: () => void } {
  const { active, timeoutMs, warningSeconds, onExpire } = options;
  const [warning, setWarning] = useState(false);
  const [secondsLeft, setSecondsLeft] = useState(warningSeconds);
  const [round, setRound] = useState(0);
  const expire = useRef(onExpire);
  expire.current = onExpire;

  const stayHere = useCallback(() => {
    setWarning(false);
    setRound((r) => r + 1);
  }, []);

  // Waiting for activity.
  useEffect(() => {
    if (!active || warning) return undefined;
    let timer = setTimeout(() => setWarning(true), timeoutMs);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setWarning(true), timeoutMs);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, restart, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, restart, { capture: true });
    };
  }, [active, warning, timeoutMs, round]);

  // Counting down once warned.
  useEffect(() => {
    if (!active || !warning) return undefined;
    setSecondsLeft(warningSeconds);
    const started = Date.now();
    const tick = setInterval(() => {
      const left = warningSeconds - Math.floor((Date.now() - started) / 1000);
      if (left <= 0) {
        clearInterval(tick);
        setWarning(false);
        expire.current();
      } else {
        setSecondsLeft(left);
      }
    }, 250);
    return () => clearInterval(tick);
  }, [active, warning, warningSeconds]);

  useEffect(() => {
    if (!active) setWarning(false);
  }, [active]);

  return { warning: active && warning, secondsLeft, stayHere };
}
