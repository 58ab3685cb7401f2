"""Write syntax fixtures: each snippet becomes NAME.py plus NAME.expected, CPython's answer
for every version 3.8-3.13 (see README.md for the format).

    python3 tests/syntax/make_cases.py [--asynclift BIN] [--only PREFIX] catalogue.py

The catalogue defines CASES = {"name": source}, source a str (written as UTF-8) or bytes.
CPython is asked through tests/oracle/run_oracle.py. With --asynclift, a case goes to
cases/ when asynclift gives CPython's message on CPython's line for every version (or no
error where CPython has none), else to gaps/, which documents what is not matched yet.
Existing fixtures of the same name are replaced.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(HERE, "..", "oracle"))
from run_oracle import ALL_VERSIONS, find_python, run_oracle  # noqa: E402


def expectation(answer):
    """(stage, exception, line, message) or ("ok",)."""
    if answer["stage"] == "ok":
        return ("ok",)
    e = answer["error"]
    return (answer["stage"], e["type"], e["lineno"], e["msg"])


def format_expected(per_version):
    lines = ["# CPython's answer per version: VERSIONS ok | VERSIONS STAGE EXCEPTION LINE MESSAGE"]
    group = []
    for v in ALL_VERSIONS:
        if group and per_version[v] == per_version[group[-1]]:
            group.append(v)
            continue
        if group:
            lines.append(render(group, per_version[group[0]]))
        group = [v]
    lines.append(render(group, per_version[group[0]]))
    return "\n".join(lines) + "\n"


def render(versions, e):
    span = versions[0] if len(versions) == 1 else versions[0] + "-" + versions[-1]
    if e == ("ok",):
        return span + " ok"
    stage, exc, line, msg = e
    return "%s %s %s %s %s" % (span, stage, exc, "-" if line is None else line, msg)


def asynclift_matches(binary, path, per_version):
    for v in ALL_VERSIONS:
        out = subprocess.run([binary, "check", "--format", "json", "--target-version", v, path],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
        files = json.loads(out.decode("utf-8"))["files"]
        errors = [d for d in files[0]["diagnostics"] if d["severity"] == "error"] if files else []
        e = per_version[v]
        if e == ("ok",):
            if errors:
                return False
        elif e[2] is None:  # no position (3.8's MemoryError): any error will do
            if not errors:
                return False
        elif not any(d["message"] == e[3] and d["line"] == e[2] for d in errors):
            return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("catalogue")
    ap.add_argument("--asynclift")
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    ns = {}
    with open(a.catalogue, encoding="utf-8") as f:
        exec(f.read(), ns)
    cases = {k: (v.encode("utf-8") if isinstance(v, str) else v)
             for k, v in ns["CASES"].items() if k.startswith(a.only)}
    tmp = tempfile.mkdtemp(prefix="syntax-cases")
    paths = {}
    for name, src in cases.items():
        paths[name] = os.path.join(tmp, name + ".py")
        with open(paths[name], "wb") as f:
            f.write(src)
    answers = {name: {} for name in cases}
    for v in ALL_VERSIONS:
        python, why = find_python(v)
        if not python:
            sys.exit("CPython %s not found: %s" % (v, why))
        names = list(cases)
        for name, ans in zip(names, run_oracle(python, [{"id": n, "path": paths[n]} for n in names], jobs=2)):
            answers[name][v] = expectation(ans)
    for name, src in cases.items():
        folder = "cases"
        if a.asynclift and not asynclift_matches(a.asynclift, paths[name], answers[name]):
            folder = "gaps"
        for old in ("cases", "gaps"):
            for ext in (".py", ".expected"):
                p = os.path.join(HERE, old, name + ext)
                if os.path.exists(p):
                    os.remove(p)
        with open(os.path.join(HERE, folder, name + ".py"), "wb") as f:
            f.write(src)
        with open(os.path.join(HERE, folder, name + ".expected"), "w", encoding="utf-8") as f:
            f.write(format_expected(answers[name]))
        print(folder, name)


if __name__ == "__main__":
    main()
