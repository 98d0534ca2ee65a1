// The README's generated parts stay in step with the code: the field table
// comes from the C++ declarations, and the checker example is real output.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { loadSegform } from '../../web/segform.mjs';
import { renderFieldsTable } from '../../scripts/fields-table.mjs';
import { nativeCli, repoRoot } from './helpers.mjs';

const readme = readFileSync(`${repoRoot}README.md`, 'utf8');

test('README field table equals the one rendered from the declarations', async () => {
  const segform = await loadSegform();
  const match = readme.match(
    /<!-- fields:begin -->\n([\s\S]*?)\n<!-- fields:end -->/,
  );
  assert.ok(match, 'README has no fields:begin/fields:end block');
  assert.equal(match[1], renderFieldsTable(segform.inputs));
});

test('README checker example is what the checker prints', () => {
  const match = readme.match(
    /```text\n\$ build\/segform check (\S+)\n([\s\S]*?)```/,
  );
  assert.ok(match, 'README has no checker example');
  const [, file, expected] = match;
  let output = '';
  try {
    execFileSync(nativeCli, ['check', file], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
  } catch (error) {
    assert.equal(error.status, 1);
    output = error.stdout;
  }
  assert.equal(output, expected);
});
