/** Types of nginx.mjs, for the sub-path end-to-end test. */
export function findNginx(): string | null;
export function ensureNginx(): string;
