import { sha256, type TokenEntry } from './load-config';

export type Authentication =
  | { readonly ok: true; readonly label: string }
  | { readonly ok: false; readonly reason: 'missing-token' | 'unknown-token' | 'revoked-token' };

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Returns the check of an `Authorization` header against the enrollment tokens. Tokens are looked up by their SHA-256:
 * the plain token is never kept, and timing tells nothing about a token since the lookup key is its hash.
 */
export function authenticateToken(tokens: readonly TokenEntry[]): (header: string | undefined) => Authentication {
  const byHash = new Map(tokens.map((token) => [token.sha256, token]));
  return (header) => {
    const match = header === undefined ? null : BEARER.exec(header);
    if (!match) return { ok: false, reason: 'missing-token' };
    const entry = byHash.get(sha256(match[1]!));
    if (!entry) return { ok: false, reason: 'unknown-token' };
    if (entry.revoked) return { ok: false, reason: 'revoked-token' };
    return { ok: true, label: entry.label };
  };
}
