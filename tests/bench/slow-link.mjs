// A slow mobile link in front of the preview server, for the first visit of the weak-device benchmark: every request
// waits the link's latency, and every byte shares the link's bandwidth. It sits between the browser and the server
// rather than in the page's DevTools, so the service worker's own downloads (its precache) are slowed as well.
import http from 'node:http';

/**
 * Lighthouse's DevTools throttling for mobile ("mobileSlow4G" in lighthouse/core/config/constants.js): 150 ms round
 * trip × 3.75 = 562.5 ms per request, 1.6 Mbit/s × 0.9 down.
 */
export const SLOW_4G = { requestLatencyMs: 562.5, downloadKbps: 1638.4 * 0.9 };

const SLICE = 8 * 1024;

/**
 * The cache headers of a real host (docs/DEPLOY.md): files with a hash in their name never change, so the browser keeps
 * them; everything else is asked again each time. `vite preview` itself says "no-cache" for all.
 */
export function cacheControl(path) {
  return /^\/assets\//.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Serves `work(url, link)` through a proxy on `port` to http://localhost:`targetPort`, with a real host's cache headers;
 * `link.slow = false` lifts the latency and the bandwidth limit.
 */
export async function withSlowLink(targetPort, port, work, profile = SLOW_4G) {
  const link = { slow: true, requests: 0, bytes: 0 };
  const bytesPerMs = (profile.downloadKbps * 1024) / 8 / 1000;
  let linkFreeAt = 0;
  const server = http.createServer((request, response) => {
    const started = Date.now();
    const upstream = http.request(
      { host: 'localhost', port: targetPort, path: request.url, method: request.method, headers: { ...request.headers, host: `localhost:${targetPort}` } },
      (answer) => {
        const chunks = [];
        answer.on('data', (chunk) => chunks.push(chunk));
        answer.on('end', async () => {
          const body = Buffer.concat(chunks);
          const headers = { ...answer.headers, 'content-length': String(body.length), 'cache-control': cacheControl(request.url ?? '/') };
          delete headers['transfer-encoding'];
          // `vite preview` varies every answer on Origin, which a static host does not: the service worker's downloads
          // (no Origin) would miss what the page's module scripts (with one) left in the browser's cache
          delete headers.vary;
          if (!link.slow) {
            response.writeHead(answer.statusCode ?? 502, headers).end(body);
            return;
          }
          link.requests += 1;
          link.inFlight = (link.inFlight ?? 0) + 1;
          link.maxInFlight = Math.max(link.maxInFlight ?? 0, link.inFlight);
          response.on('close', () => (link.inFlight -= 1));
          if (process.env.BENCH_VERBOSE) (link.paths ??= []).push(`${started - (link.firstAt ??= started)}:${request.url}`);
          link.bytes += body.length;
          await sleep(started + profile.requestLatencyMs - Date.now());
          response.writeHead(answer.statusCode ?? 502, headers);
          for (let offset = 0; offset < body.length; offset += SLICE) {
            const slice = body.subarray(offset, offset + SLICE);
            linkFreeAt = Math.max(Date.now(), linkFreeAt) + slice.length / bytesPerMs;
            await sleep(linkFreeAt - Date.now());
            response.write(slice);
          }
          response.end();
        });
      },
    );
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(port, 'localhost', resolve));
  try {
    return await work(`http://localhost:${port}/`, link);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
