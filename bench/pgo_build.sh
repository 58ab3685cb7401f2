#!/bin/sh
# Builds asynclift with profile-guided optimisation of its tree-sitter objects
# (ASYNCLIFT_TS_PGO in grammars/CMakeLists.txt), in one build folder:
#
#   bench/pgo_build.sh BUILD_DIR [TRAINING_DIR] [extra cmake arguments...]
#
#  1. configure with ASYNCLIFT_TS_PGO=generate (and every link with -fprofile-generate), build
#     the benchmark binary;
#  2. parse every .py file under TRAINING_DIR with it (default: the test/ folder of the oldest
#     CPython pyenv knows, so that training and the benchmark corpora differ);
#  3. reconfigure with ASYNCLIFT_TS_PGO=use and build everything.
set -eu
build=${1:?usage: bench/pgo_build.sh BUILD_DIR [TRAINING_DIR] [cmake arguments...]}
shift
source_dir=$(cd "$(dirname "$0")/.." && pwd)
training=""
if [ $# -gt 0 ] && [ -d "$1" ]; then
  training=$1
  shift
fi
if [ -z "$training" ]; then
  for v in 3.8 3.9 3.10 3.11 3.12 3.13; do
    exe=$(command -v "python$v" 2>/dev/null || true)
    if command -v pyenv >/dev/null 2>&1; then
      p=$(pyenv versions --bare 2>/dev/null | grep -E "^$v\.[0-9]+$" | sort -V | tail -1 || true)
      [ -n "$p" ] && exe=$(pyenv prefix "$p")/bin/python$v
    fi
    if [ -n "$exe" ] && [ -x "$exe" ]; then
      training=$("$exe" -c "import sysconfig; print(sysconfig.get_paths()['stdlib'])")/test
      break
    fi
  done
fi
[ -d "$training" ] || { echo "no training folder (give one: bench/pgo_build.sh BUILD_DIR DIR)" >&2; exit 2; }
profiles="$(cd "$(dirname "$build")" && pwd)/$(basename "$build")/tree-sitter-pgo"
rm -rf "$profiles"

echo "== 1/3 instrumented build"
cmake -S "$source_dir" -B "$build" -G Ninja -DASYNCLIFT_TS_PGO=generate \
      -DASYNCLIFT_TS_PGO_DIR="$profiles" -DASYNCLIFT_BUILD_TESTS=OFF \
      -DASYNCLIFT_BUILD_BENCHMARKS=ON \
      -DCMAKE_EXE_LINKER_FLAGS=-fprofile-generate -DCMAKE_SHARED_LINKER_FLAGS=-fprofile-generate "$@"
cmake --build "$build" --target asynclift_bench

echo "== 2/3 training on $training"
"$build/bench/asynclift_bench" --rss_child="$training" --jobs=1 >/dev/null

echo "== 3/3 optimised build"
cmake -S "$source_dir" -B "$build" -DASYNCLIFT_TS_PGO=use -DASYNCLIFT_TS_PGO_DIR="$profiles" \
      -DCMAKE_EXE_LINKER_FLAGS= -DCMAKE_SHARED_LINKER_FLAGS= "$@"
cmake --build "$build"
echo "done: $build (tree-sitter profiles in $profiles)"
