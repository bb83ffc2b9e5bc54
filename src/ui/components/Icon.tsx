import { h } from 'preact';
import type { IconNode } from 'lucide';

export interface IconProps {
  readonly icon: IconNode;
  readonly size?: number;
  readonly class?: string;
}

/**
 * A Lucide icon drawn as inline SVG. Always decorative (aria-hidden): the words beside it say what it means, as
 * `alt=""` would for an image.
 */
export function Icon({ icon, size = 32, class: className }: IconProps) {
  return (
    <svg
      class={className ? `icon ${className}` : 'icon'}
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
      {icon.map(([tag, attrs], i) => h(tag, { key: i, ...attrs }))}
    </svg>
  );
}
