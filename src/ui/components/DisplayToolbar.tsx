import { ALargeSmall, Contrast, Volume2 } from 'lucide';
import type { DisplayPrefs } from '../hooks/use-display-prefs';
import { useI18n } from '../hooks/use-i18n';
import { Icon } from './Icon';
import { pure } from './pure';

export interface DisplayToolbarProps {
  readonly prefs: DisplayPrefs;
  readonly onTextSize: () => void;
  readonly onContrast: () => void;
  readonly onReadAloud: () => void;
  /** The device has no voice for this language: the switch is off and says so (the status line beside it). */
  readonly readAloudUnavailable?: boolean;
}

/** One tap each: text size (normal, large, very large), high contrast, read-aloud. */
/** Drawn again only when its own props change (the App's callbacks it gets are stable), not at each answer. */
export const DisplayToolbar = pure(function DisplayToolbar({ prefs, onTextSize, onContrast, onReadAloud, readAloudUnavailable = false }: DisplayToolbarProps) {
  const { t } = useI18n();
  return (
    <div class="toolbar no-print" role="group" aria-label={t('toolbar.label')}>
      <button type="button" class="btn btn-tool" onClick={onTextSize}>
        <Icon icon={ALargeSmall} size={24} />
        <span>{t('toolbar.textSize', { size: t(`toolbar.textSizes.${prefs.textSize}`) })}</span>
      </button>
      <button type="button" class="btn btn-tool" aria-pressed={prefs.highContrast} onClick={onContrast}>
        <Icon icon={Contrast} size={24} />
        <span>{t('toolbar.contrast')}</span>
      </button>
      <button
        type="button"
        class="btn btn-tool"
        aria-pressed={prefs.readAloud}
        // Still focusable and tappable (it says why again), but announced as unavailable.
        aria-disabled={readAloudUnavailable ? 'true' : undefined}
        aria-describedby={readAloudUnavailable ? 'speech-notice' : undefined}
        onClick={onReadAloud}
      >
        <Icon icon={Volume2} size={24} />
        <span>{t('toolbar.readAloud')}</span>
      </button>
    </div>
  );
});
