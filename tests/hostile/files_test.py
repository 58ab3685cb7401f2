"""Inputs that are not regular files: a FIFO, a folder named x.py, a broken symlink, a file
that cannot be read, a symlink loop; found in a folder and named on the command line.

    python3 tests/hostile/files_test.py --asynclift build/cli/asynclift

For `check` (text and JSON) and `lift`: no hang (every run has a timeout), each bad input gets
exactly one error diagnostic naming it (on standard error too), every other file is still
checked, and the exit status is 2. The unreadable-file case needs a user whom chmod 000 stops:
as root it is skipped with a message (the other cases still run).

Exit status: 0 pass; 1 a failure.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

TIMEOUT = 20


def run(cmd, cwd):
    try:
        proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def make_tree(root):
    """The bad inputs (name -> what) and the good files of the folder."""
    bad = {}
    os.mkfifo(os.path.join(root, "fifo.py"))
    bad["fifo.py"] = "FIFO"
    os.symlink("nowhere.py", os.path.join(root, "broken.py"))
    bad["broken.py"] = "broken symbolic link"
    os.symlink("loop_b.py", os.path.join(root, "loop_a.py"))
    os.symlink("loop_a.py", os.path.join(root, "loop_b.py"))
    bad["loop_a.py"] = bad["loop_b.py"] = "symbolic links"
    locked = os.path.join(root, "locked.py")
    with open(locked, "w") as fh:
        fh.write("x = 1\n")
    os.chmod(locked, 0)
    if os.access(locked, os.R_OK):
        print("SKIP (one case): running as a user whom chmod 000 does not stop (uid %d): "
              "the unreadable-file case is not tested" % os.geteuid())
        os.chmod(locked, 0o644)
    else:
        bad["locked.py"] = "Permission denied"
    os.mkdir(os.path.join(root, "folder.py"))  # a folder named like a file: walked into
    with open(os.path.join(root, "folder.py", "inside.py"), "w") as fh:
        fh.write("await x\n")
    os.symlink(".", os.path.join(root, "self"))  # a folder loop: walked once at most
    with open(os.path.join(root, "good.py"), "w") as fh:
        fh.write("await x\n")
    with open(os.path.join(root, "error.py"), "w") as fh:
        fh.write("return 1\n")
    good = ["good.py", "error.py", os.path.join("folder.py", "inside.py")]
    return bad, good


def check_json(asynclift, root, args, bad, good, label, failures):
    got = run([asynclift, "check", "--format", "json"] + args, root)
    if got is None:
        failures.append("%s: no answer in %d s (a hang)" % (label, TIMEOUT))
        return
    status, out, err = got
    entries = {os.path.normpath(f["path"]): f for f in json.loads(out)["files"]}
    for name, why in sorted(bad.items()):
        entry = entries.get(name)
        if entry is None:
            failures.append("%s: %s has no entry" % (label, name))
            continue
        errors = [d for d in entry["diagnostics"] if d["severity"] == "error"]
        if len(errors) != 1 or why.lower() not in errors[0]["message"].lower():
            failures.append("%s: %s wants one error saying %r, got %s" % (label, name, why, errors))
        if not any(line.startswith("asynclift: " + name + ":") for line in err.splitlines()):
            failures.append("%s: %s is not named on standard error:\n%s" % (label, name, err))
    for name in good:
        if name not in entries:
            failures.append("%s: %s was not checked (%s)" % (label, name, sorted(entries)))
    if entries.get("good.py", {}).get("needs_async") is not True:
        failures.append("%s: good.py is not reported as needing async" % label)
    if not any(d["message"] == "'return' outside function" for d in entries.get("error.py", {}).get("diagnostics", [])):
        failures.append("%s: error.py lost its error" % label)
    if status != 2:
        failures.append("%s: exit status %d, wanted 2" % (label, status))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--asynclift", required=True)
    args = ap.parse_args(argv)
    asynclift = os.path.abspath(args.asynclift)
    failures = []
    with tempfile.TemporaryDirectory(prefix="asynclift-files-") as root:
        bad, good = make_tree(root)
        check_json(asynclift, root, ["."], bad, good, "check . (discovered)", failures)
        check_json(asynclift, root, sorted(bad) + good, bad, good, "check NAMES (named)", failures)
        got = run([asynclift, "check", "--format", "text", "."], root)
        if got is None or got[0] != 2 or not all(n in got[1] for n in bad):
            failures.append("check --format text: every bad input named in the findings: %s" % (got,))
        for name in sorted(bad) + ["folder.py"]:
            got = run([asynclift, "lift", name], root)
            if got is None:
                failures.append("lift %s: a hang" % name)
            elif got[0] != 2 or name not in got[2] or got[1]:
                failures.append("lift %s: wants exit 2, no output, the file named on standard "
                                "error; got %s" % (name, got))
        os.chmod(os.path.join(root, "locked.py"), 0o644)
    print("%d bad inputs, %d good files; %d failures" % (len(bad), len(good), len(failures)))
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
