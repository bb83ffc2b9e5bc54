/** Types of content-security-policy.mjs, for vite.config.ts and the tests. */
type Env = Record<string, string | undefined>;
export function connectSources(env?: Env): string[];
export function styleHashes(html: string): string[];
export function contentSecurityPolicy(html: string, options?: { header?: boolean; env?: Env }): string;
export function policyOfPage(html: string): string | null;
export function staticHostPolicy(env?: Env): string;
