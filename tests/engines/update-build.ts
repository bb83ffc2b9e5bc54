// The "new version" the update check deploys: the same app built again with another REPERE_BUILD_ID (shown in the
// footer), into a folder of its own in /tmp, never dist/ (another run may be reading it). Built once per run, at the
// first check that asks for it; the update check serves it on the origin of the first build, as a deployment would.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface UpdateBuild {
  readonly outDir: string;
  readonly buildId: string;
}

/** Past this the build fails the check that asked for it, with what vite said (2 shared CPUs: ~5 s, 60 s when busy). */
const BUILD_TIMEOUT_MS = 180_000;

function build(): Promise<UpdateBuild> {
  const outDir = mkdtempSync(join(tmpdir(), 'repere-engines-update-'));
  const buildId = `engines-update-${Date.now()}`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      env: { ...process.env, REPERE_BUILD_ID: buildId },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && existsSync(join(outDir, 'index.html'))) resolve({ outDir, buildId });
      else {
        rmSync(outDir, { recursive: true, force: true });
        reject(new Error(`the update build failed (${signal ?? `exit ${code}`}${signal ? `, after ${BUILD_TIMEOUT_MS / 1000} s` : ''}): ${output.trim()}`));
      }
    });
  });
}

let built: Promise<UpdateBuild> | null = null;

/** The update build, made at the first call of the run. */
export function updateBuild(): Promise<UpdateBuild> {
  built ??= build();
  return built;
}

/** Removes the update build, if one was made (at the end of the run). */
export async function removeUpdateBuild(): Promise<void> {
  if (!built) return;
  const made = await built.catch(() => null);
  if (made) rmSync(made.outDir, { recursive: true, force: true });
}
