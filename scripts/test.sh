#!/usr/bin/env bash
# Runs the three test layers: GoogleTest through CTest (library and checker),
# Node's test runner against the WebAssembly module, and the same runner
# driving Chromium against the served page. Expects scripts/build.sh to have
# run.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== C++ library and checker (GoogleTest)"
# CTest prints a line per test; keep the log and show its summary, or all of
# it when a test fails.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! ctest --test-dir build --output-on-failure --parallel "$(nproc)" >"$log" 2>&1; then
  cat "$log"
  exit 1
fi
tail -n 3 "$log"

echo "== WebAssembly module under Node, and the page in Chromium"
node --test --test-reporter=spec tests/node/ tests/browser/
