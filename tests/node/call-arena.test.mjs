// The call arena's checks that need Emscripten's libc (see
// tests/wasm/call_arena_checks.cc), run in the WebAssembly build that
// scripts/build.sh makes beside the module.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import createChecks from '../../build-wasm/segform_call_arena_checks.mjs';

const checks = await createChecks({
  wasmBinary: readFileSync(
    new URL('../../build-wasm/segform_call_arena_checks.wasm', import.meta.url),
  ),
});

for (const [name, description] of [
  ['CheckRegionAlignment', 'blocks in the region keep the default alignment'],
  ['CheckSmallAlignment', 'an alignment below the pointer size is served'],
  ['CheckAlignedOddSize', 'an aligned block of an odd size is served'],
  ['CheckNothrowTooLarge', 'nothrow new returns null for a size too large'],
]) {
  test(`call arena in wasm: ${description}`, () => {
    assert.equal(checks[`_${name}`](), 1);
  });
}
