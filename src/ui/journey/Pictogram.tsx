import { CircleHelp, type IconNode } from 'lucide';
import { Icon } from '../components/Icon';
import { PICTOGRAMS } from './pictograms';

const SVG_NS = 'http://www.w3.org/2000/svg';
const SPRITE_ID = 'pictogram-sprite';
const drawn = new Set<string>();

/**
 * The pictogram's drawing, put once as a <symbol> into a hidden sprite at the end of <body> (outside the app's root):
 * each screen then builds two elements per pictogram (<svg><use>) instead of three to eight, at every question, which
 * is what a slow tablet spends its time on between a tap and the next question.
 */
function symbolOf(id: string, icon: IconNode): string {
  const symbolId = `pictogram-${id}`;
  if (drawn.has(symbolId)) return symbolId;
  let sprite: Element | null = document.getElementById(SPRITE_ID);
  if (!sprite) {
    const made = document.createElementNS(SVG_NS, 'svg');
    made.id = SPRITE_ID;
    made.setAttribute('class', 'pictogram-sprite');
    made.setAttribute('aria-hidden', 'true');
    made.setAttribute('focusable', 'false');
    document.body.append(made);
    sprite = made;
  }
  const symbol = document.createElementNS(SVG_NS, 'symbol');
  symbol.id = symbolId;
  symbol.setAttribute('viewBox', '0 0 24 24');
  for (const [tag, attrs] of icon) {
    const shape = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs)) if (value !== undefined) shape.setAttribute(name, String(value));
    symbol.append(shape);
  }
  sprite.append(symbol);
  drawn.add(symbolId);
  return symbolId;
}

/** A questionnaire pictogram by its id; decorative, the text beside it says the same. */
export function Pictogram({ id, size = 40 }: { readonly id: string; readonly size?: number }) {
  const icon = PICTOGRAMS[id] ?? CircleHelp;
  // without a document (a test rendering to a string), the drawing itself
  if (typeof document === 'undefined') return <Icon icon={icon} size={size} class="pictogram" />;
  return (
    <svg
      class="icon pictogram"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <use href={`#${symbolOf(PICTOGRAMS[id] ? id : '-missing', icon)}`} />
    </svg>
  );
}
