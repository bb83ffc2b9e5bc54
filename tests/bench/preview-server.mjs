// Starts `vite preview` on dist/ for a benchmark, and stops it (the whole process group) afterwards.
import { spawn } from 'node:child_process';

export async function withPreviewServer(port, work) {
  const url = `http://localhost:${port}/`;
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort'], {
    detached: true,
    stdio: 'ignore',
  });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(url)).ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error(`preview server not up at ${url} after 60 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return await work(url);
  } finally {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
