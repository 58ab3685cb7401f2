"""End-to-end tests of `asynclift check` as a linter: output formats (text, concise, json, sarif
validated against the official SARIF 2.1.0 schema, github), --output-file, folder discovery
(compared with git's own idea of ignored files), --exclude and --force-exclude, standard input,
suppression comments, the async policy, --jobs determinism, exit codes, --version and --help, and
the suppression comment scanner against Python's tokenize on the standard library.

    python3 tests/cli/cli_test.py --asynclift build/cli/asynclift [--only GROUP]

Groups: formats, sarif, discovery, excludes, stdin, suppress, policy, jobs, exit, comments.
Prints one line per check and `N passed, N failed`; exit status 0 all pass, 1 a failure.
The sarif group needs the jsonschema module (Debian: python3-jsonschema); without it that group
is reported as skipped (and the script exits 77 if it was the only group asked for).
"""

import argparse
import glob
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tokenize

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = None
passed, failed, skipped = [], [], []


def check(cond, what, detail=""):
    print(("ok   " if cond else "FAIL ") + what)
    (passed if cond else failed).append(what)
    if not cond and detail:
        print("     " + str(detail).replace("\n", "\n     ")[:4000])
    return cond


def run(args, cwd=None, input=None, env=None):
    e = dict(os.environ, NO_COLOR="1")
    e.pop("FORCE_COLOR", None)
    if env:
        e.update(env)
    return subprocess.run([BIN] + args, cwd=cwd, input=input, capture_output=True, text=True, env=e, timeout=300)


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path


def notebook(sources, language="python", ids=True):
    cells = []
    for i, s in enumerate(sources):
        c = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": s}
        if ids:
            c["id"] = "id%d" % i
        cells.append(c)
    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"display_name": "k", "language": language,
                                                                   "name": "k"}},
                       "nbformat": 4, "nbformat_minor": 5 if ids else 4}, indent=1) + "\n"


# A small project used by several groups.
PROJECT = {
    "a.py": "x = 1\ndef f():\n    nonlocal x\n",
    "b.py": "import asyncio\nawait asyncio.sleep(0)\n",
    "c.pyi": "def f() -> int: ...\n",
    "nb.ipynb": notebook(["import asyncio\n", "%matplotlib inline\n!ls\nawait asyncio.sleep(0)\n",
                          "def g():\n    nonlocal y\n", "%%bash\nreturn 1\n"]),
    "weird name, 100%.py": "return 1\n",
}


def make_project(root):
    for rel, text in PROJECT.items():
        write(root, rel, text)


# --------------------------------------------------------------------------------------------

def test_formats(tmp):
    root = os.path.join(tmp, "fmt")
    make_project(root)
    r = run(["check", "--format", "concise", "."], cwd=root)
    want = ["a.py:3:5: error: no binding for nonlocal 'x' found [nonlocal-without-binding]",
            "nb.ipynb:cell 3:2:5: error: no binding for nonlocal 'y' found [nonlocal-without-binding]",
            "weird name, 100%.py:1:1: error: 'return' outside function [return-outside-function]"]
    lines = r.stdout.splitlines()
    check(r.returncode == 1, "concise: exit 1 with findings", r.stdout + r.stderr)
    check(len(lines) == 4 and all(lines[i].startswith(w) for i, w in enumerate(want)),
          "concise: one line per finding, files in sorted order, notebook cells as `cell N`", r.stdout)
    check(lines[-1] == "Found 3 errors in 3 files (5 checked, Python 3.13); 2 files need async execution.",
          "concise: summary line", lines[-1:])

    r = run(["check", "--format", "text", "."], cwd=root)
    check("  |\n3 |     nonlocal x\n  |     ^^^^^^^^^^\n" in r.stdout, "text: excerpt with a caret", r.stdout)
    check("2 |     nonlocal y\n" in r.stdout, "text: notebook excerpts come from the cell", r.stdout)
    check("\033[" not in r.stdout, "text: no colour when not on a terminal", r.stdout)
    r = run(["check", "--color", "always", "a.py"], cwd=root)
    check("\033[31m" in r.stdout, "text: --color always colours", r.stdout)
    r = run(["check", "--color", "always", "--no-color", "a.py"], cwd=root)
    check("\033[" not in r.stdout, "text: --no-color wins", r.stdout)

    r = run(["check", "--format", "json", "."], cwd=root)
    j = json.loads(r.stdout)
    files = {f["path"]: f for f in j["files"]}
    check(sorted(files) == sorted(PROJECT), "json: every file, by its path", sorted(files))
    nb = files["nb.ipynb"]
    check([c["index"] for c in nb["cells"]] == [0, 1, 2, 3] and nb["cells"][1]["id"] == "id1",
          "json: cells with index and id", nb["cells"])
    check(set(nb["cells"][0]) == {"index", "id", "needs_async", "async_sites", "diagnostics"},
          "json: cell keys as in the spec", nb["cells"][0])
    check(nb["cells"][1]["needs_async"] and nb["cells"][1]["async_sites"][0]["line"] == 3,
          "json: cell-relative async site", nb["cells"][1])
    check(nb["cells"][2]["diagnostics"][0]["line"] == 2 and nb["needs_async"],
          "json: cell-relative diagnostic; file-level summary", nb)
    check(set(files["a.py"]) == {"path", "needs_async", "async_sites", "diagnostics"},
          "json: no `cells` for .py files", files["a.py"])

    r = run(["check", "--format", "github", "."], cwd=root)
    gl = r.stdout.splitlines()
    check(gl[0] == "::error title=asynclift (nonlocal-without-binding),file=a.py,line=3,col=5,endLine=3,"
                   "endColumn=15::no binding for nonlocal 'x' found", "github: annotation of a .py finding", gl)
    nbline = [l for l in gl if "file=nb.ipynb" in l]
    expect_line = [i for i, l in enumerate(PROJECT["nb.ipynb"].splitlines(), 1) if "nonlocal y" in l][0]
    check(len(nbline) == 1 and nbline[0] == "::error title=asynclift (nonlocal-without-binding),file=nb.ipynb,"
          "line=%d::cell 3, line 2, column 5: no binding for nonlocal 'y' found" % expect_line,
          "github: notebook finding on the .ipynb line holding the cell's line", nbline)
    check(any(l.startswith("::error title=asynclift (return-outside-function),file=weird name%2C 100%25.py,")
              for l in gl), "github: properties escaped", gl)

    out = os.path.join(tmp, "report.json")
    r = run(["check", "--format", "json", "--output-file", out, "a.py"], cwd=root)
    check(r.stdout == "" and r.returncode == 1 and json.load(open(out))["files"][0]["path"] == "a.py",
          "--output-file writes the report there, the exit status stays", r.stdout)
    r = run(["check", "-o", os.path.join(tmp, "no/such/dir/x.json"), "a.py"], cwd=root)
    check(r.returncode == 2 and "cannot write" in r.stderr, "--output-file: unwritable is exit 2", r.stderr)


VALIDATE = """
import json, sys, jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
log = json.load(sys.stdin)
v = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
for e in sorted(v.iter_errors(log), key=lambda e: list(e.path))[:5]:
    print("%s: %s" % (list(e.path), e.message))
"""


def schema_validator():
    """A Python that has jsonschema: this one, else Debian's /usr/bin/python3."""
    for python in (sys.executable, "/usr/bin/python3"):
        if os.access(python, os.X_OK) and subprocess.run([python, "-c", "import jsonschema"],
                                                         capture_output=True).returncode == 0:
            return python
    return None


ARGS = None


def test_sarif(tmp):
    python = schema_validator()
    if not python:
        skipped.append("sarif")
        print("SKIP sarif: the jsonschema module is not installed (apt-get install python3-jsonschema)")
        return
    schema = ARGS.sarif_schema if ARGS else None
    if not schema or not os.path.exists(schema):
        skipped.append("sarif")
        print("SKIP sarif: the SARIF schema was not fetched (npm ci in tests/cli/schema failed)")
        return
    root = os.path.join(tmp, "sarif")
    make_project(root)
    write(root, "broken.ipynb", "{")
    for args in ([], ["broken.ipynb"], ["a.py"], ["c.pyi"]):
        r = run(["check", "--format", "sarif"] + (args or ["."]), cwd=root)
        v = subprocess.run([python, "-c", VALIDATE, schema], input=r.stdout, capture_output=True, text=True)
        check(v.returncode == 0 and not v.stdout.strip(),
              "sarif: valid against the SARIF 2.1.0 schema (%s)" % (" ".join(args) or "."), v.stdout + v.stderr)
    # The validator does find mistakes.
    bad = json.loads(run(["check", "--format", "sarif", "a.py"], cwd=root).stdout)
    bad["runs"][0]["results"][0]["level"] = "fatal"
    v = subprocess.run([python, "-c", VALIDATE, schema], input=json.dumps(bad), capture_output=True, text=True)
    check("fatal" in v.stdout, "sarif: the schema check rejects an invalid log", v.stdout + v.stderr)
    r = run(["check", "--format", "sarif", "."], cwd=root)
    log = json.loads(r.stdout)
    run0 = log["runs"][0]
    results = run0["results"]
    check(log["version"] == "2.1.0" and run0["tool"]["driver"]["name"] == "asynclift", "sarif: version and tool")
    a = [x for x in results if x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.py"]
    check(len(a) == 1 and a[0]["ruleId"] == "nonlocal-without-binding" and
          a[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 5, "endLine": 3,
                                                                  "endColumn": 15},
          "sarif: result with rule and region", a)
    rules = run0["tool"]["driver"]["rules"]
    check(all(rules[x["ruleIndex"]]["id"] == x["ruleId"] for x in results), "sarif: ruleIndex points at the rule")
    n = [x for x in results if x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "nb.ipynb"]
    check(len(n) == 1 and n[0]["properties"]["cell"] == 2 and n[0]["properties"]["cellLine"] == 2
          and n[0]["message"]["text"].startswith("cell 3, line 2, column 5: "), "sarif: notebook cell in properties", n)
    w = [x for x in results if "weird" in json.dumps(x)]
    check(w and w[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "weird%20name%2C%20100%25.py",
          "sarif: URIs percent-encoded", w)
    inv = run0["invocations"][0]
    check(not inv["executionSuccessful"] and inv["toolExecutionNotifications"][0]["locations"][0]
          ["physicalLocation"]["artifactLocation"]["uri"] == "broken.ipynb", "sarif: unreadable input as a notification", inv)
    check(run0["columnKind"] == "unicodeCodePoints", "sarif: columns are code points")


DISCOVERY_TREE = {
    "top.py": "", "top.ipynb": notebook([""]), "top.txt": "", "top.pyi": "",
    "pkg/mod.py": "", "pkg/__pycache__/mod.cpython-311.py": "", "pkg/sub/deep.py": "",
    "pkg/sub/ignored_here.py": "", "pkg/sub/keep.log.py": "",
    ".hidden/h.py": "", "venv/pyvenv.cfg": "home = /usr\n", "venv/lib/site.py": "",
    "conda/conda-meta/history": "", "conda/x.py": "", "node_modules/n.py": "",
    "nbs/.ipynb_checkpoints/a-checkpoint.ipynb": notebook([""]), "nbs/a.ipynb": notebook([""]),
    "build/out.py": "", "build/keep/k.py": "", "logs/x.py": "", "data/raw/r.py": "", "data/clean.py": "",
    "docs/conf.py": "", "docs/_build/b.py": "", "a/b/c/d.py": "", "a/b/e.py": "",
    "tmp_1.py": "", "tmp_22.py": "", "space name/s p.py": "", "excl_info.py": "", "neg/drop.py": "",
    "neg/keep_me.py": "", "star/x/y/z.py": "", "star/w.py": "",
    ".gitignore": "# comment\n/build/\nlogs\n*.log.py\ndata/raw/\ntmp_?.py\n/docs/_build\n"
                  "a/**/d.py\nneg/*\n!neg/keep_me.py\nstar/**/z.py\n\\#literal.py\n  \n",
    "pkg/.gitignore": "ignored_here.py\n/sub/nothing_here.py\n",
    "#literal.py": "",
}


def expected_by_git(root):
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=root,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    keep = []
    skip_dirs = {"__pycache__", "node_modules", ".ipynb_checkpoints", "venv", "conda"}
    for p in out:
        parts = p.split("/")
        if not p.endswith((".py", ".pyi", ".ipynb")):
            continue
        if any(x.startswith(".") or x in skip_dirs for x in parts[:-1]):
            continue
        keep.append(p)
    return sorted(keep)


def test_discovery(tmp):
    if not shutil.which("git"):
        skipped.append("discovery")
        print("SKIP discovery: git not installed")
        return
    root = os.path.join(tmp, "disc")
    for rel, text in DISCOVERY_TREE.items():
        write(root, rel, text)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    write(root, ".git/info/exclude", "excl_info.py\n")
    os.symlink(os.path.join(root, "pkg"), os.path.join(root, "link_to_pkg"))
    r = run(["check", "--show-files", "."], cwd=root)
    got = r.stdout.splitlines()
    want = [p for p in expected_by_git(root) if not p.startswith("link_to_pkg")]
    check(got == want, "discovery: same files as git ls-files --exclude-standard, minus skipped folders",
          "got:  %s\nwant: %s" % (got, want))
    check(got == sorted(got), "discovery: sorted order", got)
    # From a subfolder: the repository's .gitignore files above still apply.
    r = run(["check", "--show-files", "."], cwd=os.path.join(root, "pkg"))
    check(r.stdout.splitlines() == ["mod.py", "sub/deep.py"], "discovery: ignore files above the start folder",
          r.stdout)
    r = run(["check", "--show-files", "pkg"], cwd=root)
    check(r.stdout.splitlines() == ["pkg/mod.py", "pkg/sub/deep.py"], "discovery: paths shown under the folder given",
          r.stdout)
    r = run(["check", "--show-files", "--no-respect-gitignore", "pkg"], cwd=root)
    check("pkg/sub/ignored_here.py" in r.stdout and "__pycache__" not in r.stdout,
          "--no-respect-gitignore keeps ignored files, still skips __pycache__", r.stdout)
    r = run(["check", "--show-files", "build/out.py", "logs/x.py", ".hidden/h.py"], cwd=root)
    check(r.stdout.splitlines() == ["build/out.py", "logs/x.py", ".hidden/h.py"],
          "discovery: files named on the command line are always checked", r.stdout)
    # Outside a git repository: .gitignore files in the walked folder still count.
    plain = os.path.join(tmp, "plain")
    write(plain, ".gitignore", "gen/\n*_pb2.py\n")
    for rel in ("m.py", "gen/g.py", "x_pb2.py", "sub/y_pb2.py", "sub/ok.py"):
        write(plain, rel, "")
    r = run(["check", "--show-files", "."], cwd=plain)
    check(r.stdout.splitlines() == ["m.py", "sub/ok.py"], "discovery: .gitignore outside a repository", r.stdout)
    # A folder that cannot be listed is named (unless running as root, who can list anything).
    if os.geteuid() != 0:
        locked = os.path.join(plain, "locked")
        os.makedirs(locked)
        os.chmod(locked, 0)
        r = run(["check", "--show-files", "."], cwd=plain)
        os.chmod(locked, 0o755)
        check(r.returncode == 2 and "locked" in r.stderr, "discovery: unlistable folder is exit 2", r.stderr)


def test_excludes(tmp):
    root = os.path.join(tmp, "excl")
    for rel in ("src/a.py", "src/gen/b.py", "src/gen/c.ipynb", "tests/fixtures/f.py", "tests/t.py",
                "legacy/old.py", "x/legacy.py"):
        write(root, rel, "" if not rel.endswith(".ipynb") else notebook([""]))

    def files(*args):
        return run(["check", "--show-files"] + list(args), cwd=root).stdout.splitlines()

    check(files("--exclude", "gen", ".") == ["legacy/old.py", "src/a.py", "tests/fixtures/f.py", "tests/t.py",
                                             "x/legacy.py"], "--exclude NAME skips a folder anywhere")
    check(files("--exclude", "*.ipynb", "--exclude", "legacy*", ".") ==
          ["src/a.py", "src/gen/b.py", "tests/fixtures/f.py", "tests/t.py"],
          "--exclude globs on file and folder names (repeatable)", files("--exclude", "*.ipynb", "--exclude", "legacy*", "."))
    check(files("--exclude", "tests/fixtures", ".") == ["legacy/old.py", "src/a.py", "src/gen/b.py", "src/gen/c.ipynb",
                                                        "tests/t.py", "x/legacy.py"], "--exclude with a slash: a path")
    check(files("--exclude", "src/**/*.py", ".") == ["legacy/old.py", "src/gen/c.ipynb", "tests/fixtures/f.py",
                                                     "tests/t.py", "x/legacy.py"], "--exclude with **")
    check(files("--exclude", "legacy/", ".") == ["src/a.py", "src/gen/b.py", "src/gen/c.ipynb", "tests/fixtures/f.py",
                                                 "tests/t.py", "x/legacy.py"], "--exclude NAME/ matches folders only")
    check(files("--exclude", "gen", "src/gen/b.py") == ["src/gen/b.py"], "named files ignore --exclude by default")
    check(files("--exclude", "gen", "--force-exclude", "src/gen/b.py", "src/a.py") == ["src/a.py"],
          "--force-exclude applies --exclude to named files")
    check(files("--force-exclude", ".venv/x.py", "node_modules/y.py", "src/a.py") == ["src/a.py"],
          "--force-exclude applies the skipped folders to named files")
    check(files("--exclude", "./src/a.py", "--force-exclude", "./src/a.py", "src/gen/b.py") == ["src/gen/b.py"],
          "--exclude matches normalised paths")
    r = run(["check", "--force-exclude", "--exclude", "gen", "--stdin-filename", "src/gen/z.py", "-"], cwd=root,
            input="return 1\n")
    check(r.returncode == 0 and "return" not in r.stdout, "--force-exclude applies to --stdin-filename", r.stdout)


def test_stdin(tmp):
    r = run(["check", "--format", "concise", "-"], input="return 1\n")
    check(r.returncode == 1 and r.stdout.startswith("-:1:1: error: 'return' outside function"), "stdin as -", r.stdout)
    r = run(["check", "--format", "concise", "--stdin-filename", "pkg/m.py", "-"], input="return 1\n")
    check(r.stdout.startswith("pkg/m.py:1:1: error:"), "--stdin-filename names standard input", r.stdout)
    r = run(["check", "--format", "concise", "--stdin-filename", "n.ipynb"], input=notebook(["x", "return 1"]))
    check(r.returncode == 1 and r.stdout.startswith("n.ipynb:cell 2:1:1: error: 'return' outside function"),
          "--stdin-filename NAME.ipynb reads a notebook (and implies -)", r.stdout + r.stderr)
    r = run(["check", "--stdin-filename", "n.ipynb", "-"], input="{not json")
    check(r.returncode == 2 and "n.ipynb: invalid notebook: not valid JSON" in r.stderr, "invalid notebook on stdin",
          r.stderr)


def test_suppress(tmp):
    src = ("return 1  # asynclift: ignore\n"
           "return 2  # asynclift: ignore[return-outside-function]\n"
           "return 3  # asynclift: ignore[other-code]\n"
           "return 4  # noqa  # asynclift:ignore[x, return-outside-function]\n"
           "s = '# asynclift: ignore'; return 5\n"
           "t = '''\n# asynclift: ignore\n'''; return 6\n"
           "f'{\"#\"} # asynclift: ignore'; return 7\n"
           "return 8  # asynclift: ignored\n"
           "return 9  # asynclift: ignore-all\n")
    path = write(tmp, "sup/s.py", src)
    r = run(["check", "--format", "json", "--target-version", "3.11", path])
    lines = [d["line"] for d in json.loads(r.stdout)["files"][0]["diagnostics"]]
    check(lines == [3, 5, 8, 9, 10, 11], "suppression: only real comments, only the named codes", lines)
    r = run(["check", "--format", "concise", path])
    check("6 findings suppressed" not in r.stdout and "3 findings suppressed." in r.stdout,
          "suppressed findings are counted in the summary", r.stdout)
    r = run(["check", "--format", "concise", "--fail-on-async",
             write(tmp, "sup/a.py", "await x  # asynclift: ignore[needs-async]\nawait y\n")])
    check(r.stdout.count("[needs-async]") == 1 and ":2:1:" in r.stdout, "needs-async findings can be suppressed",
          r.stdout)


def test_policy(tmp):
    py = write(tmp, "pol/a.py", "import asyncio\nawait asyncio.sleep(0)\n")
    nb = write(tmp, "pol/n.ipynb", notebook(["import asyncio\nawait asyncio.sleep(0)\n"]))
    check(run(["check", py, nb]).returncode == 0, "default: top-level await is fine")
    check(run(["check", "--allow-top-level-await", py, nb]).returncode == 0, "--allow-top-level-await: same")
    r = run(["check", "--format", "concise", "--fail-on-async", py, nb])
    check(r.returncode == 1 and "a.py:2:1: error: top-level await makes this code need async execution [needs-async]"
          in r.stdout and "n.ipynb" not in r.stdout, "--fail-on-async: .py files only", r.stdout)
    r = run(["check", "--fail-on-async", "--allow-top-level-await", py])
    check(r.returncode == 2, "--fail-on-async and --allow-top-level-await exclude each other", r.stderr)


def test_jobs(tmp):
    root = os.path.join(tmp, "jobs")
    for i in range(60):
        write(root, "m%02d/f.py" % i, "x = 1\n" * i + "def f():\n    nonlocal x\n" + ("await y\n" if i % 3 else ""))
        write(root, "m%02d/n.ipynb" % i, notebook(["return %d" % i, "await z"]))
    outs = {}
    for j in ("1", "2", "7"):
        for fmt in ("concise", "json", "sarif"):
            outs[(j, fmt)] = run(["check", "--jobs", j, "--format", fmt, "."], cwd=root).stdout
    for fmt in ("concise", "json", "sarif"):
        check(outs[("1", fmt)] == outs[("2", fmt)] == outs[("7", fmt)], "--jobs 1/2/7 give the same %s output" % fmt)
    check(outs[("1", "concise")].count(": error:") == 120, "--jobs: every file reported", outs[("1", "concise")][-200:])


def test_exit(tmp):
    good = write(tmp, "ex/good.py", "x = 1\n")
    bad = write(tmp, "ex/bad.py", "return\n")
    broken = write(tmp, "ex/broken.ipynb", '{"nbformat": 4, "cells": [')
    check(run(["check", good]).returncode == 0, "exit 0: clean")
    check(run(["check", good, bad]).returncode == 1, "exit 1: findings")
    r = run(["check", "--format", "concise", good, broken, bad])
    check(r.returncode == 2 and "broken.ipynb: invalid notebook" in r.stderr and "bad.py:1:1" in r.stdout,
          "exit 2: an invalid notebook is named on stderr, the others still checked", r.stdout + r.stderr)
    check(run(["check", os.path.join(tmp, "ex/missing.py")]).returncode == 2, "exit 2: missing file")
    check(run(["check"]).returncode == 2, "exit 2: no path")
    check(run(["check", "--target-version", "2.7", good]).returncode == 2, "exit 2: bad --target-version")
    r = run(["--version"])
    check(r.returncode == 0 and r.stdout.startswith("asynclift "), "--version", r.stdout)
    r = run(["check", "--help"])
    check(r.returncode == 0 and all(s in r.stdout for s in ("--stdin-filename", "--exclude", "--force-exclude",
                                                            "--fail-on-async", "asynclift: ignore", "Exit status")),
          "check --help documents the options, suppression and exit codes", r.stdout)
    r = run(["--help"])
    check(r.returncode == 0 and "check" in r.stdout, "--help lists the commands", r.stdout)


def test_comments(tmp):
    """The suppression scanner finds exactly the COMMENT tokens of Python's tokenize."""
    lib = os.path.dirname(os.__file__)
    files = sorted(glob.glob(os.path.join(lib, "*.py")))[:400]
    version = "%d.%d" % sys.version_info[:2]
    if version not in ("3.8", "3.9", "3.10", "3.11", "3.12", "3.13"):
        skipped.append("comments")
        return
    bad = []
    for path in files:
        try:
            with open(path, "rb") as f:
                data = f.read()
            text = data.decode("utf-8")
            toks = list(tokenize.generate_tokens(io.StringIO(text).readline))
        except (UnicodeDecodeError, tokenize.TokenError, SyntaxError):
            continue
        lines = text.splitlines(keepends=True)
        want = ["%d:%d" % (t.start[0], len(lines[t.start[0] - 1][:t.start[1]].encode("utf-8")) + 1)
                for t in toks if t.type == tokenize.COMMENT]
        r = run(["debug-comments", "--target-version", version, path])
        if r.stdout.split() != want:
            bad.append(path)
    check(not bad and len(files) > 100, "comments: the scanner agrees with tokenize on %d stdlib files" % len(files),
          bad[:5])


GROUPS = {"formats": test_formats, "sarif": test_sarif, "discovery": test_discovery, "excludes": test_excludes,
          "stdin": test_stdin, "suppress": test_suppress, "policy": test_policy, "jobs": test_jobs,
          "exit": test_exit, "comments": test_comments}


def main():
    global BIN, ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument("--asynclift", required=True)
    ap.add_argument("--only", action="append", choices=sorted(GROUPS))
    ap.add_argument("--sarif-schema", help="the SARIF 2.1.0 JSON schema (fetched from npm)")
    args = ap.parse_args()
    ARGS = args
    BIN = os.path.abspath(args.asynclift)
    if not os.access(BIN, os.X_OK):
        print("ERROR: no asynclift binary at %s" % BIN)
        return 2
    tmp = tempfile.mkdtemp(prefix="asynclift-cli-test-")
    try:
        for name in args.only or GROUPS:
            GROUPS[name](os.path.join(tmp, name))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (len(passed), len(failed)))
    if failed:
        return 1
    if args.only and set(args.only) <= set(skipped):
        return 77
    return 0


if __name__ == "__main__":
    sys.exit(main())
