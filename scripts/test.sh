#!/usr/bin/env bash
# Runs the three test layers: GoogleTest through CTest (library and checker),
# Node's test runner against the WebAssembly module, and the same runner
# driving Chromium against the served page. Expects scripts/build.sh to have
# run. Ends with one line counting every test of the three layers.
set -uo pipefail
cd "$(dirname "$0")/.."

ctest_log="$(mktemp)"
node_log="$(mktemp)"
trap 'rm -f "$ctest_log" "$node_log"' EXIT

echo "== C++ library and checker (GoogleTest)"
# CTest prints a line per test; show its summary, or all of it on failure.
ctest --test-dir build --output-on-failure --parallel "$(nproc)" >"$ctest_log" 2>&1
ctest_status=$?
if [ "$ctest_status" -ne 0 ]; then cat "$ctest_log"; else tail -n 3 "$ctest_log"; fi

echo "== WebAssembly module and differential test under Node, the page in Chromium"
node --test --test-reporter=spec tests/node/ tests/differential/ tests/browser/ 2>&1 | tee "$node_log"
node_status=${PIPESTATUS[0]}

# "100% tests passed, 0 tests failed out of 242" and "ℹ pass 240".
ctest_total=$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' "$ctest_log" | tail -n 1)
ctest_failed=$(sed -n 's/.* \([0-9]*\) tests failed out of.*/\1/p' "$ctest_log" | tail -n 1)
node_passed=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$node_log" | tail -n 1)
node_failed=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$node_log" | tail -n 1)
passed=$(( ${ctest_total:-0} - ${ctest_failed:-0} + ${node_passed:-0} ))
failed=$(( ${ctest_failed:-0} + ${node_failed:-0} ))
if [ "$ctest_status" -ne 0 ] || [ "$node_status" -ne 0 ]; then
  # A layer that failed without counting (a crash, a build error) still fails.
  [ "$failed" -gt 0 ] || failed=1
fi
echo
echo "segform: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
