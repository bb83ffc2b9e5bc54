import { useEffect, useRef } from 'preact/hooks';

/** Moves the focus to the screen's heading when the screen appears, so a keyboard or screen-reader user starts there. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
