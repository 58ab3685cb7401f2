"""The notebook fixtures are what they claim to be, according to Jupyter's own nbformat library:
every fixture not named broken_* is a valid nbformat 4 notebook, and every broken_* fixture is
rejected by nbformat too (so asynclift's "invalid notebook" errors are never about notebooks
Jupyter accepts), and every old_* fixture is a valid notebook of an older nbformat.

    python3 tests/notebook/check_fixtures.py

Needs nbformat (Debian: python3-nbformat); re-runs itself under /usr/bin/python3 when that has
it, else prints SKIP and exits 77.
"""

import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    try:
        import nbformat
    except ImportError:
        system = "/usr/bin/python3"
        if os.path.realpath(sys.executable) != os.path.realpath(system) and os.access(system, os.X_OK) \
                and subprocess.run([system, "-c", "import nbformat"], capture_output=True).returncode == 0:
            return subprocess.run([system] + sys.argv).returncode
        print("SKIP: nbformat is not installed (apt-get install python3-nbformat)")
        return 77
    passed = failed = 0
    for path in sorted(glob.glob(os.path.join(HERE, "fixtures", "*.ipynb"))):
        name = os.path.basename(path)
        try:
            with open(path, encoding="utf-8") as f:
                nb = nbformat.read(f, as_version=nbformat.NO_CONVERT)
            nbformat.validate(nb)
            ok, why = True, ""
        except Exception as e:  # nbformat raises several kinds
            ok, why = False, "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")
        if ok and name.startswith("old_") and nb.nbformat >= 4:
            ok, why = False, "expected an nbformat < 4 notebook"
        if ok == name.startswith("broken_") or (not ok and name.startswith("old_")):
            failed += 1
            print("FAIL %s: nbformat %s" % (name, "accepts it" if ok else "rejects it (%s)" % why))
        else:
            passed += 1
            print("ok   %s%s" % (name, " (rejected: %s)" % why if why else ""))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
