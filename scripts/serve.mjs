// Serves web/ on 127.0.0.1. `node scripts/serve.mjs` prints the address;
// PORT changes the port (default 8080, 0 picks a free one). Tests import
// startServer() to run the page on a port of their own.

import http from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

const webRoot = fileURLToPath(new URL('../web/', import.meta.url));

// The page needs nothing from other origins. 'wasm-unsafe-eval' lets it
// compile WebAssembly; nothing may run inline or be built with eval.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Starts the server and resolves with it once it listens.
 * @param {{port?: number, host?: string}} [options]
 * @returns {Promise<{server: http.Server, url: string}>}
 */
export function startServer({ port = 8080, host = '127.0.0.1' } = {}) {
  // dev: every request reads the file again, so a rebuild shows at once.
  const serveStatic = sirv(webRoot, { dev: true, etag: true });
  const server = http.createServer((request, response) => {
    response.setHeader('Content-Security-Policy', contentSecurityPolicy);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    serveStatic(request, response, () => {
      response.statusCode = 404;
      response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      response.end('Not found\n');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: boundPort } = server.address();
      resolve({ server, url: `http://${host}:${boundPort}/` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // An empty PORT is the default; anything but decimal digits is refused,
  // as Number() would read "0x4650" or "1e3".
  const text = process.env.PORT ?? '';
  const port = text === '' ? 8080 : /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `segform: PORT must be a port number, not '${process.env.PORT}'`,
    );
    process.exit(2);
  }
  startServer({ port })
    .then(({ url }) => {
      console.log(`segform is serving the page at ${url}`);
      console.log('Press Ctrl+C to stop.');
    })
    .catch((error) => {
      console.error(`segform: cannot listen on port ${port}: ${error.message}`);
      process.exit(1);
    });
}
