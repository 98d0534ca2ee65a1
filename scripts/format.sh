#!/usr/bin/env bash
# Formats the sources by the committed settings: C++ with clang-format
# (.clang-format: Google style, 80 columns), and JavaScript, CSS and HTML
# with prettier (.prettierrc.json: 80 columns, single quotes; the files it
# leaves alone are in .prettierignore). tests/node/format.test.mjs fails
# when a file is not formatted this way.
#   bash scripts/format.sh
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files -z 'cpp/*.cc' 'cpp/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc' |
  xargs -0 clang-format -i
git ls-files -z '*.js' '*.mjs' '*.css' '*.html' |
  xargs -0 node_modules/.bin/prettier --write --log-level warn
