#!/usr/bin/env bash
# Formats the C++ sources with clang-format, by the committed .clang-format
# (Google style, 80 columns). tests/node/format.test.mjs fails when a file
# is not formatted this way.
#   bash scripts/format.sh
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files -z 'cpp/*.cc' 'cpp/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc' |
  xargs -0 clang-format -i
