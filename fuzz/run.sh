#!/usr/bin/env bash
# Run one fuzz target for a set time on its corpus (fuzz/README.md).
#
#   fuzz/run.sh TARGET SECONDS [extra libFuzzer flags...]
#        TARGET: analyse | lift | notebook | document
#
# Environment: ASYNCLIFT_FUZZ_BUILD (default: build-fuzz), ASYNCLIFT_FUZZ_JOBS (default: 1
# process). The corpus lives in $ASYNCLIFT_FUZZ_BUILD/corpus/TARGET (made by make_corpus.py on
# first use, grown by libFuzzer), crashes and slow inputs in $ASYNCLIFT_FUZZ_BUILD/artifacts/TARGET/.
# The last line of the log has the executions reached ("Done N runs in S second(s)").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags]}"
seconds="${2:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags]}"
shift 2
build="${ASYNCLIFT_FUZZ_BUILD:-$root/build-fuzz}"
binary="$build/fuzz/fuzz_$target"
if [ ! -x "$binary" ]; then
  echo "no $binary: build it first (fuzz/README.md)" >&2
  exit 2
fi
corpus="$build/corpus/$target"
if [ ! -d "$corpus" ]; then
  python3 "$root/fuzz/make_corpus.py" "$build/corpus"
fi
artifacts="$build/artifacts/$target"
mkdir -p "$artifacts"
dict="$root/fuzz/python.dict"
if [ "$target" = notebook ]; then dict="$root/fuzz/notebook.dict"; fi

# More than one job: libFuzzer forks workers that log to fuzz-N.log in the current folder,
# so run them in the artifacts folder. One job runs in this process and logs here.
jobs=()
if [ "${ASYNCLIFT_FUZZ_JOBS:-1}" -gt 1 ]; then
  jobs=(-jobs="$ASYNCLIFT_FUZZ_JOBS" -workers="$ASYNCLIFT_FUZZ_JOBS")
  cd "$artifacts"
fi

# -timeout: one input taking longer is a hang (a finding); -rss_limit_mb: a memory blow-up is
# a finding; -max_len: larger inputs only slow the search (size limits have tests of their own).
exec "$binary" "$corpus" \
  -dict="$dict" \
  -max_total_time="$seconds" \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -max_len=16384 \
  -print_final_stats=1 \
  -artifact_prefix="$artifacts/" \
  "${jobs[@]}" "$@"
