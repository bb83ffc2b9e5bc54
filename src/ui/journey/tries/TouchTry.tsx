import { useRef, useState } from 'preact/hooks';
import { TOUCH_TARGETS_MM, TOUCH_TRIES_PER_TARGET, type TouchTarget, type TryRecord } from '../../../domain/tries';
import { useI18n } from '../../hooks/use-i18n';

/** Where each target appears in the play area, in % from its start (left, or right in RTL) and top: never twice the same. */
const PLACES: ReadonlyArray<readonly [number, number]> = [
  [50, 45],
  [78, 22],
  [22, 75],
];

/**
 * "Toucher": three round targets, one after the other, of about 20, 12 and 8 mm on the screen. A tap beside the target
 * is a miss; after TOUCH_TRIES_PER_TARGET misses the target counts as not reached and the next one comes. Two fingers
 * at once make at most one miss, never a target reached.
 */
export function TouchTry({ pxPerMm, onDone }: { readonly pxPerMm: number; readonly onDone: (record: TryRecord) => void }) {
  const { t } = useI18n();
  const started = useRef(performance.now());
  const [round, setRound] = useState(0);
  const [misses, setMisses] = useState(0);
  const results = useRef<TouchTarget[]>([]);
  const fingersDown = useRef(new Set<number>());
  const secondFinger = useRef(false);

  const finishRound = (reached: boolean, missCount: number) => {
    results.current = [...results.current, { sizeMm: TOUCH_TARGETS_MM[round] as number, reached, misses: missCount }];
    if (round + 1 >= TOUCH_TARGETS_MM.length) {
      onDone({ kind: 'touch', targets: results.current, durationMs: Math.round(performance.now() - started.current) });
      return;
    }
    setRound(round + 1);
    setMisses(0);
  };

  // A miss is counted on the click that ends a tap, never on the finger going down: the screen may change with it (the
  // third miss ends the try), and a change on the way down let the same tap's click land on the next screen's buttons
  // (seen in a test: it closed the offer of larger text). Fingers are followed only to tell a second finger.
  const onAreaDown = (event: PointerEvent) => {
    if (fingersDown.current.size === 0) secondFinger.current = false;
    fingersDown.current.add(event.pointerId);
    if (fingersDown.current.size > 1) secondFinger.current = true;
  };
  const onAreaUp = (event: PointerEvent) => fingersDown.current.delete(event.pointerId);
  const onAreaClick = (event: MouseEvent) => {
    if ((event.target as Element).closest('.touch-target')) return;
    const missCount = misses + 1;
    if (missCount >= TOUCH_TRIES_PER_TARGET) finishRound(false, missCount);
    else setMisses(missCount);
  };

  const sizeMm = TOUCH_TARGETS_MM[round] as number;
  const [start, top] = PLACES[round] ?? [50, 50];
  const size = Math.round(sizeMm * pxPerMm);
  return (
    <div
      class="touch-area"
      onPointerDown={onAreaDown}
      onPointerUp={onAreaUp}
      onPointerCancel={onAreaUp}
      onClick={onAreaClick}
      data-round={round + 1}
      data-misses={misses}
    >
      <p class="touch-round" aria-live="polite">
        {t('tries.touch.round', { n: round + 1, total: TOUCH_TARGETS_MM.length })}
      </p>
      <button
        key={round}
        type="button"
        class="touch-target"
        aria-label={t('tries.touch.target', { n: round + 1, total: TOUCH_TARGETS_MM.length })}
        data-size-mm={sizeMm}
        style={{ width: `${size}px`, height: `${size}px`, insetInlineStart: `calc(${start}% - ${size / 2}px)`, top: `calc(${top}% - ${size / 2}px)` }}
        onClick={() => {
          // two fingers at once are not a tap on the target (one of them may be anywhere)
          if (!secondFinger.current) finishRound(true, misses);
        }}
      />
    </div>
  );
}
