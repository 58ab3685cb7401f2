"""CPython's stack limits on nesting against asynclift's, for one version.

    python3 tests/oracle/limits.py --python-version 3.X --asynclift BIN

For `x = -…-1`, `x = not … not 1`, `x = lambda: … lambda: 1`, `x = -+~…1` and nested
brackets (`x = ((…))`, lists, calls, dicts, `(-(-…))`), finds by
bisection the smallest depth at which CPython fails to compile (MemoryError, RecursionError
or SyntaxError), then checks that asynclift reports an error at that depth and none one
below it. Exit status 0 when every chain agrees, 1 otherwise, 77 (skipped) without that
CPython.
"""

import argparse
import inspect
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_oracle import find_python  # noqa: E402

def make(kind, n):
    if kind == "unary_minus":
        return "x = " + "-" * n + "1\n"
    if kind == "not":
        return "x = " + "not " * n + "1\n"
    if kind == "lambda":
        return "x = " + "lambda: " * n + "1\n"
    if kind in BRACKETS:
        opening, closing = BRACKETS[kind]
        return "x = " + opening * n + "1" + closing * n + "\n"
    return "x = " + ("-+~" * (n // 3 + 1))[:n] + "1\n"


BRACKETS = {"parens": ("(", ")"), "lists": ("[", "]"), "calls": ("f(", ")"),
            "dicts": ("{1: ", "}"), "parens_minus": ("(-", ")")}


# Runs in the CPython under test: the smallest failing depth of each chain, by bisection
# (make() and BRACKETS are sent along as source).
PROBE = "import ast, json, sys\n" + inspect.getsource(make) + "BRACKETS = %r\n" % (BRACKETS,) + r'''
def fails(src):
    try:
        compile(src, "<chain>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
        return False
    except (SyntaxError, MemoryError, RecursionError):
        return True
out = {}
for kind in sys.argv[1:]:
    lo, hi = 1, 20000
    while lo < hi:
        mid = (lo + hi) // 2
        if fails(make(kind, mid)):
            hi = mid
        else:
            lo = mid + 1
    out[kind] = lo
print(json.dumps(out))
'''


def asynclift_errors(binary, version, source):
    r = subprocess.run([binary, "check", "--format", "json", "--target-version", version, "-"],
                       input=source.encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    report = json.loads(r.stdout)
    return [d["message"] for f in report["files"] for d in f["diagnostics"]
            if d["severity"] == "error"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python-version", required=True)
    ap.add_argument("--asynclift", required=True)
    a = ap.parse_args()
    python, reason = find_python(a.python_version)
    if not python:
        print("SKIP: CPython %s not found (%s)" % (a.python_version, reason))
        return 77
    kinds = ["unary_minus", "not", "lambda", "unary_mix"] + sorted(BRACKETS)
    # The probe's own stack is shallow and fixed; stderr (3.8 prints "s_push: …") is dropped.
    probe = subprocess.run([python, "-c", PROBE] + kinds, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, check=True)
    limits = json.loads(probe.stdout)
    failures = 0
    for kind in kinds:
        n = limits[kind]
        below = asynclift_errors(a.asynclift, a.python_version, make(kind, n - 1))
        at = asynclift_errors(a.asynclift, a.python_version, make(kind, n))
        ok = not below and bool(at)
        failures += not ok
        print("%s %s %-12s CPython fails at depth %d; asynclift at %d: %s; at %d: %s" % (
            "ok  " if ok else "FAIL", a.python_version, kind, n, n - 1, below or "no error",
            n, at[:1] or "no error"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
