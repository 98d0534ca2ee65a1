// The local server behind `npm start`: address, PORT, content types and
// headers the page relies on.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { test } from 'node:test';

import { repoRoot } from './helpers.mjs';

/** Starts scripts/serve.mjs with PORT=0 and resolves with its address. */
async function startServeScript() {
  const child = spawn(process.execPath, ['scripts/serve.mjs'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  for await (const chunk of child.stdout) {
    output += chunk;
    const match = output.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (match) return { child, url: match[0] };
  }
  throw new Error(`serve.mjs printed no address: ${output}`);
}

/** Sends a GET with the path exactly as given (no URL normalization). */
function get(url, path) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method: 'GET' }, (response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode,
          headers: response.headers,
          body,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

test(
  'serve script prints its address and serves the page',
  { timeout: 30000 },
  async () => {
    const { child, url } = await startServeScript();
    try {
      const page = await get(url, '/');
      assert.equal(page.status, 200);
      assert.match(page.headers['content-type'], /^text\/html/);
      assert.match(
        page.headers['content-security-policy'],
        /script-src 'self' 'wasm-unsafe-eval'/,
      );

      const wasm = await get(url, '/gen/segform.wasm');
      assert.equal(wasm.status, 200);
      assert.equal(wasm.headers['content-type'], 'application/wasm');

      const outside = await get(url, '/../package.json');
      assert.equal(outside.status, 404);
      const encoded = await get(url, '/%2e%2e/package.json');
      assert.equal(encoded.status, 404);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  },
);

test('PORT takes decimal digits only', { timeout: 30000 }, async () => {
  for (const port of ['0x4650', '1e3', ' 80', '65536', 'abc']) {
    const child = spawn(process.execPath, ['scripts/serve.mjs'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: port },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      errors += chunk;
    });
    const [code] = await once(child, 'exit');
    assert.equal(code, 2, `PORT=${port}`);
    assert.match(errors, /PORT must be a port number/);
  }
});
