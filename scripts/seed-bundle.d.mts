/** Types of seed-bundle.mjs, for the e2e tests. */
export function seedBundle(): Promise<string>;
