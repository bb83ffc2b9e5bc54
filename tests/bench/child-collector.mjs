// What the collector benchmarks share about the collector they start as a child process.
import { createServer } from 'node:net';

/** A TCP port free on the loopback now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Resolves once the collector answers GET /healthz; rejects when it exits or is killed by a signal first (a collector
 * out of memory dies on SIGABRT: `exitCode` stays null then), or after `timeoutMs`.
 */
export async function waitForHealth(url, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`collector exited (${child.exitCode ?? child.signalCode})`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`collector not healthy after ${timeoutMs / 1000} s`);
}
