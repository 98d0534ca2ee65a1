#!/usr/bin/env bash
# Runs every test: GoogleTest through CTest (library and checker), the same
# tests built with ASan and UBSan, 30 seconds of libFuzzer, then Node's test
# runner against the WebAssembly module, the differential test, and Chromium
# driving the served page. Expects scripts/build.sh to have run. Ends with
# one line counting every test.
set -uo pipefail
cd "$(dirname "$0")/.."

ctest_log="$(mktemp)"
asan_log="$(mktemp)"
node_log="$(mktemp)"
trap 'rm -f "$ctest_log" "$asan_log" "$node_log"' EXIT

echo "== C++ library and checker (GoogleTest)"
# CTest prints a line per test; show its summary, or all of it on failure.
ctest --test-dir build --output-on-failure --parallel "$(nproc)" >"$ctest_log" 2>&1
ctest_status=$?
if [ "$ctest_status" -ne 0 ]; then cat "$ctest_log"; else tail -n 3 "$ctest_log"; fi

echo "== The same C++ tests under AddressSanitizer and UndefinedBehaviorSanitizer"
if [ ! -f build-asan/CMakeCache.txt ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEGFORM_SANITIZE=ON >/dev/null
fi
asan_status=0
if ! cmake --build build-asan --parallel "$(nproc)" >"$asan_log" 2>&1 ||
   ! ctest --test-dir build-asan --output-on-failure --parallel "$(nproc)" >>"$asan_log" 2>&1; then
  cat "$asan_log"
  asan_status=1
else
  tail -n 3 "$asan_log"
fi

echo "== libFuzzer over the text-to-findings path, 30 seconds"
fuzz_status=0
bash scripts/fuzz.sh 30 || fuzz_status=1

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
# The sanitized tests count as one more check each, and the fuzz run as one.
asan_total=$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' "$asan_log" | tail -n 1)
asan_failed=$(sed -n 's/.* \([0-9]*\) tests failed out of.*/\1/p' "$asan_log" | tail -n 1)
passed=$(( passed + ${asan_total:-0} - ${asan_failed:-0} + (fuzz_status == 0 ? 1 : 0) ))
failed=$(( failed + ${asan_failed:-0} + fuzz_status ))
if [ "$ctest_status" -ne 0 ] || [ "$node_status" -ne 0 ] || [ "$asan_status" -ne 0 ]; then
  # A layer that failed without counting (a crash, a build error) still fails.
  [ "$failed" -gt 0 ] || failed=1
fi
echo
echo "segform: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
