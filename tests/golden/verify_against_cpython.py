"""Check every golden expected file against the real CPython of each version.

    python3 tests/golden/verify_against_cpython.py [FIXTURE...] [--jobs 2]

For every fixture and every version its expected file has a block for, CPython compiles the
fixture's bytes with ast.PyCF_ALLOW_TOP_LEVEL_AWAIT (tests/oracle/oracle.py) and:

  CPython accepts it      -> the block has no error (only [needs-async] findings), and it has
                             [needs-async] findings exactly when CPython sets CO_COROUTINE;
  symtable/compiler error -> the block has an error with CPython's exact message and line;
  parser/tokenizer error  -> the block has at least one error.

So the golden files hold CPython's truth, not merely asynclift's current output. Columns are
not compared: CPython's compiler counts them in UTF-8 bytes, asynclift in code points.

Exit status: 0 all agree; 1 a disagreement; 2 setup error; 77 (a ctest skip) when some
CPython version is not installed and everything that could be checked agrees.
"""

import argparse
import collections
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "oracle"))
from golden import FIXTURES, Fixture, FixtureError, find_fixtures, parse_expected  # noqa: E402
from run_oracle import OracleError, find_python, run_oracle  # noqa: E402


def judge(answer, block):
    """None when the block agrees with CPython's answer, else a sentence."""
    errors = block.errors
    stage = answer["stage"]
    if (answer.get("error") or {}).get("type") == "Crash":
        return "CPython crashed on this file"
    if stage == "ok":
        if errors:
            return "CPython accepts it, the expected file has %d error(s): %s" % (
                len(errors), "; ".join("%d: %s" % (e["line"], e["message"]) for e in errors))
        if block.needs_async != answer["needs_async"]:
            return "CPython needs_async=%s, the expected file says %s" % (
                answer["needs_async"], block.needs_async)
        return None
    err = answer["error"]
    if stage == "compile":
        if any(e["message"] == err["msg"] and e["line"] == err["lineno"] for e in errors):
            return None
        return "CPython: %r at line %s; the expected errors are: %s" % (
            err["msg"], err["lineno"],
            "; ".join("%r at line %d" % (e["message"], e["line"]) for e in errors) or "none")
    if errors:
        return None
    return "CPython rejects it (%s %s: %r), the expected file has no error" % (
        stage, err["type"], err["msg"])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("fixtures", nargs="*", metavar="FIXTURE")
    ap.add_argument("--fixtures-dir", default=FIXTURES)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)

    try:
        names = args.fixtures or find_fixtures(args.fixtures_dir)
        fixtures = [Fixture(n, args.fixtures_dir) for n in names]
    except (FixtureError, OSError) as exc:
        print("ERROR: %s" % exc)
        return 2

    # version -> [(fixture, block)]
    work = collections.defaultdict(list)
    problems = []
    for fixture in fixtures:
        if not os.path.exists(fixture.expected_path):
            problems.append("%s: no expected file" % fixture.relpath)
            continue
        with open(fixture.expected_path, encoding="utf-8") as fh:
            blocks = parse_expected(fh.read())
        if list(blocks) != fixture.versions:
            problems.append("%s: the expected file has versions %s, the fixture asks for %s"
                            % (fixture.relpath, list(blocks), fixture.versions))
        for version in fixture.versions:
            if version in blocks:
                work[version].append((fixture, blocks[version]))

    missing = []
    checked = 0
    for version in sorted(work, key=lambda v: int(v.split(".")[1])):
        python, reason = find_python(version)
        if not python:
            missing.append("%s (%s)" % (version, reason))
            continue
        items = work[version]
        try:
            answers = run_oracle(python, [{"path": f.path} for f, _ in items], jobs=args.jobs)
        except OracleError as exc:
            print("ERROR: CPython %s: %s" % (version, exc))
            return 2
        bad = 0
        for (fixture, block), answer in zip(items, answers):
            checked += 1
            why = judge(answer, block)
            if why:
                bad += 1
                problems.append("%s [%s]: %s" % (fixture.relpath, version, why))
        print("CPython %s: %d fixtures checked, %d disagree" % (version, len(items), bad))

    for p in problems:
        print("DISAGREE " + p)
    print("verify_against_cpython: %d (fixture, version) pairs checked, %d problems"
          % (checked, len(problems)))
    if problems:
        return 1
    if missing:
        print("SKIP: CPython not installed: %s" % ", ".join(missing))
        return 77
    return 0


if __name__ == "__main__":
    sys.exit(main())
