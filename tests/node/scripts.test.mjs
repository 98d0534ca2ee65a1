// The build and fuzz scripts fail when their build step fails. Each is run
// with a stand-in for cmake that fails, first on the PATH, so no file of
// the real build is touched.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fakeBin = mkdtempSync(path.join(tmpdir(), 'segform-fake-cmake-'));
after(() => rmSync(fakeBin, { recursive: true, force: true }));
writeFileSync(
  path.join(fakeBin, 'cmake'),
  '#!/bin/sh\necho "[ 50%] Building"\necho "fake.cc:1: error: stand-in failure"\nexit 2\n',
);
chmodSync(path.join(fakeBin, 'cmake'), 0o755);

function runWithFailingCmake(script, ...args) {
  return spawnSync('bash', [script, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${fakeBin}:${process.env.PATH}` },
    timeout: 60_000,
  });
}

test('build fails when cmake fails', () => {
  const run = runWithFailingCmake('scripts/build.sh');
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /stand-in failure/);
  assert.match(
    run.stderr,
    /^build: building build failed; see the messages above$/m,
  );
});

test('fuzz fails when its build fails', () => {
  const run = runWithFailingCmake('scripts/fuzz.sh', '1');
  assert.notEqual(run.status, 0, run.stdout);
  assert.doesNotMatch(run.stdout, /without a crash/);
});

// Debian 12's own nodejs package is Node 18, which cannot run the module's
// JavaScript. Setup stops with that message.
test('setup stops on Node before 20', () => {
  const oldNode = mkdtempSync(path.join(tmpdir(), 'segform-old-node-'));
  try {
    writeFileSync(
      path.join(oldNode, 'node'),
      '#!/bin/sh\nif [ "$1" = "-p" ]; then echo 18; else echo v18.20.4; fi\n',
    );
    chmodSync(path.join(oldNode, 'node'), 0o755);
    const run = spawnSync('bash', ['scripts/setup.sh'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${oldNode}:${process.env.PATH}` },
      timeout: 60_000,
    });
    assert.equal(run.status, 1, run.stdout);
    assert.match(run.stderr, /needs Node 20 or later, and node is v18\.20\.4/);
  } finally {
    rmSync(oldNode, { recursive: true, force: true });
  }
});
