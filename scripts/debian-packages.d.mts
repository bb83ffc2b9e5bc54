/** Types of debian-packages.mjs, for the engine runs (tests/engines) and the unit tests. */
export function isDebian(): boolean;
export const canInstallDebianPackages: () => boolean;
export function run(command: string, args: string[]): boolean;
export const APT_TIMEOUT_MS: number;
export function installDebianPackagesOrSay(
  packages: string[],
  options?: { aptGet?: string; timeoutMs?: number },
): { ok: true } | { ok: false; reason: string };
export function installDebianPackages(packages: string[]): boolean;
