"""Lift output compiles: fuzz inputs lifted by asynclift, compiled by the matching CPython.

    python3 tests/hostile/lift_compiles.py --asynclift build/cli/asynclift DIR...
    python3 tests/hostile/lift_compiles.py --asynclift ... --pick N --into DIR CORPUS_DIR

Every file under DIR is read as fuzz/lift_fuzzer.cpp reads it: byte 0 modulo 6 is the target
version (3.8 ... 3.13), (byte 0 / 6) modulo 3 the mode, the rest the source. It is lifted with
`asynclift lift` (exit 0: lifted; 1: refused because the source has errors). Every lifted text
must then compile, as plain module code, under that CPython: the lift never emits code the
target version rejects. Versions whose CPython is missing are counted as skipped.

--pick copies N inputs of CORPUS_DIR (a libFuzzer corpus) that lift without error into --into,
spread over the versions: how tests/hostile/lift_sample/ was made from build-fuzz/corpus/lift.

Exit status: 0 every lift compiles; 1 one does not; 77 when no CPython is found at all.
"""

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "oracle"))
from run_oracle import find_python  # noqa: E402

MODES = ["exec", "interactive", "last-expr"]
COMPILE_ALL = r"""
import json, sys
for line in sys.stdin:
    path = json.loads(line)
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        compile(data, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as e:
        print(json.dumps([path, "%s: %s (line %s)" % (type(e).__name__, e.msg if hasattr(e, "msg") else e, getattr(e, "lineno", None))]))
"""


def inputs(dirs):
    for d in dirs:
        for root, _, files in os.walk(d):
            for name in sorted(files):
                if not name.startswith("."):
                    yield os.path.join(root, name)


def lift(asynclift, path, work):
    """(version, lifted file or None) for one fuzz input."""
    with open(path, "rb") as fh:
        data = fh.read()
    if not data:
        return None, None
    version = "3.%d" % (8 + data[0] % 6)
    mode = MODES[(data[0] // 6) % 3]
    src = os.path.join(work, "input.py")
    with open(src, "wb") as fh:
        fh.write(data[1:])
    out = os.path.join(work, "%d.py" % len(os.listdir(work)))
    proc = subprocess.run([asynclift, "lift", "--target-version", version, "--mode", mode, src,
                           "-o", out], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=60)
    if proc.returncode not in (0, 1, 2):
        raise SystemExit("asynclift lift crashed (status %d) on %s" % (proc.returncode, path))
    return version, (out if proc.returncode == 0 else None)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--asynclift", required=True)
    ap.add_argument("--pick", type=int)
    ap.add_argument("--into")
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args(argv)
    a = os.path.abspath(args.asynclift)
    with tempfile.TemporaryDirectory(prefix="asynclift-compiles-") as work:
        lifted = collections.defaultdict(list)  # version -> [(lifted file, input)]
        refused = 0
        per_version = collections.Counter()
        for path in inputs(args.dirs):
            version, out = lift(a, path, work)
            if version is None:
                continue
            if out is None:
                refused += 1
                continue
            if args.pick:
                if per_version[version] < args.pick // 6 + 1 and sum(per_version.values()) < args.pick:
                    per_version[version] += 1
                    shutil.copy(path, os.path.join(args.into, os.path.basename(path)))
                continue
            lifted[version].append((out, path))
        if args.pick:
            print("picked %d inputs into %s" % (sum(per_version.values()), args.into))
            return 0
        failures, checked, skipped = [], 0, 0
        for version, items in sorted(lifted.items()):
            python, _ = find_python(version)
            if not python:
                skipped += len(items)
                continue
            origin = {out: src for out, src in items}
            proc = subprocess.run([python, "-c", COMPILE_ALL], input="".join(
                json.dumps(out) + "\n" for out, _ in items).encode(), stdout=subprocess.PIPE, check=True)
            checked += len(items)
            for line in proc.stdout.decode().splitlines():
                out, why = json.loads(line)
                failures.append("%s (%s): the lift does not compile: %s" % (origin[out], version, why))
    print("lift compiles: %d lifted and compiled, %d refused (errors), %d without their CPython; "
          "%d failures" % (checked, refused, skipped, len(failures)))
    for f in failures[:20]:
        print("FAIL " + f)
    if checked == 0 and skipped:
        print("SKIP: no CPython 3.8-3.13 found")
        return 77
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
