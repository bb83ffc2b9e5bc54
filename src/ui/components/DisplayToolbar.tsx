import { ALargeSmall, Contrast, Volume2 } from 'lucide';
import type { DisplayPrefs } from '../hooks/use-display-prefs';
import { useI18n } from '../hooks/use-i18n';
import { Icon } from './Icon';

export interface DisplayToolbarProps {
  readonly prefs: DisplayPrefs;
  readonly onTextSize: () => void;
  readonly onContrast: () => void;
  readonly onReadAloud: () => void;
}

/** One tap each: text size (normal, large, very large), high contrast, read-aloud. */
export function DisplayToolbar({ prefs, onTextSize, onContrast, onReadAloud }: DisplayToolbarProps) {
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
      <button type="button" class="btn btn-tool" aria-pressed={prefs.readAloud} onClick={onReadAloud}>
        <Icon icon={Volume2} size={24} />
        <span>{t('toolbar.readAloud')}</span>
      </button>
    </div>
  );
}
