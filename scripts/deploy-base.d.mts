/** Types of deploy-base.mjs, for vite.config.ts and the tests. */
export class DeployBaseError extends Error {}
export function deployBase(env?: Record<string, string | undefined>): string;
