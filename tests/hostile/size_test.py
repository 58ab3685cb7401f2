"""Big inputs: time, peak memory, and growth that must stay linear.

    python3 tests/hostile/size_test.py --asynclift build/cli/asynclift --case CASE

    big_file      a 50 MB .py file (an error planted on its last line)
    long_line     a 10 MB line (a list display), then `await` on the next line
    big_notebook  a 100 MB notebook, mostly embedded PNG images, an error in its last cell
    many_files    100,000 files in a folder tree, checked with --jobs 2
    growth        check and lift of inputs of size N and 4N, several shapes: the CPU time must
                  not grow more than GROWTH_LIMIT times (linear: 4; quadratic: 16)

Every run must finish with the right verdict (the planted error found at its line: the whole
input was read) and within the peak-memory bound of its case, measured from the child's
rusage (ru_maxrss). The bounds are the README's: a .py file costs at most 150 bytes of memory
per byte of source (tree-sitter's syntax tree dominates), a notebook's outputs cost nothing
beyond the file's own bytes, and many files are checked one at a time.
Each case prints what it measured: `big_file: 52.4 MB in 19.8 s CPU, peak 3907 MB`.

Exit status: 0 pass; 1 a failure.
"""

import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
import time

MB = 1 << 20
GROWTH_LIMIT = 7.0  # 4x the input may cost at most this many times the CPU time
# Peak RSS bound for a .py file, per byte of source (measured: 75 for ordinary code, 120 for a
# line of short tokens: the syntax tree grows with the number of tokens).
PY_BYTES_PER_BYTE = 150
BASE_RSS = 64 * MB  # the binary, its libraries and small allocations


def measure(cmd, cwd=None):
    """(exit status, stdout, CPU seconds, peak RSS in bytes, wall seconds) of one child."""
    started = time.time()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return (os.waitstatus_to_exitcode(status), text, usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss * 1024, time.time() - started)


def module_chunk(i):
    return ("def f_%d(a, b=1):\n    \"\"\"Doc.\"\"\"\n    x = [i * a for i in range(b)]\n"
            "    return x\n\nvalue_%d = f_%d(%d)\n" % (i, i, i, i))


def write_module(path, size, tail):
    """A module of about `size` bytes, then `tail`; returns the line count before the tail."""
    chunk = "".join(module_chunk(i) for i in range(500)).encode()
    lines = 0
    with open(path, "wb") as fh:
        for _ in range(max(1, size // len(chunk))):
            fh.write(chunk)
            lines += chunk.count(b"\n")
        fh.write(tail)
    return lines


def report(case, size, cpu, rss, wall):
    print("%s: %.1f MB in %.1f s CPU (%.1f s wall), peak %d MB" % (
        case, size / MB, cpu, wall, rss // MB))


def concise_has(out, path_part, line, message):
    return any(path_part in l and (":%d:" % line) in l and message in l for l in out.splitlines())


def case_big_file(a, d, failures):
    path = os.path.join(d, "big.py")
    lines = write_module(path, 50 * MB, b"return 1\n")
    size = os.path.getsize(path)
    status, out, cpu, rss, wall = measure([a, "check", "--format", "concise", path])
    report("big_file", size, cpu, rss, wall)
    if status != 1 or not concise_has(out, "big.py", lines + 1, "'return' outside function"):
        failures.append("big_file: the error on line %d not found (exit %d):\n%s" % (lines + 1, status, out[-2000:]))
    if rss > BASE_RSS + PY_BYTES_PER_BYTE * size:
        failures.append("big_file: peak %d MB is over the bound of %d bytes per byte" % (rss // MB, PY_BYTES_PER_BYTE))


def case_long_line(a, d, failures):
    path = os.path.join(d, "long.py")
    with open(path, "wb") as fh:
        fh.write(b"x = [")
        item = b"12345, 'text', (1, 2), "
        fh.write(item * (10 * MB // len(item)))
        fh.write(b"]\nawait x\n")
    size = os.path.getsize(path)
    status, out, cpu, rss, wall = measure([a, "check", "--format", "json", path])
    report("long_line", size, cpu, rss, wall)
    files = json.loads(out)["files"] if status in (0, 1) and out else []
    if status != 0 or not files or files[0]["needs_async"] is not True:
        failures.append("long_line: wanted exit 0 and needs_async (exit %d)" % status)
    if rss > BASE_RSS + PY_BYTES_PER_BYTE * size:
        failures.append("long_line: peak %d MB is over the bound" % (rss // MB))


def write_notebook(path, image_bytes, cells, error=True):
    png = base64.b64encode(os.urandom(MB)).decode()  # 1.33 MB of base64 per image
    images = image_bytes // len(png) + 1
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('{"cells": [')
        for i in range(cells):
            source = "return 1\n" if error and i == cells - 1 else "import asyncio\nawait asyncio.sleep(%d)\n" % i
            cell = {"cell_type": "code", "execution_count": i, "metadata": {}, "source": source,
                    "outputs": [{"output_type": "display_data", "metadata": {},
                                 "data": {"image/png": "@IMAGE@", "text/plain": ["<Figure>"]}}]
                    * (images // cells + (i < images % cells))}
            text = json.dumps(cell)
            fh.write((", " if i else "") + text.replace('"@IMAGE@"', '"' + png + '"'))
        fh.write('], "metadata": {"kernelspec": {"language": "python", "name": "python3"}}, '
                 '"nbformat": 4, "nbformat_minor": 5}\n')


def case_big_notebook(a, d, failures):
    path = os.path.join(d, "big.ipynb")
    write_notebook(path, 100 * MB, 40)
    size = os.path.getsize(path)
    status, out, cpu, rss, wall = measure([a, "check", "--format", "concise", path])
    report("big_notebook", size, cpu, rss, wall)
    if status != 1 or "cell 40:1:1: error: 'return' outside function" not in out:
        failures.append("big_notebook: the error in cell 40 not found (exit %d):\n%s" % (status, out[-2000:]))
    if rss > BASE_RSS + 2 * size:
        failures.append("big_notebook: peak %d MB is over twice the file's size" % (rss // MB))


def case_many_files(a, d, failures):
    root = os.path.join(d, "tree")
    count = 100000
    for i in range(count):
        folder = os.path.join(root, "p%03d" % (i // 1000))
        if i % 1000 == 0:
            os.makedirs(folder)
        with open(os.path.join(folder, "m%05d.py" % i), "w") as fh:
            fh.write("return 1\n" if i == count - 1 else "x = %d\nawait x\n" % i)
    status, out, cpu, rss, wall = measure([a, "check", "--format", "concise", "--jobs", "2", root])
    report("many_files (%d files)" % count, 0, cpu, rss, wall)
    summary = out.strip().splitlines()[-1] if out.strip() else ""
    if status != 1 or "(%d checked" % count not in summary or "m%05d.py:1:1: error" % (count - 1) not in out:
        failures.append("many_files: wanted exit 1, %d files checked and the one error: %s" % (count, summary))
    if rss > 512 * MB:
        failures.append("many_files: peak %d MB (bound 512 MB)" % (rss // MB))


def case_growth(a, d, failures):
    def py_statements(path, n):
        write_module(path, n, b"")

    def py_line(path, n):
        with open(path, "wb") as fh:
            fh.write(b"x = (" + b"a + f(b, c=[1, 2]) * " * (n // 22) + b"1)\nawait x\n")

    def py_nested(path, n):  # functions in functions, 50 deep, repeated: closures and scopes
        block = "".join("    " * k + "def g%d(a%d):\n" % (k, k) for k in range(50))
        block += "    " * 50 + "return " + " + ".join("a%d" % k for k in range(50)) + "\n"
        with open(path, "w") as fh:
            fh.write(block * max(1, n // len(block)))

    def notebook(path, n):
        with open(path, "w") as fh:
            cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                      "source": ["%%time\n", "x = [i async for i in f(%d)]\n" % i, "!ls\n"]}
                     for i in range(max(1, n // 150))]
            json.dump({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, fh)

    shapes = [("check, statements", py_statements, ".py", ["check"], 1 * MB),
              ("check, one long line", py_line, ".py", ["check"], 1 * MB),
              ("check, nested functions", py_nested, ".py", ["check"], 2 * MB),
              ("check, notebook cells", notebook, ".ipynb", ["check"], 2 * MB),
              ("lift, statements", py_statements, ".py", ["lift", "-o", os.devnull], 1 * MB)]
    for label, make, ext, cmd, n in shapes:
        times = []
        for size in (n, 4 * n):
            path = os.path.join(d, "growth" + ext)
            make(path, size)
            best = min(measure([a] + cmd + [path])[2] for _ in range(2))
            times.append(best)
        ratio = times[1] / max(times[0], 0.01)
        print("growth %-24s %.2f s -> %.2f s for 4x the input: x%.1f" % (label, times[0], times[1], ratio))
        if ratio > GROWTH_LIMIT:
            failures.append("growth %s: 4x the input took x%.1f the CPU time (limit x%.1f)" % (
                label, ratio, GROWTH_LIMIT))


CASES = {"big_file": case_big_file, "long_line": case_long_line, "big_notebook": case_big_notebook,
         "many_files": case_many_files, "growth": case_growth}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--asynclift", required=True)
    ap.add_argument("--case", choices=sorted(CASES), action="append")
    args = ap.parse_args(argv)
    a = os.path.abspath(args.asynclift)
    failures = []
    for case in args.case or sorted(CASES):
        with tempfile.TemporaryDirectory(prefix="asynclift-size-") as d:
            CASES[case](a, d, failures)
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
