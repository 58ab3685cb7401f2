"""Hostile bytes: NUL bytes, bad encodings, BOMs, odd line endings, against CPython.

    python3 tests/hostile/bytes_test.py --asynclift build/cli/asynclift [--versions 3.8,3.13]

Every case is a file in one folder, next to a valid file and a file with an ordinary error;
the folder is checked in one run per CPython version found (pyenv's 3.8-3.13, as the other
differential tests find them). CPython is asked the same question: compile(bytes, name,
"exec", flags=PyCF_ALLOW_TOP_LEVEL_AWAIT). Then:

- every file has its entry in the JSON report (one bad file does not stop the others);
- bytes CPython cannot read (NUL bytes, undecodable text) get exactly one error, with CPython's
  exact message: `unknown encoding: X`, `encoding problem: X with BOM`, and the codec's own
  account, whose position CPython counts from the start of the token part it decodes
  (`(unicode error) 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte`,
  3.8's `invalid character in identifier`); an undecodable file is named on standard error and
  makes the exit status 2;
- everything else gets CPython's verdict: its error (message and line) among asynclift's, or no
  error and the same needs_async;
- a notebook with a cell CPython could not compile (a lone surrogate escaped in the JSON, which
  Python's json reads; a NUL byte) gets CPython's error for that cell, and its other cells are
  checked.

Exit status: 0 all agree; 1 a difference; 77 when no CPython 3.8-3.13 is found.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "oracle"))
from run_oracle import find_python  # noqa: E402

CASES = {
    "nul_byte.py": b"x = 1\x00\nprint(x)\n",
    "nul_in_comment.py": b"# a \x00 here\nx = 1\n",
    "nul_after_bad_utf8.py": b"x = \xff\ny = 1\x00\n",
    "invalid_utf8.py": b"x = '\xff'\n",
    "invalid_utf8_code.py": b"x = 1\ny\xc3 = 2\n",
    "truncated_utf8.py": b"x = 1  # ends inside a character \xe2\x82",
    "lone_surrogate.py": b"x = '\xed\xa0\x80'\n",
    "surrogate_escape.py": b"x = '\\ud800'\nawait f(x)\n",
    "utf8_escapes.py": b"x = 'a\\n b\xffc'\n",
    "utf8_raw.py": b"x = r'ab\xff'\n",
    "utf8_bytes.py": b"x = b'ab\xff'\nawait y\n",
    "utf8_triple.py": b"x = '''a\nbc\xff'''\n",
    "utf8_concat.py": b"x = 'a' 'b\xff'\n",
    "utf8_range.py": b"x = 'ok'\ny = 'a\xe2\x82x'\n",
    "utf8_end.py": b"def f():\n    return u'\xe2\x82'\n",
    "utf8_name_line2.py": b"x = (1,\n  ab\xe2\x82)\n",
    "utf8_name_start.py": b"\xffab = 1\n",
    "utf8_fstring_part.py": b"x = f'a{y}b\xff'\n",
    "utf8_fstring_field.py": b"x = f'a{y\xff}b'\n",
    "utf8_fstring_spec.py": b"x = f'{y:\xff}'\n",
    "utf8_fstring_escape.py": b"x = f'\\n\xffa{y}'\n",
    "cp1252_undefined.py": b"# coding: cp1252\nx = '\x81'\n",
    "shift_jis_bad.py": b"# coding: shift_jis\nx = '\x82\xff'\n",
    "unknown_cookie.py": b"# -*- coding: foo -*-\nx = 1\n",
    "wrong_cookie.py": b"# coding: ascii\nx = '\xc3\xa9'\n",
    "latin1_cookie.py": b"# coding: latin-1\nx = '\xe9'\nawait g()\n",
    "cookie_line_2.py": b"#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nx = '\x80'\n",
    "bom_utf8_cookie.py": b"\xef\xbb\xbf# coding: utf-8\nx = 1\n",
    "bom_latin1_cookie.py": b"\xef\xbb\xbf# coding: latin-1\nx = 1\n",
    "bom_only.py": b"\xef\xbb\xbfawait x\n",
    "cr_only.py": b"x = 1\rif x:\r    await y\r",
    "cr_only_error.py": b"x = 1\rdef f():\r    nonlocal x\r",
    "crlf_mixed.py": b"x = 1\r\ny = 2\rz = 3\nawait w\r\n",
    "form_feed.py": b"\x0cx = 1\n\x0c\ndef f():\n    return 1\n",
    "form_feed_indent.py": b"x = 1\ndef f():\n    \x0creturn 1\n",
    "tabs_spaces.py": b"x = 1\ndef f():\n\tif x:\n        return 1\n",
    "empty.py": b"",
    "only_newlines.py": b"\n\r\n\r",
}
UNREADABLE = ("source code string cannot contain null bytes", "(unicode error)",
              "unknown encoding", "encoding problem", "codec can't decode")

CPYTHON_SIDE = r"""
import ast, json, os, sys
out = {}
for name in sorted(os.listdir(sys.argv[1])):
    with open(os.path.join(sys.argv[1], name), "rb") as fh:
        data = fh.read()
    try:
        code = compile(data, name, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
        out[name] = {"ok": True, "needs_async": bool(code.co_flags & 0x80)}
    except SyntaxError as e:
        out[name] = {"ok": False, "message": e.msg, "line": e.lineno}
    except (ValueError, UnicodeError) as e:
        out[name] = {"ok": False, "message": str(e), "line": None}
print(json.dumps(out))
"""


def unreadable(message):
    return any(m in message for m in UNREADABLE)


def check_version(asynclift, python, version, folder, failures):
    cpython = json.loads(subprocess.run([python, "-c", CPYTHON_SIDE, folder], check=True,
                                        stdout=subprocess.PIPE).stdout)
    proc = subprocess.run([asynclift, "check", "--format", "json", "--target-version", version,
                           folder], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    report = json.loads(proc.stdout)
    stderr = proc.stderr.decode("utf-8", "replace")
    entries = {os.path.basename(f["path"]): f for f in report["files"]}

    def fail(name, what):
        failures.append("%s %s: %s" % (version, name, what))

    any_undecodable = False
    for name, want in sorted(cpython.items()):
        got = entries.get(name)
        if got is None:
            fail(name, "no entry in the report (the other files must still be checked)")
            continue
        errors = [d for d in got["diagnostics"] if d["severity"] == "error"]
        if want["ok"]:
            if errors or got["needs_async"] != want["needs_async"]:
                fail(name, "CPython compiles it (needs_async=%s); asynclift: needs_async=%s %s" % (
                    want["needs_async"], got["needs_async"], [e["message"] for e in errors]))
        elif unreadable(want["message"]):
            if len(errors) != 1:
                fail(name, "one error wanted for an unreadable file, got %s" % errors)
            elif errors[0]["message"] != want["message"]:
                fail(name, "message %r, CPython says %r" % (errors[0]["message"], want["message"]))
            elif errors[0]["code"] == "encoding-error":
                any_undecodable = True
                if not any(name in line for line in stderr.splitlines()):
                    fail(name, "an undecodable file must be named on standard error:\n" + stderr)
        elif not any(e["message"] == want["message"] and e["line"] == want["line"] for e in errors):
            fail(name, "CPython: %r at line %s; asynclift: %s" % (
                want["message"], want["line"], [(e["message"], e["line"]) for e in errors]))
    wanted_status = 2 if any_undecodable else 1
    if proc.returncode != wanted_status:
        failures.append("%s: exit status %d, wanted %d\n%s" % (
            version, proc.returncode, wanted_status, stderr[-2000:]))
    return len(cpython)


def check_notebook(asynclift, folder, failures):
    cell = lambda text: {"cell_type": "code", "metadata": {}, "source": text,  # noqa: E731
                         "outputs": [], "execution_count": None}
    for label, text in (("lone surrogate", "x = '\u00e9\ud800'\n"), ("NUL byte", "y = 1\x00\n")):
        try:  # what CPython says when IPython compiles the cell
            compile(text, "cell", "exec")
            want = None
        except (SyntaxError, ValueError) as e:
            want = e.msg if isinstance(e, SyntaxError) else str(e)
        nb = {"cells": [cell("await f()\n"), cell(text), cell("return 1\n")],
              "metadata": {"note": "\udfff"}, "nbformat": 4, "nbformat_minor": 5}
        path = os.path.join(folder, "hostile.ipynb")
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(nb, fh)  # ensure_ascii: the surrogate is written as the escape \ud800
        proc = subprocess.run([asynclift, "check", "--format", "json", path],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if proc.returncode != 1:
            failures.append("notebook with a %s: exit status %d, wanted 1 (errors in cells)\n%s" % (
                label, proc.returncode, proc.stderr.decode("utf-8", "replace")))
            continue
        files = json.loads(proc.stdout)["files"]
        messages = [d["message"] for d in files[0]["diagnostics"] if d["severity"] == "error"]
        # The bad cell gets CPython's error; the cells around it are still checked.
        if want not in messages or "'return' outside function" not in messages:
            failures.append("notebook with a %s: wanted %r and the third cell's error, got %s" % (
                label, want, messages))
        if not files[0]["needs_async"]:
            failures.append("notebook with a %s: the first cell's await was not found" % label)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--asynclift", required=True)
    ap.add_argument("--versions", default="3.8,3.9,3.10,3.11,3.12,3.13")
    args = ap.parse_args(argv)
    pythons = [(v, find_python(v)[0]) for v in args.versions.split(",")]
    pythons = [(v, p) for v, p in pythons if p]
    if not pythons:
        print("SKIP: no CPython of %s found" % args.versions)
        return 77
    failures = []
    with tempfile.TemporaryDirectory(prefix="asynclift-bytes-") as folder:
        cases = os.path.join(folder, "cases")
        os.mkdir(cases)
        for name, data in dict(CASES, **{"valid.py": b"x = 1\n",
                                         "error.py": b"x = 1\ndef f():\n    nonlocal x\n"}).items():
            with open(os.path.join(cases, name), "wb") as fh:
                fh.write(data)
        for version, python in pythons:
            n = check_version(args.asynclift, python, version, cases, failures)
            print("%s: %d files checked against %s" % (version, n, python))
        check_notebook(args.asynclift, folder, failures)
    for f in failures:
        print("FAIL " + f)
    print("%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
