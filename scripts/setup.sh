#!/usr/bin/env bash
# Installs what segform needs and is missing: Debian packages (compilers,
# Emscripten, nlohmann/json, GoogleTest, Chromium) and the npm packages of
# package-lock.json. Does nothing, quickly, when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
need_command() {  # need_command COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 || missing+=("$2")
}
need_file() {  # need_file PATH PACKAGE
  [ -e "$1" ] || missing+=("$2")
}

need_command cmake cmake
need_command g++ g++
need_command make make
need_command em++ emscripten
need_file /usr/include/nlohmann/json.hpp nlohmann-json3-dev
need_file /usr/include/gtest/gtest.h libgtest-dev
need_file /usr/include/benchmark/benchmark.h libbenchmark-dev
need_command valgrind valgrind
# The locale sources, from which a test builds a comma-decimal locale.
need_file /usr/share/i18n/locales/de_DE locales
need_file /usr/bin/chromium chromium
# Google's protobuf for Python, a reference parser of the differential test.
need_file /usr/lib/python3/dist-packages/google/protobuf/json_format.py python3-protobuf
need_command node nodejs
# clang with its sanitizer and libFuzzer runtimes, for scripts/fuzz.sh.
need_command clang++ clang
need_file /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a libclang-rt-14-dev
# The C++ layout, which scripts/format.sh applies and a test checks.
need_command clang-format clang-format

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Debian 12's own nodejs package is Node 18, which lacks what the page's
# module uses (String.prototype.isWellFormed, for one). It installs only
# when there is no node at all; an older one is reported, not replaced.
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "setup: segform needs Node 20 or later, and node is $(node --version)." >&2
  echo "setup: install Node 20 (https://nodejs.org/en/download) and run this again." >&2
  exit 1
fi

# npm ci when node_modules is missing or older than the lock file. npm
# writes node_modules/.package-lock.json on every install.
if [ ! -f node_modules/.package-lock.json ] ||
   [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi
