#!/usr/bin/env bash
# Build what changed, then run the test suite through ctest (README, second command).
#
#   scripts/test.sh                 the default selection (what CI runs)
#   scripts/test.sh -L unit         extra arguments go to ctest (-L/-LE/-R take regexes)
#
# The default selection is everything except the label `known-failure` (tests that show a bug
# in asynclift, kept until it is fixed). Run those with: ctest --test-dir build -L known-failure
#
# Environment: ASYNCLIFT_BUILD_DIR (default: build), ASYNCLIFT_TEST_JOBS (default: 2).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build_dir="${ASYNCLIFT_BUILD_DIR:-build}"
jobs="${ASYNCLIFT_TEST_JOBS:-2}"

if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${ASYNCLIFT_BUILD_TYPE:-Release}"
fi
cmake --build "$build_dir"

exec ctest --test-dir "$build_dir" -j "$jobs" --output-on-failure \
  -LE '^known-failure$' "$@"
