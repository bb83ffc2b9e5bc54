import { h, type FunctionComponent } from 'preact';

/**
 * A component drawn again only when one of its props changed (shallow comparison), as `memo` in preact/compat, without
 * loading compat (and its hooks into every render) on the first screen. Context changes (the language) still reach it.
 */
export function pure<P extends object>(component: FunctionComponent<P>): FunctionComponent<P> {
  function Pure(this: { props: P; shouldComponentUpdate?: (next: P) => boolean }, props: P) {
    this.shouldComponentUpdate = (next: P) => changed(this.props, next);
    return h(component, props);
  }
  Pure.displayName = `Pure(${component.displayName ?? component.name})`;
  return Pure as FunctionComponent<P>;
}

function changed(before: object, after: object): boolean {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const key in a) if (key !== '__source' && !(key in b)) return true;
  for (const key in b) if (key !== '__source' && a[key] !== b[key]) return true;
  return false;
}
