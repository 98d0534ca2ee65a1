#!/usr/bin/env bash
# Builds the native library, checker and tests into build/, and the
# WebAssembly module into web/gen/ (through build-wasm/). Each configure step
# runs only once; later builds are incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"

# Builds one build tree, leaving out CMake's progress lines. The build's
# own status decides; grep's (1 when every line was progress) does not.
build_tree() {
  if ! cmake --build "$1" --parallel "$jobs" | { grep -v -E '^\[ *[0-9]+%\]' || true; }; then
    echo "build: building $1 failed; see the messages above" >&2
    exit 1
  fi
}

if [ ! -f build/CMakeCache.txt ]; then
  echo "build: native library, checker and tests (a minute or two the first time)"
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
build_tree build

# The page's declarations (fields, schema, limits) come from the native
# build, so the WebAssembly module need not carry the code that makes them.
mkdir -p web/gen
build/segform_web_declarations > web/gen/declarations.mjs.new
mv web/gen/declarations.mjs.new web/gen/declarations.mjs

# em++ runs its JavaScript optimizer with /usr/bin/node, which finds
# Debian's acorn and terser in /usr/share/nodejs only through NODE_PATH.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
if [ ! -f build-wasm/CMakeCache.txt ]; then
  echo "build: WebAssembly module (a minute or two the first time)"
  # emcmake prints the configure command it runs on standard error; that
  # line is left out, and any other message is kept.
  emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release 2>&1 >/dev/null |
    { grep -v '^configure: ' >&2 || true; }
fi
# CMake tracks the module by its JavaScript file alone, so a deleted .wasm
# beside it would never be linked again.
if [ ! -f web/gen/segform.wasm ]; then
  rm -f web/gen/segform.mjs
fi
build_tree build-wasm

# The page's script (web/gen/app.js) and editor pane (web/gen/editor.js),
# bundled with esbuild, with the notices of the editor's packages in
# web/NOTICES.txt.
node scripts/bundle.mjs
