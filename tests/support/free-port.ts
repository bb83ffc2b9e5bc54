import { createServer } from 'node:net';

/**
 * A port nobody listens on, found by listening on port 0; never one of 4173-4179, which `npm start`, the e2e server
 * and the benchmarks use.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port && (port < 4173 || port > 4179)) return port;
  }
}
