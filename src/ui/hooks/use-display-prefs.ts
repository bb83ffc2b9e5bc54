import { useCallback, useEffect, useState } from 'preact/hooks';

export const TEXT_SIZES = ['normal', 'large', 'veryLarge'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/** How the screen looks and speaks for the person in front of it: kept for their session, reset for the next one. */
export interface DisplayPrefs {
  readonly textSize: TextSize;
  readonly highContrast: boolean;
  readonly readAloud: boolean;
}

export const DEFAULT_DISPLAY: DisplayPrefs = { textSize: 'normal', highContrast: false, readAloud: false };

// sessionStorage: survives a reload of this tab, never reaches the next visitor of another tab, cleared at the end.
const KEY = 'repere.display';

function load(initialReadAloud: boolean): DisplayPrefs {
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<DisplayPrefs> | null;
    if (stored && TEXT_SIZES.includes(stored.textSize as TextSize)) {
      return { textSize: stored.textSize as TextSize, highContrast: stored.highContrast === true, readAloud: stored.readAloud === true };
    }
  } catch {
    // private mode or a damaged value: start from the defaults
  }
  return { ...DEFAULT_DISPLAY, readAloud: initialReadAloud };
}

/** Applies the preferences to <html> (data-text-size, data-contrast), where the style sheet reads them. */
export function applyDisplay(root: HTMLElement, prefs: DisplayPrefs): void {
  // Only what changed: touching <html> makes the browser restyle the whole page.
  const contrast = prefs.highContrast ? 'high' : 'normal';
  if (root.dataset.textSize !== prefs.textSize) root.dataset.textSize = prefs.textSize;
  if (root.dataset.contrast !== contrast) root.dataset.contrast = contrast;
}

export function useDisplayPrefs(readAloudByDefault: boolean) {
  const [prefs, setPrefs] = useState<DisplayPrefs>(() => load(readAloudByDefault));
  useEffect(() => {
    applyDisplay(document.documentElement, prefs);
    try {
      sessionStorage.setItem(KEY, JSON.stringify(prefs));
    } catch {
      // nothing to keep across a reload then
    }
  }, [prefs]);
  const cycleTextSize = useCallback(
    () => setPrefs((p) => ({ ...p, textSize: TEXT_SIZES[(TEXT_SIZES.indexOf(p.textSize) + 1) % TEXT_SIZES.length]! })),
    [],
  );
  /** At least "large" (the offer after a touch try): a person who chose "very large" keeps it. */
  const enlargeText = useCallback(() => setPrefs((p) => (p.textSize === 'normal' ? { ...p, textSize: 'large' } : p)), []);
  const toggleContrast = useCallback(() => setPrefs((p) => ({ ...p, highContrast: !p.highContrast })), []);
  const setReadAloud = useCallback((readAloud: boolean) => setPrefs((p) => (p.readAloud === readAloud ? p : { ...p, readAloud })), []);
  const reset = useCallback(() => setPrefs({ ...DEFAULT_DISPLAY, readAloud: readAloudByDefault }), [readAloudByDefault]);
  return { prefs, cycleTextSize, enlargeText, toggleContrast, setReadAloud, reset };
}
