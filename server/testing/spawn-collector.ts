import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildCollector {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout (its JSON logs) so far. */
  logs(): string;
  /** Everything it wrote to stderr so far (warnings said in plain lines). */
  errors(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

/**
 * Test helper: `server/main.ts` in a process of its own, as `npm run collector` runs it (Node with tsx's loader, so
 * that a signal reaches the server itself and not a wrapper), on a free port; resolves once it listens.
 */
export function spawnCollector(env: Readonly<Record<string, string>>): Promise<ChildCollector> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close', not 'exit': by then everything it wrote has been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collector not listening after 30 s: ${stderr}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (listening) {
        clearTimeout(timer);
        resolve({ url: listening[1]!, child, logs: () => stdout, errors: () => stderr, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`collector exited (${code}) before listening: ${stderr}`));
    });
  });
}
