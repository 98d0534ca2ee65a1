// The C++ sources are formatted as scripts/format.sh formats them, so that
// the committed .clang-format is the layout in force, not a convention.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('C++ sources are formatted', () => {
  const files = execFileSync('git',
    ['ls-files', 'cpp/*.cc', 'cpp/*.h', 'tests/*.cc', 'tests/*.h', 'bench/*.cc'],
    { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  assert.ok(files.length > 30, `only ${files.length} files listed`);
  const run = spawnSync('clang-format', ['--dry-run', '--Werror', ...files],
    { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0,
    `run bash scripts/format.sh; clang-format reported:\n${run.stderr.slice(0, 2000)}`);
});
