"""Golden tests: run asynclift on tests/fixtures/<area>/<name>.py, compare with <name>.expected.

    python3 tests/golden/run_golden.py --asynclift build/cli/asynclift [FIXTURE...]
    python3 tests/golden/run_golden.py --asynclift build/cli/asynclift --update [FIXTURE...]
    python3 tests/golden/run_golden.py --lint
    python3 tests/golden/run_golden.py --list

FIXTURE is a path relative to tests/fixtures (`nonlocal/no_binding.py`); none means all.
--update (or UPDATE_GOLDEN=1 in the environment, e.g. `UPDATE_GOLDEN=1 ctest -L golden`)
rewrites the expected files from asynclift's current output instead of comparing: review the
diff, then run verify_against_cpython.py, which checks every expected error against CPython.
--lint checks the fixture folder itself (directives, an expected file for every fixture and a
fixture for every expected file). --list prints `test-name;fixture;labels` lines for CMake.

Exit status: 0 all match, 1 a mismatch (a unified diff is printed), 2 setup error.
"""

import argparse
import difflib
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden import FIXTURES, Fixture, FixtureError, find_fixtures, render  # noqa: E402


def lint(fixtures):
    problems = []
    names = find_fixtures(fixtures)
    for relpath in names:
        try:
            fixture = Fixture(relpath, fixtures)
        except FixtureError as exc:
            problems.append(str(exc))
            continue
        if not os.path.exists(fixture.expected_path):
            problems.append("%s: no expected file (run with --update)" % relpath)
    stems = {os.path.splitext(n)[0] for n in names}
    for area in sorted(os.listdir(fixtures)):
        folder = os.path.join(fixtures, area)
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                stem, ext = os.path.splitext(name)
                if ext == ".expected" and area + "/" + stem not in stems:
                    problems.append("%s/%s: expected file without a fixture" % (area, name))
    for p in problems:
        print("golden lint: " + p)
    print("golden lint: %d fixtures, %d problems" % (len(names), len(problems)))
    return 1 if problems else 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("fixtures", nargs="*", metavar="FIXTURE")
    ap.add_argument("--asynclift", help="the asynclift binary")
    ap.add_argument("--fixtures-dir", default=FIXTURES)
    ap.add_argument("--update", action="store_true", help="rewrite the expected files")
    ap.add_argument("--lint", action="store_true", help="check the fixture folder")
    ap.add_argument("--list", action="store_true", help="print test-name;fixture;labels")
    args = ap.parse_args(argv)
    update = args.update or os.environ.get("UPDATE_GOLDEN", "") not in ("", "0")

    if args.lint:
        return lint(args.fixtures_dir)
    try:
        names = args.fixtures or find_fixtures(args.fixtures_dir)
        fixtures = [Fixture(n, args.fixtures_dir) for n in names]
    except (FixtureError, OSError) as exc:
        print("ERROR: %s" % exc)
        return 2
    if args.list:
        for f in fixtures:
            print("%s;%s;%s" % (f.test_name, f.relpath,
                                "golden,known-failure" if f.known_failure else "golden"))
        return 0
    if not args.asynclift or not os.access(args.asynclift, os.X_OK):
        print("ERROR: --asynclift must name the asynclift binary (got %r)" % args.asynclift)
        return 2
    asynclift = os.path.abspath(args.asynclift)

    failed = 0
    for fixture in fixtures:
        actual = render(asynclift, fixture)
        if update:
            old = None
            if os.path.exists(fixture.expected_path):
                with open(fixture.expected_path, encoding="utf-8") as fh:
                    old = fh.read()
            if old != actual:
                with open(fixture.expected_path, "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(actual)
                print("updated %s" % os.path.relpath(fixture.expected_path))
            continue
        if not os.path.exists(fixture.expected_path):
            print("FAIL %s: no expected file %s; create it with\n"
                  "  UPDATE_GOLDEN=1 ctest -R '^%s$'   (or run_golden.py --update %s)"
                  % (fixture.relpath, fixture.expected_path, fixture.test_name, fixture.relpath))
            failed += 1
            continue
        with open(fixture.expected_path, encoding="utf-8") as fh:
            expected = fh.read()
        if expected == actual:
            print("ok   %s (%s)" % (fixture.relpath, ", ".join(fixture.versions)))
            continue
        failed += 1
        print("FAIL %s%s" % (fixture.relpath,
                             "  [known failure: %s]" % fixture.known_failure
                             if fixture.known_failure else ""))
        sys.stdout.writelines(difflib.unified_diff(
            expected.splitlines(True), actual.splitlines(True),
            "expected: " + os.path.relpath(fixture.expected_path), "actual: asynclift output"))
        print("If asynclift is right now, update with UPDATE_GOLDEN=1 (then run "
              "tests/golden/verify_against_cpython.py).")
    if len(fixtures) > 1 and not update:
        print("golden: %d fixtures, %d passed, %d failed" % (len(fixtures), len(fixtures) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
