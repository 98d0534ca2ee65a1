// The sources are formatted as scripts/format.sh formats them, so that the
// committed .clang-format and .prettierrc.json are the layout in force, not
// a convention.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function trackedFiles(patterns) {
  return execFileSync('git', ['ls-files', ...patterns], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
}

test('C++ sources are formatted', () => {
  const files = trackedFiles([
    'cpp/*.cc',
    'cpp/*.h',
    'tests/*.cc',
    'tests/*.h',
    'bench/*.cc',
  ]);
  assert.ok(files.length > 30, `only ${files.length} files listed`);
  const run = spawnSync('clang-format', ['--dry-run', '--Werror', ...files], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(
    run.status,
    0,
    `run bash scripts/format.sh; clang-format reported:\n${run.stderr.slice(0, 2000)}`,
  );
});

test('JavaScript, CSS and HTML are formatted', () => {
  const files = trackedFiles(['*.js', '*.mjs', '*.css', '*.html']);
  assert.ok(files.length > 40, `only ${files.length} files listed`);
  const run = spawnSync(
    'node_modules/.bin/prettier',
    ['--check', '--log-level', 'warn', ...files],
    { cwd: root, encoding: 'utf8' },
  );
  assert.equal(
    run.status,
    0,
    `run bash scripts/format.sh; prettier reported:\n${run.stderr.slice(0, 2000)}`,
  );
});
