"""Check asynclift against the syntax fixtures (README.md).

    python3 tests/syntax/check_cases.py --asynclift BIN [--dir cases] [--verbose]

For every NAME.py in the folder and every version of NAME.expected: where CPython has no
error, asynclift must report none; where it has one, asynclift must report an error with
exactly CPython's message on CPython's line. Exit status 0 when all match, 1 otherwise.
"""

import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def expand(span):
    first, _, last = span.partition("-")
    lo, hi = int(first.split(".")[1]), int((last or first).split(".")[1])
    return ["3.%d" % m for m in range(lo, hi + 1)]


def read_expected(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            span, rest = line.split(" ", 1)
            if rest == "ok":
                value = None
            else:
                stage, exc, lineno, msg = rest.split(" ", 3)
                value = (stage, exc, None if lineno == "-" else int(lineno), msg)
            for v in expand(span):
                out[v] = value
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--asynclift", required=True)
    ap.add_argument("--dir", default=os.path.join(HERE, "cases"))
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    names = sorted(n[:-3] for n in os.listdir(a.dir) if n.endswith(".py"))
    by_version = {}
    for name in names:
        for v, e in read_expected(os.path.join(a.dir, name + ".expected")).items():
            by_version.setdefault(v, []).append((name, e))
    failures = 0
    for v, items in sorted(by_version.items()):
        paths = [os.path.join(a.dir, n + ".py") for n, _ in items]
        out = subprocess.run([a.asynclift, "check", "--format", "json", "--target-version", v] + paths,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
        records = {f["path"]: f for f in json.loads(out.decode("utf-8"))["files"]}
        for (name, e), path in zip(items, paths):
            errors = [d for d in records.get(path, {}).get("diagnostics", []) if d["severity"] == "error"]
            if e is None:
                ok = not errors
            elif e[2] is None:  # CPython gives no position (3.8's MemoryError): any error
                ok = bool(errors)
            else:
                ok = any(d["message"] == e[3] and d["line"] == e[2] for d in errors)
            if not ok:
                failures += 1
                print("FAIL %s %s: expected %s, got %s" % (
                    v, name, "no error" if e is None else "%r on line %s" % (e[3], e[2]),
                    [(d["message"], d["line"]) for d in errors] or "no error"))
            elif a.verbose:
                print("ok   %s %s" % (v, name))
    print("%d fixture(s), %d failure(s)" % (len(names), failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
