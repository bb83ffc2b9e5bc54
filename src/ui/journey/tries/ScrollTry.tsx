import { Apple, Bike, Book, Car, Coffee, House, TreePine, Umbrella } from 'lucide';
import { useRef } from 'preact/hooks';
import type { TryRecord } from '../../../domain/tries';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../hooks/use-i18n';

/** The cards, the one to find last: below the fold on every screen (each card is at least a fifth of the screen high). */
const CARDS = [
  ['apple', Apple],
  ['house', House],
  ['tree', TreePine],
  ['car', Car],
  ['cup', Coffee],
  ['book', Book],
  ['umbrella', Umbrella],
  ['bike', Bike],
] as const;
const TARGET = 'bike';

/**
 * "Faire défiler": find the bicycle's card further down the page and tap it. A tap on another card is a miss;
 * "Je ne la trouve pas" ends the try as not found (it is at the top: nobody has to scroll to give up).
 */
export function ScrollTry({ onDone }: { readonly onDone: (record: TryRecord) => void }) {
  const { t } = useI18n();
  const started = useRef(performance.now());
  const misses = useRef(0);
  const finish = (found: boolean) =>
    onDone({ kind: 'scroll', found, misses: misses.current, durationMs: Math.round(performance.now() - started.current) });
  return (
    <div class="scroll-try">
      <button type="button" class="btn btn-secondary scroll-give-up" onClick={() => finish(false)}>
        {t('tries.scroll.notFound')}
      </button>
      <ul class="scroll-cards">
        {CARDS.map(([id, icon]) => (
          <li key={id}>
            <button
              type="button"
              class="scroll-card"
              data-card={id}
              onClick={() => {
                if (id === TARGET) finish(true);
                else misses.current += 1;
              }}
            >
              <Icon icon={icon} size={64} />
              <span>{t(`tries.scroll.cards.${id}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
