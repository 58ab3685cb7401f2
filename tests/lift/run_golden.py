"""Golden tests of `asynclift lift`: tests/lift/golden/NAME.py → NAME.lifted, byte for byte.

    python3 tests/lift/run_golden.py --asynclift build/cli/asynclift [--update] [NAME...]

NAME.args, when present, holds extra command-line arguments (`--mode interactive`, …). Each
expected output is also compiled by the running Python when it is at least the target
version (the default target is 3.13) or the code needs no newer syntax, so a golden file
never holds code that does not compile. --update rewrites the .lifted files from the current binary (review the diff).

Exit status: 0 all equal; 1 a difference; 2 setup error.
"""

import argparse
import difflib
import os
import shlex
import subprocess
import sys

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")


def target_of(args):
    if "--target-version" in args:
        return tuple(int(p) for p in args[args.index("--target-version") + 1].split("."))
    return (3, 13)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--asynclift", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args(argv)
    if not os.access(args.asynclift, os.X_OK):
        print("setup error: no asynclift binary at %s" % args.asynclift)
        return 2
    names = sorted(f[:-3] for f in os.listdir(HERE) if f.endswith(".py"))
    if args.names:
        names = [n for n in names if n in args.names]
    failed = compiled = 0
    for name in names:
        source = os.path.join(HERE, name + ".py")
        extra = []
        if os.path.exists(os.path.join(HERE, name + ".args")):
            with open(os.path.join(HERE, name + ".args")) as fh:
                extra = shlex.split(fh.read())
        proc = subprocess.run([args.asynclift, "lift"] + extra + [source],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        expected_path = os.path.join(HERE, name + ".lifted")
        if proc.returncode != 0:
            print("FAIL %s: exit status %d\n%s" % (name, proc.returncode,
                                                   proc.stderr.decode("utf-8", "replace")))
            failed += 1
            continue
        if args.update:
            with open(expected_path, "wb") as fh:
                fh.write(proc.stdout)
        try:
            with open(expected_path, "rb") as fh:
                expected = fh.read()
        except OSError as e:
            print("FAIL %s: %s (run with --update to create it)" % (name, e))
            failed += 1
            continue
        if proc.stdout != expected:
            failed += 1
            print("FAIL %s: the lifted text differs from %s.lifted" % (name, name))
            diff = difflib.unified_diff(
                expected.decode("utf-8", "replace").splitlines(True),
                proc.stdout.decode("utf-8", "replace").splitlines(True),
                "expected", "actual")
            sys.stdout.writelines(repr(line) + "\n" for line in diff)
            continue
        try:
            compile(expected, expected_path, "exec", dont_inherit=True)
            compiled += 1
        except SyntaxError as e:
            if sys.version_info[:2] >= target_of(extra):
                failed += 1
                print("FAIL %s: the expected output does not compile: %s" % (name, e))
    print("golden: %d cases, %d failed, %d compiled by Python %d.%d" % (
        len(names), failed, compiled, sys.version_info[0], sys.version_info[1]))
    return 1 if failed or not names else 0


if __name__ == "__main__":
    sys.exit(main())
