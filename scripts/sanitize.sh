#!/usr/bin/env bash
# Sanitizer builds and their tests; .ci/run runs this after scripts/test.sh.
#
#   scripts/sanitize.sh [asan] [tsan]      (default: both)
#
# asan  clang with AddressSanitizer + UndefinedBehaviorSanitizer (no recovery: the first
#       report fails the test) in build-asan/, then ctest there: the labels unit, golden, cli,
#       hostile (the fuzz replays and the limits included), lift, notebook, syntax, threads.
#       Left out: known-failure; hostile-size (a 50 MB file under ASan is minutes and gigabytes:
#       the normal build runs it); oracle, lift-corpus and the CPython-heavy runs
#       (lift.equivalence.*, hostile.lift_meaning.*, golden.verify_against_cpython), whose time
#       goes to CPython, not to asynclift, and whose asynclift side the other tests cover.
# tsan  clang with ThreadSanitizer in build-tsan/, only the library, the CLI and the threads
#       tests: ctest -L threads, then `asynclift check --jobs 4` over the test fixtures.
#
# ASYNCLIFT_SANITIZE_JOBS: parallel test jobs (default 2).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jobs="${ASYNCLIFT_SANITIZE_JOBS:-2}"
steps=("$@")
if [ ${#steps[@]} -eq 0 ]; then steps=(asan tsan); fi

# -O1 -g without NDEBUG: readable reports, and the library's assertions stay on.
configure() {
  local dir="$1" flags="$2"
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="$flags" -DCMAKE_SHARED_LINKER_FLAGS="$flags" \
    -DASYNCLIFT_BUILD_REPL=OFF -DASYNCLIFT_BUILD_BENCHMARKS=OFF -DASYNCLIFT_BUILD_EXAMPLES=OFF \
    -DASYNCLIFT_BUILD_FUZZERS=OFF -DCMAKE_PROJECT_INCLUDE="$root/scripts/sanitize.cmake"
}

# Each step runs in a subshell: a failing one does not stop the next; the status says.
failed=()
for step in "${steps[@]}"; do
  start=$SECONDS
  (
  set -euo pipefail
  case "$step" in
    asan)
      echo "=== ASan + UBSan: build-asan"
      # UBSan's vptr and function checks need its C++ runtime in every program, and
      # tests/packaging links the library into a C program: those two are left to fuzz/.
      configure build-asan "-fsanitize=address,undefined -fno-sanitize=vptr,function -fno-sanitize-recover=all -fno-omit-frame-pointer"
      cmake --build build-asan
      export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1"
      export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
      ctest --test-dir build-asan -j "$jobs" --output-on-failure \
        -L '^(unit|golden|cli|hostile|lift|notebook|syntax|threads)$' \
        -LE '^(known-failure|hostile-size|oracle|lift-corpus)$' \
        -E '^(lift\.equivalence\.|hostile\.lift_meaning\.|golden\.verify_against_cpython$)'
      ;;
    tsan)
      echo "=== TSan: build-tsan"
      configure build-tsan "-fsanitize=thread -fno-omit-frame-pointer"
      cmake --build build-tsan --target asynclift_cli hostile_threads_tests
      export TSAN_OPTIONS="halt_on_error=1:exitcode=66:second_deadlock_stack=1"
      ctest --test-dir build-tsan -j "$jobs" --output-on-failure -L '^threads$'
      # The CLI's parallel path over the fixtures (errors and undecodable files among them:
      # exit 2), compared with a serial run; a race report exits 66.
      inputs=(tests/fixtures tests/lift/programs tests/notebook/fixtures examples)
      for n in 1 4; do
        status=0
        build-tsan/cli/asynclift check --jobs "$n" --format concise "${inputs[@]}" \
          > "build-tsan/jobs-$n.txt" 2>&1 || status=$?
        if [ "$status" -ne 2 ]; then
          echo "asynclift check --jobs $n under TSan: exit $status, 2 expected" >&2
          cat "build-tsan/jobs-$n.txt" >&2
          exit 1
        fi
      done
      diff build-tsan/jobs-1.txt build-tsan/jobs-4.txt
      echo "asynclift check --jobs 4 under TSan: no report"
      ;;
    *)
      echo "usage: scripts/sanitize.sh [asan] [tsan]" >&2
      exit 2
      ;;
  esac
  ) || failed+=("$step")
  echo "=== $step done after $((SECONDS - start)) s"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "=== sanitizer steps failed: ${failed[*]}" >&2
  exit 1
fi
