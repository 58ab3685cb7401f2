"""Differential test: asynclift versus the real CPython, file by file.

    python3 tests/oracle/differential.py --python-version 3.12 --asynclift BIN
        [--corpus lib,cells,snippets] [--paths FILE...] [--jobs 2] [--show 20]
        [--limit N] [--report FILE] [--workdir DIR] [--only-cpython]

Corpora: lib (every .py of that CPython's stdlib, site-packages skipped),
cells (make_cells.py), snippets (extract_snippets.py), generated, mutants, site
(the site-packages of every CPython found: third-party code), site_mutants (mutants
of those), or explicit --paths.
CPython's answer comes from oracle.py (run_oracle.py); asynclift's from
`asynclift check --format json` (run_asynclift.py).  Per file:
  CPython ok       -> no asynclift error diagnostic and equal needs_async
                      (else false_error / verdict);
  stage "compile"  -> some asynclift error with exactly CPython's message and
                      line (else missing_scope_error);
  "parse"/"other"  -> at least one asynclift error (else unflagged_invalid);
  absent from asynclift's output, or asynclift crashed on it -> missing.
Files on which CPython itself crashed or timed out are counted, not compared.

Exit status: 0 all agree, 1 some disagreement, 2 setup error, 77 the CPython
version is not installed (ctest SKIP_RETURN_CODE): never a silent pass.
With --only-cpython asynclift is not run: oracle statistics are printed and
every answer goes to --report.
"""

import argparse
import collections
import json
import os
import shutil
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # keep tests/oracle free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpora  # noqa: E402
from run_asynclift import run_asynclift  # noqa: E402
from run_oracle import OracleError, find_python, interpreter_info, run_oracle  # noqa: E402

CATEGORIES = ["verdict", "false_error", "missing_scope_error", "unflagged_invalid",
              "missing"]


def errors_of(record):
    return [d for d in record.get("diagnostics", []) if d.get("severity") == "error"]


def classify(cpy, ours):
    """None when asynclift agrees with CPython, else a category name."""
    if ours is None or "crash" in ours:
        return "missing"
    errors = errors_of(ours)
    stage = cpy["stage"]
    if stage == "ok":
        if errors:
            return "false_error"
        return None if bool(ours.get("needs_async")) == cpy["needs_async"] else "verdict"
    if stage == "compile":
        err = cpy["error"]
        # An error CPython reports without a position (lineno None) is line 0 in asynclift.
        hit = any(d.get("message") == err["msg"] and d.get("line") == (err["lineno"] or 0)
                  for d in errors)
        return None if hit else "missing_scope_error"
    return None if errors else "unflagged_invalid"


def cpython_text(cpy):
    if cpy["stage"] == "ok":
        return "ok needs_async=%s" % cpy["needs_async"]
    err = cpy["error"]
    return "%s %s: %r line %s col %s" % (cpy["stage"], err["type"], err["msg"],
                                         err["lineno"], err["offset"])


def ours_text(ours):
    if ours is None:
        return "file missing from output"
    if "crash" in ours:
        return "asynclift failed on this file: %s" % ours["crash"]
    diags = ["%s %s:%s %r [%s]" % (d.get("severity"), d.get("line"), d.get("column"),
                                  d.get("message"), d.get("code"))
             for d in ours.get("diagnostics", [])]
    return "needs_async=%s diagnostics: %s" % (ours.get("needs_async"),
                                               "; ".join(diags) if diags else "(none)")


def excerpt(path, line, context=2, small=15):
    try:
        with open(path, "rb") as fh:
            lines = fh.read().decode("utf-8", "replace").splitlines()
    except OSError as exc:
        return ["(cannot read: %s)" % exc]
    if len(lines) <= small or not line:
        first, last = 1, min(len(lines), small)
    else:
        first, last = max(1, line - context), min(len(lines), line + context)
    return ["%5d%s %s" % (n, ">" if n == line else "|", lines[n - 1][:120])
            for n in range(first, last + 1)]


def build(name, args, python, stdlib, workdir):
    """(entries, note) for one corpus."""
    if name == "lib":
        return corpora.lib_corpus(stdlib), ""
    if name == "cells":
        return corpora.cells_corpus(python, stdlib, workdir, args.max_cells, args.seed)
    if name == "snippets":
        return corpora.snippets_corpus(python, stdlib, workdir, args.max_snippets, args.seed)
    if name == "generated":
        return corpora.generated_corpus(workdir, args.seed)
    if name == "mutants":
        return corpora.mutants_corpus(python, stdlib, workdir, args.seed)
    if name == "site":
        entries = corpora.site_corpus()
        return entries, "%d files of installed packages" % len(entries)
    if name == "site_mutants":
        return corpora.site_mutants_corpus(workdir, args.seed)
    if name == "paths":
        return corpora.paths_corpus(args.paths), ""
    raise corpora.CorpusError("unknown corpus %r (lib, cells, snippets, generated, mutants, site, site_mutants)" % name)


def cpython_summary(version, name, entries, answers):
    stages = collections.Counter(a["stage"] for a in answers)
    needs = sum(1 for a in answers if a["needs_async"])
    crashes = sum(1 for a in answers if (a["error"] or {}).get("type") == "Crash")
    print("%s %s: files=%d ok=%d (needs_async=%d) parse=%d compile=%d other=%d crash=%d"
          % (version, name, len(entries), stages["ok"], needs, stages["parse"],
             stages["compile"], stages["other"], crashes))
    msgs = collections.Counter(a["error"]["msg"] for a in answers if a["stage"] == "compile")
    for msg, count in msgs.most_common(15):
        print("    %6d  compile: %s" % (count, msg))


def compare_corpus(version, name, entries, answers, ours, show):
    counts = collections.Counter()
    rows = []
    for entry, cpy in zip(entries, answers):
        if (cpy["error"] or {}).get("type") == "Crash":
            counts["cpython_crash"] += 1
            category = "cpython_crash"
        else:
            category = classify(cpy, ours.get(entry["path"]))
            counts[category or "agree"] += 1
        rows.append({"path": entry["path"], "origin": entry["origin"], "category": category,
                     "cpython": cpy, "asynclift": ours.get(entry["path"])})
    bad = [r for r in rows if r["category"] in CATEGORIES]
    detail = " ".join("%s=%d" % (c, counts[c]) for c in CATEGORIES)
    if counts["cpython_crash"]:
        detail += " cpython_crash=%d" % counts["cpython_crash"]
    print("%s %s: files=%d agree=%d disagree=%d (%s)"
          % (version, name, len(entries), counts["agree"], len(bad), detail))
    for row in bad[:show]:
        err = row["cpython"]["error"] or {}
        print("  [%s] %s  (origin %s)" % (row["category"], row["path"], row["origin"]))
        print("      CPython %s: %s" % (version, cpython_text(row["cpython"])))
        print("      asynclift:    %s" % ours_text(row["asynclift"]))
        for text in excerpt(row["path"], err.get("lineno")):
            print("      " + text)
    return rows, counts, len(bad)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--python-version", required=True, metavar="3.X")
    ap.add_argument("--asynclift", help="path of the asynclift binary")
    ap.add_argument("--corpus", default="lib,cells,snippets")
    ap.add_argument("--paths", nargs="+", metavar="FILE", help="check these files/folders")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=20, help="disagreements shown per corpus")
    ap.add_argument("--limit", type=int, default=0, help="at most N files per corpus")
    ap.add_argument("--report", help="write a full JSON report here")
    ap.add_argument("--workdir", help="keep generated corpora here (default: temp, removed)")
    ap.add_argument("--only-cpython", action="store_true", help="run only the oracle")
    ap.add_argument("--max-cells", type=int, default=4000)
    ap.add_argument("--max-snippets", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=20.0, help="oracle seconds per file")
    ap.add_argument("--chunk", type=int, default=1500, help="paths per asynclift run")
    args = ap.parse_args(argv)
    version = args.python_version

    python, reason = find_python(version)
    if not python:
        print("SKIP: CPython %s not found (%s)" % (version, reason))
        return 77
    if not args.only_cpython:
        if not args.asynclift:
            ap.error("--asynclift is required unless --only-cpython")
        if not (os.path.isfile(args.asynclift) and os.access(args.asynclift, os.X_OK)):
            print("ERROR: asynclift binary not found or not executable: %s" % args.asynclift)
            return 2
    info = interpreter_info(python)
    stdlib = info["stdlib"]
    names = ["paths"] if args.paths else [n for n in args.corpus.split(",") if n]
    print("CPython %s (%s, %s), stdlib %s" % (info["version"], python, reason, stdlib))
    sys.stdout.flush()

    base = args.workdir or tempfile.mkdtemp(prefix="asynclift-oracle-")
    workdir = os.path.join(base, version)
    os.makedirs(workdir, exist_ok=True)
    report = {"python_version": version, "cpython": info["version"], "interpreter": python,
              "only_cpython": args.only_cpython, "corpora": {}}
    total_bad = 0
    try:
        for name in names:
            timings = {}
            start = time.time()
            try:
                entries, note = build(name, args, python, stdlib, workdir)
            except corpora.CorpusError as exc:
                print("ERROR: %s" % exc)
                return 2
            entries = corpora.limit(entries, args.limit)
            timings["build"] = time.time() - start
            start = time.time()
            try:
                answers = run_oracle(python, [{"path": e["path"]} for e in entries],
                                     jobs=args.jobs, timeout=args.timeout)
            except OracleError as exc:
                print("ERROR: %s" % exc)
                return 2
            timings["cpython"] = time.time() - start
            section = {"files": len(entries), "note": note, "timings": timings}
            if args.only_cpython:
                cpython_summary(version, name, entries, answers)
                section["results"] = [dict(e, cpython=a) for e, a in zip(entries, answers)]
            else:
                start = time.time()
                ours = run_asynclift(args.asynclift, version, [e["path"] for e in entries],
                                     jobs=args.jobs, chunk=args.chunk)
                timings["asynclift"] = time.time() - start
                rows, counts, bad = compare_corpus(version, name, entries, answers, ours,
                                                   args.show)
                total_bad += bad
                if bad and args.show and not args.workdir:
                    print("  (generated files are deleted at exit: use --workdir DIR to keep them)")
                section.update(counts=dict(counts), disagreements=bad, results=rows)
            print("%s %s: timings %s%s" % (version, name, ", ".join(
                "%s %.1fs" % kv for kv in timings.items()), ("  [%s]" % note) if note else ""))
            sys.stdout.flush()
            report["corpora"][name] = section
    finally:
        if args.report:
            with open(args.report, "w") as fh:
                json.dump(report, fh, indent=1)
        if not args.workdir:
            shutil.rmtree(base, ignore_errors=True)
    return 1 if total_bad else 0


if __name__ == "__main__":
    sys.exit(main())
