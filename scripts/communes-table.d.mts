/** Types of communes-table.mjs, for the tests that read the real table. */
export const DEFAULT_DEPARTEMENTS: string[];
export function departementsToServe(options?: { env?: Record<string, string | undefined>; datasetPath?: string }): string[];
export function communesTable(departements: readonly string[]): Array<[string, string, string, string]>;
