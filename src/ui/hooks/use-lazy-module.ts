import { useEffect, useState } from 'preact/hooks';

/**
 * A module loaded the first time `wanted` is true, then kept: code the first screen does without comes when a screen
 * may need it. null until it has come (and while it cannot be loaded: asked again when `wanted` turns true again).
 */
export function useLazyModule<T>(load: () => Promise<T>, wanted: boolean): T | null {
  const [module, setModule] = useState<T | null>(null);
  useEffect(() => {
    if (!wanted || module) return;
    let current = true;
    load().then(
      (loaded) => current && setModule(() => loaded),
      (error: unknown) => console.warn('Repère: a part of the app could not be loaded', error),
    );
    return () => {
      current = false;
    };
  }, [load, module, wanted]);
  return module;
}
