"""Execution equivalence of `asynclift lift` against CPython module code.

    python3 tests/lift/equivalence.py --python-version 3.12 --asynclift build/cli/asynclift
        [--programs DIR] [--modes exec,interactive,last-expr] [--drivers manual,asyncio,trio]
        [--only NAME...] [--jobs 2] [--show 20] [--keep DIR]
    python3 tests/lift/equivalence.py --python /usr/bin/python3 --require trio ...

For every program under tests/lift/programs, every mode and every driver the program allows,
the program is lifted by the asynclift binary for that CPython version, then run twice by
equiv_runner.py under that CPython — as module code compiled with PyCF_ALLOW_TOP_LEVEL_AWAIT,
and as the lifted code — and the two observations must be equal: stdout, sys.displayhook
calls, the returned value, the exception (type, message, traceback lines: nested code on the
program's own lines, wrapper-level frames exactly `line_offset` lines down), the final
globals (structurally: values, qualnames, modules, first lines of code objects,
annotations), pickling, and whether asyncio was imported.

A program opens with a directive comment, all fields optional:

    # lift-test: drivers=any|asyncio|trio min=3.10 max=3.13 modes=exec,last-expr

drivers=any (the default) runs it without an event loop ("manual": coro.send(None)), under
asyncio, and under trio when the interpreter can import trio.

Exit status: 0 every run equal; 1 a difference or a refused lift; 2 setup error; 77 when that
CPython is not installed (prints SKIP: ...), never a silent pass.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "oracle"))
from run_oracle import find_python  # noqa: E402

RUNNER = os.path.join(HERE, "equiv_runner.py")
ALL_MODES = ["exec", "interactive", "last-expr"]
ALL_DRIVERS = ["manual", "asyncio", "trio"]
WRAPPER = "__async_exec__"
FUTURE = re.compile(rb"^from\s+__future__\s+import\s+(.*)$", re.M)


def directives(path):
    """The program's `# lift-test:` fields."""
    out = {"drivers": "any", "min": "3.8", "max": "3.13", "modes": ",".join(ALL_MODES)}
    with open(path, "rb") as fh:
        for raw in fh.read().splitlines()[:5]:
            line = raw.decode("utf-8", "replace")
            if "lift-test:" in line:
                for field in line.split("lift-test:", 1)[1].split():
                    key, _, value = field.partition("=")
                    out[key] = value
    return out


def version_tuple(v):
    return tuple(int(p) for p in v.split("."))


def future_names(path):
    with open(path, "rb") as fh:
        data = fh.read()
    names = set()
    for m in FUTURE.finditer(data):
        for part in re.split(rb"[(),\s]+", m.group(1)):
            if part and part != b"as":
                names.add(part.decode())
    return names


def lift(asynclift, path, mode, version, out_path):
    """(line_offset, None) after writing the lifted code to out_path, or (None, why)."""
    base = [asynclift, "lift", "--mode", mode, "--target-version", version, path]
    proc = subprocess.run(base + ["--format", "json"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    try:
        report = json.loads(proc.stdout.decode("utf-8"))
    except ValueError:
        return None, "asynclift lift --format json failed (status %d): %s" % (
            proc.returncode, proc.stderr.decode("utf-8", "replace")[-2000:])
    if not report.get("ok"):
        return None, "lift refused: %s" % json.dumps(report.get("diagnostics"))
    proc = subprocess.run(base + ["-o", out_path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        return None, "asynclift lift -o failed (status %d): %s" % (
            proc.returncode, proc.stderr.decode("utf-8", "replace")[-2000:])
    return report["line_offset"], None


def compare(req, answer):
    """The differences between the reference and the lifted observation, as sentences."""
    ref, lifted = answer["reference"], answer["lifted"]
    for side in (ref, lifted):
        if "harness_error" in side:
            return ["harness error: " + side["harness_error"]]
    diffs = []
    for key in ("stdout", "displayed", "result", "exception", "globals", "pickle",
                "asyncio_imported"):
        if key in ("globals", "pickle") and ref[key] != lifted[key]:
            for name in sorted(set(ref[key]) | set(lifted[key])):
                if ref[key].get(name) != lifted[key].get(name):
                    diffs.append("%s[%r] differs:\n    module: %s\n    lifted: %s" % (
                        key, name, _short(ref[key].get(name)), _short(lifted[key].get(name))))
        elif ref[key] != lifted[key]:
            diffs.append("%s differs:\n    module: %s\n    lifted: %s" % (
                key, _short(ref[key]), _short(lifted[key])))
    if lifted["wrapper_left"] is not True:
        diffs.append("the wrapper is not in the namespace after the run")
    ignore = {"__annotations__"} | req["future_names"]
    ref_order = [k for k in ref["order"] if k not in ignore]
    lifted_order = [k for k in lifted["order"] if k not in ignore]
    if ref_order != lifted_order:
        diffs.append("order of globals differs:\n    module: %s\n    lifted: %s" % (
            ref_order, lifted_order))
    mapped = [["<module>", line - req["line_offset"]] if name == WRAPPER else [name, line]
              for name, line in lifted["traceback"]]
    if ref["traceback"] != mapped:
        diffs.append("traceback lines differ (line_offset %d):\n    module: %s\n    lifted: %s" % (
            req["line_offset"], ref["traceback"], lifted["traceback"]))
    return diffs


def _short(value, limit=400):
    text = json.dumps(value)
    return text if len(text) <= limit else text[:limit] + "..."


def run_shard(python, requests, answers, lock):
    data = "".join(json.dumps(r) + "\n" for r in requests)
    proc = subprocess.run([python, RUNNER], input=data.encode(), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    got = {}
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        got[item["id"]] = item
    with lock:
        for r in requests:
            answers[r["id"]] = got.get(r["id"]) or {
                "reference": {"harness_error": "runner crashed (status %d): %s" % (
                    proc.returncode, proc.stderr.decode("utf-8", "replace")[-2000:])},
                "lifted": {}}


def can_import(python, module):
    return subprocess.run([python, "-c", "import " + module], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--python-version")
    ap.add_argument("--python", help="an interpreter to use instead of looking one up")
    ap.add_argument("--target-version", help="with --python: the version to lift for")
    ap.add_argument("--require", action="append", default=[],
                    help="a module the interpreter must import (else the test is skipped)")
    ap.add_argument("--asynclift", required=True)
    ap.add_argument("--programs", default=os.path.join(HERE, "programs"))
    ap.add_argument("--modes", default=",".join(ALL_MODES))
    ap.add_argument("--drivers", default=",".join(ALL_DRIVERS))
    ap.add_argument("--only", nargs="*", help="program names (without .py)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("--keep", help="keep the lifted programs in this folder")
    args = ap.parse_args(argv)

    if args.python:
        python = args.python
        if not os.access(python, os.X_OK):
            print("SKIP: no interpreter at %s" % python)
            return 77
        version = args.target_version or subprocess.run(
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()
        origin = python
    else:
        version = args.python_version
        python, origin = find_python(version)
        if not python:
            print("SKIP: CPython %s not found (%s)" % (version, origin))
            return 77
    if not os.access(args.asynclift, os.X_OK):
        print("setup error: no asynclift binary at %s" % args.asynclift)
        return 2
    for module in args.require:
        if not can_import(python, module):
            print("SKIP: %s cannot import %s" % (python, module))
            return 77
    drivers = [d for d in args.drivers.split(",") if d]
    has_trio = "trio" in drivers and can_import(python, "trio")
    modes = [m for m in args.modes.split(",") if m]

    programs = sorted(f[:-3] for f in os.listdir(args.programs) if f.endswith(".py"))
    if args.only:
        programs = [p for p in programs if p in args.only]
    workdir = args.keep or tempfile.mkdtemp(prefix="asynclift-equiv-")
    os.makedirs(workdir, exist_ok=True)
    started = time.time()
    requests, failures, skipped = [], [], []
    for name in programs:
        path = os.path.join(args.programs, name + ".py")
        d = directives(path)
        if not (version_tuple(d["min"]) <= version_tuple(version) <= version_tuple(d["max"])):
            skipped.append(name)
            continue
        if d["drivers"] == "any":
            prog_drivers = [x for x in ("manual", "asyncio", "trio") if x in drivers]
        else:
            prog_drivers = [x for x in d["drivers"].split(",") if x in drivers]
        if not has_trio:
            prog_drivers = [x for x in prog_drivers if x != "trio"]
        for mode in [m for m in d["modes"].split(",") if m in modes]:
            out = os.path.join(workdir, "%s.%s.py" % (name, mode))
            offset, why = lift(args.asynclift, path, mode, version, out)
            if why:
                failures.append(("%s [%s]" % (name, mode), [why]))
                continue
            for driver in prog_drivers:
                requests.append({"id": len(requests), "program": name, "source_path": path,
                                 "lifted_path": out, "line_offset": offset, "mode": mode,
                                 "driver": driver, "module": "liftpkg." + name,
                                 "wrapper": WRAPPER, "future_names": sorted(future_names(path))})
    answers, lock = {}, threading.Lock()
    shards = [requests[i::max(1, args.jobs)] for i in range(max(1, args.jobs))]
    threads = [threading.Thread(target=run_shard, args=(python, s, answers, lock)) for s in shards if s]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    per_mode, run_failures = {}, 0
    for req in requests:
        req["future_names"] = set(req["future_names"])
        diffs = compare(req, answers[req["id"]])
        ok_count, total = per_mode.get(req["mode"], (0, 0))
        per_mode[req["mode"]] = (ok_count + (not diffs), total + 1)
        if diffs:
            run_failures += 1
            failures.append(("%s [%s, %s]" % (req["program"], req["mode"], req["driver"]), diffs))
    run_programs = len(programs) - len(skipped)
    print("%s (%s): programs=%d runs=%d pass=%d fail=%d; %s; trio %s; %.1fs" % (
        version, origin, run_programs, len(requests), len(requests) - run_failures, len(failures),
        " ".join("%s %d/%d" % (m, v[0], v[1]) for m, v in sorted(per_mode.items())),
        "included" if has_trio else "not importable", time.time() - started))
    if skipped:
        print("  not for %s: %s" % (version, " ".join(skipped)))
    for label, diffs in failures[:args.show]:
        print("FAIL %s" % label)
        for d in diffs:
            print("  " + d)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
