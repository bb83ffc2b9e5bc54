/** The Repère mark: a signpost. Decorative, the name is always written beside it. */
export function Logo({ size = 72 }: { readonly size?: number }) {
  return (
    <svg class="logo" width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#1a4d8f" />
      <path d="M30 12h4v42h-4z" fill="#fff" />
      <path d="M16 18h26l6 5-6 5H16z" fill="#ffd166" />
      <path d="M48 32H22l-6 5 6 5h26z" fill="#fff" />
    </svg>
  );
}
