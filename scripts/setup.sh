#!/usr/bin/env bash
# Install what is missing, configure, build, and show asynclift on examples/.
#
#   scripts/setup.sh            (README, first command; safe to run again: it only installs
#                                what is missing and rebuilds what changed)
#
# Environment: ASYNCLIFT_BUILD_DIR (default: build), ASYNCLIFT_BUILD_TYPE (default: Release).
# Needs root or sudo only when a Debian package is missing (Debian 12 / bookworm).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build_dir="${ASYNCLIFT_BUILD_DIR:-build}"
build_type="${ASYNCLIFT_BUILD_TYPE:-Release}"

say() { printf '\n== %s\n' "$*"; }

# --- 1. Debian packages --------------------------------------------------------------------
say "packages (scripts/apt-packages.txt)"
mapfile -t wanted < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' scripts/apt-packages.txt | awk '{print $1}')
missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$pkg")
  fi
done
# npm fetches the pinned tree-sitter sources (grammars/package-lock.json). Any npm on PATH will
# do: NodeSource's nodejs package ships its own npm and conflicts with Debian's `npm`, so the
# Debian package is installed only when there is no npm at all.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "all ${#wanted[@]} packages and npm are installed"
fi

# --- 2. the CPython interpreters the differential tests compare against ------------------
# They come from pyenv (~/.pyenv/versions/3.X.N) and are not installed here: a missing one
# makes its oracle tests report "skipped" (exit 77), never "passed".
say "CPython interpreters for the differential tests"
python3 - <<'PY'
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, "tests/oracle")
from run_oracle import ALL_VERSIONS, find_python
for v in ALL_VERSIONS:
    path, why = find_python(v)
    print("  CPython %-5s %s" % (v, path or "MISSING (%s): its oracle tests will be skipped" % why))
PY

# --- 3. configure and build ------------------------------------------------------------------
say "configure ($build_type, Ninja) into $build_dir/"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type"
say "build"
cmake --build "$build_dir"

# --- 4. the demo -----------------------------------------------------------------------------
# Two of the examples contain errors on purpose, so `asynclift check` exits 1 ("findings").
# That is the expected outcome here; a crash, a usage error (2) or an unexpected 0 is not.
say "asynclift check examples/"
status=0
"$build_dir/cli/asynclift" check examples/ || status=$?
case "$status" in
  1) echo "(exit 1: the examples with errors were reported, as expected)" ;;
  0) echo "warning: exit 0, but examples/nonlocal_mistake.py and examples/await_in_sync_function.py" \
          "contain errors" >&2 ;;
  *) echo "error: asynclift check exited with status $status" >&2; exit "$status" ;;
esac
echo
echo "Built: $build_dir/cli/asynclift. Run the tests with scripts/test.sh"
