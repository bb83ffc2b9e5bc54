// Serves a build with `vite preview` on a free port for the engine runs; stopping it is how the runs cut the network
// (nothing answers any more on that origin, so only the service worker can serve the app).
import { spawn, type ChildProcess } from 'node:child_process';

export { freePort } from '../support/free-port';

export interface PreviewServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts `vite preview --outDir <outDir>` on the port (the same port again keeps the origin, hence the storage). */
export async function startPreview(outDir: string, port: number): Promise<PreviewServer> {
  const url = `http://localhost:${port}/`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}): ${stderr.trim()}`);
    try {
      if ((await fetch(url)).ok) return { url, port, stop };
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`vite preview not up at ${url} after 30 s: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
