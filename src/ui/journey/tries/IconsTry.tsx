import { ArrowLeft, Download, Menu, X } from 'lucide';
import { useRef, useState } from 'preact/hooks';
import { ICONS, type IconId, type TryRecord } from '../../../domain/tries';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../hooks/use-i18n';

const DRAWINGS = { back: ArrowLeft, menu: Menu, close: X, download: Download } as const;

/**
 * "Reconnaître les icônes": one drawing at a time, and what it is for among the four meanings (always in the same
 * order, so that the screen is laid out the same in every language). A wrong meaning is a miss; the next drawing comes.
 */
export function IconsTry({ onDone }: { readonly onDone: (record: TryRecord) => void }) {
  const { t } = useI18n();
  const started = useRef(performance.now());
  const [index, setIndex] = useState(0);
  const matched = useRef<IconId[]>([]);
  const misses = useRef(0);
  const icon = ICONS[index] ?? ICONS[0];
  const choose = (meaning: IconId) => {
    if (meaning === icon) matched.current = [...matched.current, icon];
    else misses.current += 1;
    if (index + 1 < ICONS.length) {
      setIndex(index + 1);
      return;
    }
    onDone({ kind: 'icons', matched: matched.current, misses: misses.current, durationMs: Math.round(performance.now() - started.current) });
  };
  return (
    <div class="icons-try">
      <p class="icons-count" aria-live="polite">
        {t('tries.icons.count', { n: index + 1, total: ICONS.length })}
      </p>
      <div class="icons-drawing" role="img" aria-label={t('tries.icons.drawing', { n: index + 1 })}>
        {/* the back arrow points the way the person's phone shows it: to the right in Arabic */}
        <Icon icon={DRAWINGS[icon]} size={96} class={icon === 'back' ? 'flip-rtl' : undefined} />
      </div>
      <div class="try-choices icons-choices">
        {ICONS.map((meaning) => (
          <button key={`${index}-${meaning}`} type="button" class="btn btn-secondary" onClick={() => choose(meaning)}>
            {t(`tries.icons.meanings.${meaning}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
