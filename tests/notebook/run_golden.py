"""Golden tests for notebooks: every tests/notebook/fixtures/NAME.ipynb is checked with
`--format concise` and `--format json` (a few also with text, github and sarif); the output,
standard error and exit status must equal NAME.expected.

    python3 tests/notebook/run_golden.py --asynclift build/cli/asynclift [--update] [NAME...]

--update rewrites the expected files from asynclift's current output: review the diff (every
line and column of a finding is a claim about IPython and CPython). Exit status 0 all equal,
1 a difference, 2 setup error.
"""

import argparse
import difflib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")


# These fixtures are also rendered in the text, github and sarif formats.
ALL_FORMATS = {"line_magics", "cell_magics", "sources", "broken_truncated"}


def render(binary, name):
    out = []
    formats = ("concise", "json", "text", "github", "sarif") if name in ALL_FORMATS else ("concise", "json")
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.split()[-1]
    for fmt in formats:
        args = ["check", "--format", fmt, name + ".ipynb"]
        p = subprocess.run([binary] + args, cwd=FIXTURES, capture_output=True, text=True,
                           env=dict(os.environ, NO_COLOR="1"))
        stdout = p.stdout
        if fmt == "json" and stdout.strip():
            stdout = json.dumps(json.loads(stdout), indent=1, ensure_ascii=False) + "\n"
        if fmt == "sarif":  # the tool's version is not part of what is tested
            stdout = stdout.replace('"%s"' % version, '"<version>"')
        out.append("$ asynclift " + " ".join(args) + "\n" + stdout +
                   "".join("stderr: " + line + "\n" for line in p.stderr.splitlines()) +
                   "[exit %d]\n" % p.returncode)
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--asynclift", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    binary = os.path.abspath(args.asynclift)
    if not os.access(binary, os.X_OK):
        print("ERROR: no asynclift binary at %s" % binary)
        return 2
    names = args.names or sorted(f[:-6] for f in os.listdir(FIXTURES) if f.endswith(".ipynb"))
    failed = passed = 0
    for name in names:
        actual = render(binary, name)
        path = os.path.join(FIXTURES, name + ".expected")
        if args.update or os.environ.get("UPDATE_GOLDEN"):
            with open(path, "w", encoding="utf-8") as f:
                f.write(actual)
            continue
        try:
            with open(path, encoding="utf-8") as f:
                expected = f.read()
        except FileNotFoundError:
            expected = ""
        if expected == actual:
            passed += 1
            continue
        failed += 1
        print("FAIL %s" % name)
        sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                   "expected", "actual"))
    if args.update or os.environ.get("UPDATE_GOLDEN"):
        print("updated %d expected files" % len(names))
        return 0
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
