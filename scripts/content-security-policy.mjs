// The Content-Security-Policy the app runs under (issue: hostile data). Built at build time because the inlined style
// sheet is allowed by its hash; written into index.html as a <meta> (any static host carries it) and sent as a header
// by `vite preview` with `frame-ancestors`, which a <meta> cannot hold. docs/PRIVACY.md and docs/ARCHITECTURE.md say why.
import { createHash } from 'node:crypto';

/**
 * Where the app may connect: itself, plus REPERE_CONNECT_SRC (space-separated origins: the collector and the places
 * source an administrator deploys) when set. Without it, any https origin and this machine over http, since a mediator
 * types the collector and places addresses on the device (settings accept https, and http only to this machine).
 */
export function connectSources(env = process.env) {
  const configured = (env.REPERE_CONNECT_SRC ?? '').split(/\s+/).filter(Boolean);
  for (const origin of configured) {
    if (/^https?:\/\/[^/\s;,']+$/.test(origin)) continue;
    // A collector reached under a path (https://region.fr/collecteur/) is allowed by its origin: the path is not part of it.
    const withPath = /^(https?:\/\/[^/\s;,']+)\/[^\s;,']*$/.exec(origin);
    const hint = withPath ? `: write its origin alone, ${withPath[1]} (the path is allowed with it)` : '';
    throw new Error(`REPERE_CONNECT_SRC: "${origin}" is not an origin (scheme://host[:port])${hint}`);
  }
  return configured.length > 0 ? configured : ['https:', 'http://localhost:*', 'http://127.0.0.1:*'];
}

/** sha256 source expressions for the inline style sheets of a page. */
export function styleHashes(html) {
  return [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    ([, css]) => `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`,
  );
}

/** The policy for a page: no inline script, no plugin, no <base>, no form posting elsewhere, no framing. */
export function contentSecurityPolicy(html, { header = false, env = process.env } = {}) {
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' ${styleHashes(html).join(' ')}`.trim(),
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${connectSources(env).join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-src 'none'",
  ];
  // Only a header can forbid framing (a <meta> policy ignores frame-ancestors and says so in the console).
  if (header) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}

/** The policy a built index.html carries in its <meta>, for the server to send the same one as a header. */
export function policyOfPage(html) {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? null;
}

/**
 * The header a static host sends (deploy/nginx/repere.conf, docs/DEPLOY.md): the same policy without its style-src and
 * default-src, so that it holds for every build. The style hash changes with each build and stays in the page's
 * <meta>; a browser enforces both policies, so inline style is still allowed only by that hash, and the header adds
 * what a <meta> cannot say (frame-ancestors) and covers the service worker's script too.
 */
export function staticHostPolicy(env = process.env) {
  return contentSecurityPolicy('', { header: true, env })
    .split('; ')
    .filter((directive) => !/^(default-src|style-src)\b/.test(directive))
    .join('; ');
}
