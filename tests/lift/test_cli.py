"""End-to-end tests of the `asynclift lift` command line (stdlib unittest).

    python3 tests/lift/test_cli.py --asynclift build/cli/asynclift [-v]

Exit codes, stdin, -o (atomic write, refusing to overwrite the input without --force,
keeping the file mode), --if-needed, --runner asyncio|trio (the script really runs), --format
json, --wrapper, notebooks, and diagnostics on stderr for source with errors.
"""

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

ASYNCLIFT = None
AWAITING = b"import asyncio\nx = await asyncio.sleep(0, result=41)\nx + 1\n"
PLAIN = b"x = 1\nprint(x)\n"


def run(*args, stdin=None, cwd=None):
    return subprocess.run([ASYNCLIFT, "lift"] + list(args), input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, cwd=cwd)


def can_import(module):
    return subprocess.run([sys.executable, "-c", "import " + module],
                          stderr=subprocess.DEVNULL).returncode == 0


class LiftCli(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="asynclift-lift-cli-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, data, mode=None):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as fh:
            fh.write(data)
        if mode is not None:
            os.chmod(path, mode)
        return path

    def test_stdout_and_stdin(self):
        path = self.write("a.py", AWAITING)
        from_file = run(path)
        from_stdin = run("-", stdin=AWAITING)
        self.assertEqual(from_file.returncode, 0, from_file.stderr)
        self.assertEqual(from_file.stdout, from_stdin.stdout)
        self.assertIn(b"async def __async_exec__():\n    global asyncio, x\n", from_file.stdout)
        self.assertEqual(from_file.stderr, b"")

    def test_errors_refuse_with_diagnostics(self):
        path = self.write("bad.py", b"x = 1\ndef f():\n    nonlocal x\n")
        proc = run(path)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stdout, b"")
        self.assertIn(b"no binding for nonlocal 'x' found", proc.stderr)
        self.assertIn(path.encode() + b":3:", proc.stderr)

    def test_errors_in_json(self):
        path = self.write("bad.py", b"return 5\n")
        proc = run("--format", "json", path)
        self.assertEqual(proc.returncode, 1)
        report = json.loads(proc.stdout)
        self.assertFalse(report["ok"])
        self.assertNotIn("code", report)
        self.assertEqual(report["diagnostics"][0]["message"], "'return' outside function")

    def test_json(self):
        path = self.write("a.py", b'"""doc"""\n' + AWAITING)
        report = json.loads(run("--format", "json", "--target-version", "3.9", path).stdout)
        self.assertEqual(report["version"], 1)
        self.assertTrue(report["ok"])
        self.assertTrue(report["needs_async"])
        self.assertEqual(report["target_version"], "3.9")
        self.assertEqual(report["line_offset"], 2)
        self.assertEqual(report["code"].encode(), run("--target-version", "3.9", path).stdout)

    def test_usage_errors(self):
        path = self.write("a.py", PLAIN)
        for args in (["--target-version", "3.7", path], ["--mode", "eval", path],
                     ["--runner", "curio", path], [os.path.join(self.dir, "missing.py")],
                     ["--wrapper", "not a name", path], ["--wrapper", "class", path]):
            proc = run(*args)
            self.assertEqual(proc.returncode, 2, args)
            self.assertEqual(proc.stdout, b"", args)
            self.assertNotEqual(proc.stderr, b"", args)

    def test_wrapper_name_taken_by_the_source(self):
        path = self.write("a.py", b"__async_exec__ = 1\n")
        proc = run(path)
        self.assertEqual(proc.returncode, 1)
        self.assertIn(b"__async_exec__", proc.stderr)
        self.assertEqual(run("--wrapper", "cell_1", path).returncode, 0)

    def test_output_file(self):
        src = self.write("a.py", AWAITING)
        out = os.path.join(self.dir, "out.py")
        proc = run("-o", out, src)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout, b"")
        with open(out, "rb") as fh:
            self.assertEqual(fh.read(), run(src).stdout)
        self.assertEqual(sorted(os.listdir(self.dir)), ["a.py", "out.py"])  # no temp file left

    def test_output_keeps_mode_of_replaced_file(self):
        src = self.write("a.py", AWAITING)
        out = self.write("out.py", b"old", mode=0o751)
        self.assertEqual(run("-o", out, src).returncode, 0)
        self.assertEqual(stat.S_IMODE(os.stat(out).st_mode), 0o751)

    def test_output_refuses_the_input_without_force(self):
        src = self.write("a.py", AWAITING)
        proc = run("-o", src, src)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"--force", proc.stderr)
        with open(src, "rb") as fh:
            self.assertEqual(fh.read(), AWAITING)
        alias = os.path.join(self.dir, ".", "a.py")  # the same file under another name
        self.assertEqual(run("-o", alias, src).returncode, 2)
        proc = run("--force", "-o", src, src)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(src, "rb") as fh:
            self.assertTrue(fh.read().startswith(b"async def __async_exec__():"))

    def test_output_into_missing_folder(self):
        src = self.write("a.py", AWAITING)
        proc = run("-o", os.path.join(self.dir, "no", "such", "out.py"), src)
        self.assertEqual(proc.returncode, 2)
        self.assertIn(b"cannot", proc.stderr)

    def test_if_needed(self):
        plain = self.write("plain.py", PLAIN)
        awaiting = self.write("await.py", AWAITING)
        self.assertEqual(run("--if-needed", plain).stdout, PLAIN)
        self.assertEqual(run("--if-needed", "--runner", "asyncio", plain).stdout, PLAIN)
        self.assertEqual(run("--if-needed", awaiting).stdout, run(awaiting).stdout)
        self.assertNotEqual(run(plain).stdout, PLAIN)

    def run_script(self, python, data):
        script = self.write("script.py", data)
        return subprocess.run([python, script], stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def test_runner_asyncio(self):
        src = self.write("a.py", AWAITING + b"print('done', x)\n")
        proc = self.run_script(sys.executable, run("--runner", "asyncio", src).stdout)
        self.assertEqual(proc.stdout, b"done 41\n", proc.stderr)
        last = self.run_script(sys.executable,
                               run("--runner", "asyncio", "--mode", "last-expr",
                                   self.write("b.py", AWAITING)).stdout)
        self.assertEqual(last.stdout, b"42\n", last.stderr)

    @unittest.skipUnless(can_import("trio"), "trio is not importable by %s" % sys.executable)
    def test_runner_trio(self):
        src = self.write("a.py", b"import trio\nawait trio.sleep(0)\nx = 5\nx * 2\n")
        proc = self.run_script(sys.executable,
                               run("--runner", "trio", "--mode", "interactive", src).stdout)
        self.assertEqual(proc.stdout, b"10\n", proc.stderr)

    def test_runner_without_final_newline(self):
        src = self.write("a.py", b"print('no newline')")
        out = run("--runner", "asyncio", src).stdout
        self.assertTrue(out.endswith(b"\n__import__('asyncio').run(__async_exec__())\n"), out)
        self.assertEqual(self.run_script(sys.executable, out).stdout, b"no newline\n")

    def test_runner_keeps_crlf(self):
        src = self.write("a.py", b"x = 1\r\nprint(x)\r\n")
        out = run("--runner", "asyncio", src).stdout
        self.assertNotIn(b"\n", out.replace(b"\r\n", b""))
        self.assertEqual(self.run_script(sys.executable, out).stdout, b"1\n")

    def test_wrapper_option(self):
        src = self.write("a.py", AWAITING)
        out = run("--wrapper", "run_cell", "--runner", "asyncio", src).stdout
        self.assertIn(b"async def run_cell():", out)
        self.assertIn(b"run(run_cell())", out)
        self.assertNotIn(b"__async_exec__", out)

    def test_notebook(self):
        nb = {"nbformat": 4, "nbformat_minor": 5,
              "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
              "cells": [
                  {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# title"},
                  {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [],
                   "execution_count": None,
                   "source": ["import asyncio\n", "x = await asyncio.sleep(0, result=3)"]},
                  {"cell_type": "code", "id": "b", "metadata": {}, "outputs": [],
                   "execution_count": None, "source": "%time y = 2\nprint(x * 2)"}]}
        path = self.write("n.ipynb", json.dumps(nb).encode())
        proc = run("--runner", "asyncio", path)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn(b"# %% [cell", proc.stdout)
        result = self.run_script(sys.executable, proc.stdout)
        self.assertEqual(result.stdout, b"6\n", result.stderr)

    def test_warning_on_stderr(self):
        src = self.write("a.py", b'"""doc"""\nfrom __future__ import annotations\n"shown?"\n')
        proc = run("--mode", "interactive", src)
        self.assertEqual(proc.returncode, 0)
        self.assertIn(b"warning:", proc.stderr)
        self.assertIn(b"[lift-interactive-docstring]", proc.stderr)


if __name__ == "__main__":
    if "--asynclift" not in sys.argv:
        sys.exit("usage: test_cli.py --asynclift PATH [unittest options]")
    i = sys.argv.index("--asynclift")
    ASYNCLIFT = os.path.abspath(sys.argv[i + 1])
    del sys.argv[i:i + 2]
    unittest.main()
