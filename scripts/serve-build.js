/**
 * The web server for a built app: `node scripts/serve-build.js [build-dir]` (default `build`).
 *
 * Why not adapter-node's own `node build`: it serves files under static/ and /_app/immutable/
 * before SvelteKit's hooks run, so those answers lacked the security headers every page carries
 * (issue 15). This is the adapter's documented "custom server": the same `handler`, with the
 * headers set on every response first (a page or endpoint may still override them), and the same
 * graceful shutdown as `node build` (SIGTERM/SIGINT close the server, then
 * `sveltekit:shutdown` lets the hooks close Neo4j and Redis). Plain JavaScript, so it runs
 * without a TypeScript loader.
 */
import http from 'node:http';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { SECURITY_HEADERS } from '../src/lib/server/security-headers.js';

const dir = path.resolve(process.argv[2] ?? 'build');
const { handler } = await import(pathToFileURL(path.join(dir, 'handler.js')).href);

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT || 3000);
const shutdownTimeout = Number(process.env.SHUTDOWN_TIMEOUT || 30);

const server = http.createServer((req, res) => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  handler(req, res, () => {
    res.statusCode = 404;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end('Not found');
  });
});

server.listen(port, host, () => {
  console.log(`Listening on http://${host}:${port}`);
});

let shuttingDown = false;
/** @param {string} reason */
function shutdown(reason) {
  if (shuttingDown) return;
  shuttingDown = true;
  server.closeIdleConnections();
  server.close(() => {
    // @ts-expect-error a custom event, as adapter-node emits it
    process.emit('sveltekit:shutdown', reason);
  });
  setTimeout(() => server.closeAllConnections(), shutdownTimeout * 1000).unref();
}
server.on('request', (req) => {
  req.on('close', () => {
    if (shuttingDown) server.closeIdleConnections();
  });
});
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
