"""The pre-commit hook, for real: this repository's .pre-commit-hooks.yaml, served from a
throw-away hooks repository, installed into a throw-away project repository, then `git commit`
and `pre-commit run` on .py, .pyi and .ipynb files (with the asynclift binary under test on
PATH, as `language: system` hooks expect). No network: pre-commit clones the hooks repository
from a local path.

    python3 tests/cli/pre_commit_test.py --asynclift build/cli/asynclift --source-dir .

Exit status 0 pass, 1 fail, 77 skipped (pre-commit or git not installed).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

GOOD_PY = "import asyncio\n\nasync def main():\n    await asyncio.sleep(0)\n"
BAD_PY = "x = 1\ndef f():\n    nonlocal x\n"
STUB = "def f() -> int: ...\n"


def notebook(sources):
    return json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "id": "c%d" % i, "metadata": {},
                   "outputs": [], "source": s} for i, s in enumerate(sources)],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


failures = []
passed = []


def check(cond, what, detail=""):
    print(("ok   " if cond else "FAIL ") + what)
    if cond:
        passed.append(what)
    if not cond:
        failures.append(what)
        if detail:
            print("     " + detail.replace("\n", "\n     "))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--asynclift", required=True)
    ap.add_argument("--source-dir", required=True)
    args = ap.parse_args()
    pre_commit = shutil.which("pre-commit")
    git = shutil.which("git")
    if not pre_commit or not git:
        print("SKIP: needs pre-commit and git on PATH (apt-get install pre-commit git)")
        return 77
    binary = os.path.abspath(args.asynclift)
    tmp = tempfile.mkdtemp(prefix="asynclift-pre-commit-")
    env = dict(os.environ)
    env.update({
        "PATH": os.path.dirname(binary) + os.pathsep + env.get("PATH", ""),
        "PRE_COMMIT_HOME": os.path.join(tmp, "cache"),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1", "HOME": tmp, "NO_COLOR": "1",
    })
    env.pop("PRE_COMMIT", None)

    def run(cmd, cwd):
        return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)

    def write(repo, name, text):
        path = os.path.join(repo, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    try:
        # The hooks repository: this repository's manifest, committed.
        hooks = os.path.join(tmp, "hooks")
        os.makedirs(hooks)
        shutil.copy(os.path.join(args.source_dir, ".pre-commit-hooks.yaml"), hooks)
        run([git, "init", "-q", "-b", "main"], hooks)
        run([git, "add", "."], hooks)
        run([git, "commit", "-q", "-m", "hooks"], hooks)
        rev = run([git, "rev-parse", "HEAD"], hooks).stdout.strip()
        r = run([pre_commit, "validate-manifest", ".pre-commit-hooks.yaml"], hooks)
        check(r.returncode == 0, "the manifest is valid", r.stdout + r.stderr)

        proj = os.path.join(tmp, "project")
        os.makedirs(proj)
        run([git, "init", "-q", "-b", "main"], proj)
        write(proj, ".pre-commit-config.yaml",
              "repos:\n- repo: %s\n  rev: %s\n  hooks:\n  - id: asynclift\n" % (hooks, rev))
        write(proj, "good.py", GOOD_PY)
        write(proj, "stub.pyi", STUB)
        write(proj, "notes.txt", "nonlocal x\n")  # not Python: never passed to the hook
        write(proj, "nb.ipynb", notebook(["%matplotlib inline\nimport asyncio\nawait asyncio.sleep(0)\n!ls\n"]))
        run([git, "add", "."], proj)
        r = run([pre_commit, "install"], proj)
        check(r.returncode == 0, "pre-commit install", r.stdout + r.stderr)
        r = run([git, "commit", "-q", "-m", "clean"], proj)
        check(r.returncode == 0, "a clean commit (top-level await in a notebook is fine) passes the hook",
              r.stdout + r.stderr)

        write(proj, "pkg/bad.py", BAD_PY)
        write(proj, "bad.ipynb", notebook(["x = 1", "def f():\n    nonlocal y\n", "%%bash\nreturn 1\n"]))
        run([git, "add", "."], proj)
        r = run([git, "commit", "-q", "-m", "bad"], proj)
        out = r.stdout + r.stderr
        check(r.returncode != 0, "a commit with scope errors is refused", out)
        check("pkg/bad.py:3:5: error: no binding for nonlocal 'x' found" in out,
              "the .py finding is shown with its position", out)
        check("bad.ipynb:cell 2:2:5: error: no binding for nonlocal 'y' found" in out,
              "the notebook finding is shown with its cell", out)
        check("notes.txt" not in out, "files of other types are not checked", out)

        r = run([pre_commit, "run", "--files", "good.py", "stub.pyi", "nb.ipynb"], proj)
        check(r.returncode == 0, "pre-commit run on clean files passes", r.stdout + r.stderr)

        write(proj, "pkg/bad.py", "x = 1\ndef f():\n    global x\n")
        write(proj, "bad.ipynb", notebook(["x = 1", "def f():\n    global y\n"]))
        run([git, "add", "."], proj)
        r = run([pre_commit, "run", "--all-files"], proj)
        check(r.returncode == 0, "after the fix, pre-commit run --all-files passes", r.stdout + r.stderr)
        r = run([git, "commit", "-q", "-m", "fixed"], proj)
        check(r.returncode == 0, "and the commit goes through", r.stdout + r.stderr)

        # --fail-on-async as the hook's args: the notebook is still fine, a .py file is not.
        write(proj, ".pre-commit-config.yaml",
              "repos:\n- repo: %s\n  rev: %s\n  hooks:\n  - id: asynclift\n    args: [--fail-on-async]\n"
              % (hooks, rev))
        write(proj, "script.py", "import asyncio\nawait asyncio.sleep(0)\n")
        run([git, "add", "."], proj)
        r = run([pre_commit, "run", "--all-files"], proj)
        out = r.stdout + r.stderr
        check(r.returncode != 0 and "script.py:2:1: error: top-level await makes this code need async execution" in out
              and "nb.ipynb" not in out, "args: [--fail-on-async] applies to .py files only", out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (len(passed), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
