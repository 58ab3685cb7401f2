"""Lift every file of a CPython's standard library and check that CPython compiles the result.

    python3 tests/lift/corpus_compile.py --python-version 3.12 --asynclift build/cli/asynclift
        [--modes exec,interactive,last-expr] [--other-modes-every 4] [--jobs 2] [--limit N]
        [--show 20] [--known-analysis-failure PATH_SUFFIX]...

Every .py file under that interpreter's stdlib is lifted for that version by the asynclift
binary in exec mode, and every 4th file (--other-modes-every; 1 for all) in the other modes,
which differ from exec only in how expression statements are wrapped; corpus_check.py, under the same interpreter, compiles the original
(with PyCF_ALLOW_TOP_LEVEL_AWAIT) and the lifted file (as plain module code). Per mode:

  lifted       CPython accepts the original, asynclift lifts it, CPython compiles the lift
  refused      CPython rejects the original and asynclift refuses it (as it must)
  FAIL no-compile       the lift of a valid file does not compile
  FAIL refused-valid    asynclift refuses a file CPython accepts (an analysis false positive)
  FAIL lifted-invalid   asynclift lifts a file CPython rejects (the lift would hide an error)
  FAIL crash            asynclift crashed or gave an unexpected exit status

--known-analysis-failure names files whose refused-valid / lifted-invalid outcome is a known
bug of the analysis (tests/oracle tracks those); they are listed but do not fail the test.

Exit status: 0 no failure; 1 a failure; 2 setup error; 77 when that CPython is not installed.
"""

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "oracle"))
from corpora import lib_corpus  # noqa: E402
from run_oracle import find_python, interpreter_info  # noqa: E402

CHECKER = os.path.join(HERE, "corpus_check.py")
MODES = ["exec", "interactive", "last-expr"]


def lift_one(asynclift, version, mode, path, out):
    proc = subprocess.run([asynclift, "lift", "--mode", mode, "--target-version", version,
                           "-o", out, path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return proc.returncode, proc.stderr.decode("utf-8", "replace")[-500:]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--python-version", required=True)
    ap.add_argument("--asynclift", required=True)
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--other-modes-every", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("--known-analysis-failure", action="append", default=[])
    args = ap.parse_args(argv)

    python, found = find_python(args.python_version)
    if not python:
        print("SKIP: CPython %s not found (%s)" % (args.python_version, found))
        return 77
    if not os.access(args.asynclift, os.X_OK):
        print("setup error: no asynclift binary at %s" % args.asynclift)
        return 2
    entries = lib_corpus(interpreter_info(python)["stdlib"])
    if args.limit:
        entries = [entries[i * len(entries) // args.limit] for i in range(min(args.limit, len(entries)))]
    modes = [m for m in args.modes.split(",") if m]
    started = time.time()
    failed = False
    with tempfile.TemporaryDirectory(prefix="asynclift-corpus-") as work:
        jobs = []
        for mode in modes:
            for i, e in enumerate(entries):
                if mode != "exec" and i % max(1, args.other_modes_every):
                    continue
                jobs.append((mode, e["path"], e["origin"],
                             os.path.join(work, "%s.%d.py" % (mode, i))))
        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
            results = list(pool.map(
                lambda j: lift_one(args.asynclift, args.python_version, j[0], j[1], j[3]), jobs))
        lift_seconds = time.time() - started
        requests = [json.dumps({"id": k, "path": j[1],
                                "lifted": j[3] if results[k][0] == 0 else None}) + "\n"
                    for k, j in enumerate(jobs)]
        shards = max(1, args.jobs)
        with concurrent.futures.ThreadPoolExecutor(shards) as pool:
            procs = list(pool.map(lambda n: subprocess.run(
                [python, CHECKER], input="".join(requests[n::shards]).encode(),
                stdout=subprocess.PIPE, stderr=subprocess.PIPE), range(shards)))
        answers = {}
        for proc in procs:
            for line in proc.stdout.decode().splitlines():
                item = json.loads(line)
                answers[item["id"]] = item
        if len(answers) != len(jobs):
            print("setup error: corpus_check.py answered %d of %d\n%s" % (
                len(answers), len(jobs), "".join(p.stderr.decode()[-1000:] for p in procs)))
            return 2

    for mode in modes:
        counts = {"lifted": 0, "refused": 0, "no-compile": 0, "refused-valid": 0,
                  "lifted-invalid": 0, "crash": 0, "known": 0}
        shown = []
        for k, (m, path, origin, _) in enumerate(jobs):
            if m != mode:
                continue
            rc, stderr = results[k]
            a = answers[k]
            if rc == 0 and a["valid"]:
                outcome = "lifted" if a["lifted_compiles"] else "no-compile"
            elif rc in (1, 2) and not a["valid"]:
                outcome = "refused"
            elif rc in (1, 2):
                outcome = "refused-valid"
            elif rc == 0:
                outcome = "lifted-invalid"
            else:
                outcome = "crash"
            if outcome in ("refused-valid", "lifted-invalid") and any(
                    origin.endswith(s) for s in args.known_analysis_failure):
                counts["known"] += 1
                shown.append("known analysis failure (%s): %s" % (outcome, origin))
                continue
            counts[outcome] += 1
            if outcome not in ("lifted", "refused"):
                failed = True
                detail = a["error"] if outcome == "no-compile" else stderr.strip().splitlines()[:3]
                shown.append("FAIL %s %s: %s" % (outcome, origin, detail))
        print("%s %s (%s): files=%d lifted=%d refused=%d no-compile=%d refused-valid=%d "
              "lifted-invalid=%d crash=%d known=%d" % (
                  args.python_version, mode, found, sum(1 for j in jobs if j[0] == mode),
                  counts["lifted"], counts["refused"], counts["no-compile"],
                  counts["refused-valid"], counts["lifted-invalid"], counts["crash"],
                  counts["known"]))
        for line in shown[:args.show]:
            print("  " + line)
    print("time: lifting %.1fs, compiling %.1fs" % (lift_seconds, time.time() - started - lift_seconds))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
