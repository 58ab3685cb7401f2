"""IPython as the oracle for notebook cells.

    python3 tests/notebook/ipython_oracle.py --asynclift build/cli/asynclift [--cells 3000]
        [--seed 1] [--show 20] [--keep DIR]

Generates a corpus of cells full of IPython syntax (line magics, shell escapes, help, magic and
shell assignments, autocall, continuation lines, magics indented in blocks, cell magics,
prompts, indented cells) mixed with ordinary Python, valid code, top-level async code and scope
errors; writes them into notebooks; runs `asynclift check --format json` on them; and compares
each cell with what IPython and CPython say:

  IPython 8's TransformerManager transforms the cell exactly as transform_cell does (the same
  cleanup, cell_magic and token transformers; the transformers are wrapped only to record which
  lines they merge, so errors can be mapped back to the cell's own lines), and the result is
  compiled with ast.PyCF_ALLOW_TOP_LEVEL_AWAIT. Bodies of %%time, %%timeit and %%prun are
  transformed and compiled without the flag, %%capture bodies as cells, %%python bodies as plain
  Python; other cell magics are not Python and must get no finding.

Per cell: the oracle compiles → asynclift reports no error and the same needs_async; the parser
rejects it (or IPython's transformer raises) → asynclift reports at least one error; the
symtable/compiler rejects it → asynclift reports an error with the same message on the same line
of the cell. The corpus is run twice: with autoawait on, and after a `%autoawait False` cell
(top-level async code becomes an error).

Needs an interpreter with IPython (Debian: python3-ipython). If the running one lacks it, the
script re-runs itself under /usr/bin/python3; if that lacks it too it prints SKIP and exits 77.
Exit status: 0 all agree, 1 a disagreement, 2 setup error, 77 skipped.
"""

import argparse
import ast
import inspect
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import warnings


def ensure_ipython():
    try:
        import IPython  # noqa: F401
        return
    except ImportError:
        pass
    system = "/usr/bin/python3"
    if os.path.realpath(sys.executable) != os.path.realpath(system) and os.access(system, os.X_OK) \
            and not os.environ.get("ASYNCLIFT_ORACLE_REEXEC"):
        probe = subprocess.run([system, "-c", "import IPython"], capture_output=True)
        if probe.returncode == 0:
            env = dict(os.environ, ASYNCLIFT_ORACLE_REEXEC="1")
            sys.exit(subprocess.run([system] + sys.argv, env=env).returncode)
    print("SKIP: IPython is not installed for %s or /usr/bin/python3 (apt-get install python3-ipython)"
          % sys.executable)
    sys.exit(77)


# --------------------------------------------------------------------------------------------
# The corpus

PY_OK = [
    "import asyncio", "import os", "x = 1", "y = x % 3", "z = x != 2", "s = '100%'", 't = "what?"',
    "u = '!bang'", "v = {'a': 1}", "print('%d' % x)", "w = [i for i in range(3)]",
    "# comment with %magic !shell obj?", "a, b = 1, 2", "q = 'a' if x else 'b'", "r = f'{x}%'",
    "lst = [1, 2,\n       3]", "txt = '''\n%not_magic\n!not_shell\nobj?\n'''", "m = a %b",
    "k = (x\n     % 2)", "def f(a):\n    return a % 2", "class K:\n    n = 1",
    "for i in range(2):\n    pass", "while False:\n    break", "x += 1", "e = x if x != 3 else 0",
    "p = '#'  # a comment", "h = 1 + \\\n    2", "async def co():\n    await asyncio.sleep(0)",
    "def gen():\n    yield 1", "n = not x", "c = x  # trailing ?", "dd = {'%': '!'}",
    "fs = f'{x!r}'", "fq = f'{x!r:>10}?'", "caf\u00e9 = 1", "esc = 'a\\'b'", "raw = r'\\'",
    "bs = b'%s' % b'x'", "tpl = (1,\n   %2)", "cont = 'a' \\\n    'b'", "xx = {\n  'k': '!v',\n}",
    "sl = x[1:2]", "ann: int = 1", "if x:\n\tpass", "ws = 1   ", "mat = a @ b", "nb = ~x",
]
ASYNC = [
    "await asyncio.sleep(0)", "async with lock:\n    pass", "async for i in aiter():\n    pass",
    "res = [i async for i in aiter()]", "res = await asyncio.gather()", "print(await f())",
    "if x:\n    await asyncio.sleep(0)", "g = (i async for i in aiter())",
]
ERR = [
    "return 1", "yield 2", "nonlocal x", "break", "continue", "def f():\n    nonlocal nope",
    "class C:\n    await foo()", "def g():\n    await foo()", "def h():\n    print(x)\n    global x",
    "def k():\n    from os import *", "def d(a, a):\n    pass", "class D:\n    return 1",
    "def w():\n    [(y := 1) for y in range(3)]", "def ag():\n    yield 1\n    return 2\nasync def ag2():\n    yield 1\n    return 2",
    "def yf():\n    pass\nasync def yf2():\n    yield from x",
]
IPY = [
    "%matplotlib inline", "%time x = 1", "%timeit -n1 pass", "!ls -la", "!!ls", "!echo \"it's\"",
    "files = !ls", "out = %who_ls", "x = %time 1", "obj?", "obj??", "?obj", "??obj",
    "os.path.join?", "%pinfo os", "%load_ext autoreload", "%autoreload 2", "%env FOO=bar",
    "%config InlineBackend.figure_format = 'retina'", "!pip install numpy \\\n  pandas",
    "%time \\\n  x = 1", ",f a b", "/f a b", ";f a b", "x = !echo {y}", "%cd /tmp", "!echo $HOME",
    "%%time", "print(x)?", "x = y?", "a = b = !ls", "%time await asyncio.sleep(0)",
    "!echo '#' ?", "%who", "%%bash", "x = % time", "!echo ''' start", "%sx ls", "obj.attr?",
    "%time (1,\n       2)", "lst? ", "d['k']?", "x = !echo \\\n  more", "y = %env HOME",
    "v: int = %time 1", "%%capture",
]
# Corner cases: rarer, since most of them make the whole cell invalid.
IPY_EDGE = [
    "!ls # comment?", "obj?  ", "a?b", "x = (1,\n     %foo)", "caf\u00e9?", "\u03c0 = !ls",
    "%time '''\nmulti\n'''", '!echo """', "x = y if z else !ls", "f(x)??", "x.y.z??",
    "%%", "!", "?", "%", "x = %", "x = !", "  %indented_at_top", "%magic\\", "%a \\\n%b",
    "x =\\\n  %time 1", "obj?\nobj2?", "$x = 1", "`ls`", "x = 1 ?", "1?", "_?", "a*?",
    "%%time x = 1", "!echo {'a': 1}", "sub = %sx ls", "lst = !ls; y = 2", "%time x = 1; await z",
]
BLOCKS = ["if True:\n    {}", "for i in range(2):\n    {}", "def f():\n    {}", "async def g():\n    {}",
          "with open('x') as fh:\n    {}", "try:\n    {}\nexcept Exception:\n    pass",
          "if x:\n    pass\nelse:\n    {}"]
CELL_MAGICS = ["%%time", "%%timeit -n1 -r1", "%%capture cap", "%%prun", "%%bash", "%%writefile x.txt",
               "%%python3", "%%python", "%%html", "%%capture\n%%time", "%%time?", "%%script python",
               "%%script bash", "%%javascript"]


# Small pieces for "token soup" cells: mostly invalid, but where IPython finds its syntax in
# them (brackets left open or closed too often, stray quotes, continuations) is still exact.
# (No autocall escapes `,` `;` `/` here: IPython pastes the rest of such a line into the code it
# writes, brackets and quotes included, and asynclift only approximates that; docs/notebooks.md.
# No bare number either: the analyser does not flag every `1"""..."""` or `1%name name` yet, a
# parser gap outside notebooks.)
SOUP = ["%matplotlib inline\n", "!ls -la \\\n  x\n", "x = !ls\n", "y = %who\n", "obj?\n", "??x\n",
        "'''\n%x\n'''\n", "f'{x!r}'\n", "if x:\n    %time y\n", "  a\n b\n", "x = (1,\n %a)\n", "a?b\n",
        "\r\n", "\t", "\\", '"', "'", "#", "%", "!", "?", "=", "(", ")", "[", "]", "{", "}",
        " ", "\n", "x", "def f():\n", "    ", "print(x)?\n", "q?\n", "(a)?\n", "await y\n", "nonlocal z\n"]


def soup(rng):
    return "".join(rng.choice(SOUP) for _ in range(rng.randint(1, 16)))


def indent(text, prefix):
    return "\n".join(prefix + line if line else line for line in text.split("\n"))


def fragment(rng):
    r = rng.random()
    if r < 0.04:
        return rng.choice(IPY_EDGE)
    if r < 0.35:
        return rng.choice(IPY)
    if r < 0.50:
        return rng.choice(BLOCKS).format(indent(rng.choice(IPY), "    ")[4:])
    if r < 0.75:
        return rng.choice(PY_OK)
    if r < 0.88:
        return rng.choice(ASYNC)
    return rng.choice(ERR)


def make_cell(rng):
    parts = [fragment(rng) for _ in range(rng.randint(1, 6))]
    cell = "\n".join(parts)
    r = rng.random()
    if r < 0.15:
        cell = rng.choice(CELL_MAGICS) + "\n" + cell
    elif r < 0.20:
        cell = "\n  \n" + cell
    elif r < 0.25:
        cell = indent(cell, "  ")
    elif r < 0.27:
        cell = "\n".join((">>> " if i == 0 else "... ") + line for i, line in enumerate(cell.split("\n")))
    if rng.random() < 0.5:
        cell += "\n"
    if rng.random() < 0.03:
        cell = cell.replace("\n", "\r\n")
    return cell


# --------------------------------------------------------------------------------------------
# The oracle

class Oracle:
    def __init__(self):
        from IPython.core import inputtransformer2 as it2
        self.it2 = it2
        self.records = []
        for cls in (it2.MagicAssign, it2.SystemAssign, it2.EscapedCommand, it2.HelpEnd):
            original = cls.transform

            def wrapped(this, lines, original=original):
                out = original(this, lines)
                self.records.append((this.start_line, len(lines) - len(out)))
                return out
            cls.transform = wrapped

    def transform(self, cell):
        """('code', text, mapping) or ('magic', name, body, mapping); mapping: line index → cell line index."""
        it2 = self.it2
        tm = it2.TransformerManager()
        if not cell.endswith("\n"):
            cell += "\n"
        lines = cell.splitlines(keepends=True)
        mapping = list(range(len(lines)))
        kept = it2.leading_empty_lines(lines)
        mapping = mapping[len(lines) - len(kept):]
        lines = kept
        for t in tm.cleanup_transforms[1:]:
            lines = t(lines)
        if lines and lines[0].startswith("%%") and not re.match(r"%%\w+\?", lines[0]):
            name = lines[0][2:].rstrip().partition(" ")[0]
            return ("magic", name, lines[0][2:].rstrip().partition(" ")[2], "".join(lines[1:]), mapping[1:])
        self.records = []
        lines = tm.do_token_transforms(lines)
        self.replaced = set()  # the cell's lines IPython replaced by a call
        for start, removed in self.records:
            self.replaced.update(mapping[start:start + removed + 1])
            mapping = mapping[:start + 1] + mapping[start + 1 + removed:]
        return ("code", "".join(lines), mapping)

    def replaced_lines(self, cell):
        """The 0-based lines of `cell` IPython replaces, or None (a cell magic, or it raises)."""
        try:
            t = self.transform(cell)
        except Exception:
            return None
        return sorted(self.replaced) if t[0] == "code" else None

    def judge(self, cell, allow_await):
        """{'skip': True} | {'stage': 'ok', 'needs_async'} | {'stage': 'parse'} | {'stage': 'compile', 'msg', 'line'}."""
        try:
            t = self.transform(cell)
        except Exception as e:  # IPython itself refuses the cell
            return {"stage": "parse", "why": "transform raised %s" % type(e).__name__}
        if t[0] == "magic":
            name, args, body, body_map = t[1], t[2], t[3], t[4]
            interpreter = args.split()[0] if args.split() else ""
            if name in ("python", "python3") or (name == "script" and interpreter in ("python", "python3")):
                return self.compile_mapped(body, list(range(len(body.splitlines()) + 1)), body_map, False)
            if name in ("time", "timeit", "prun", "capture"):
                inner = self.judge(body, allow_await and name == "capture")
                if "line" in inner:
                    inner["line"] = body_map[inner["line"] - 1] + 1 if inner["line"] - 1 < len(body_map) else inner["line"]
                return inner
            return {"skip": True}
        return self.compile_mapped(t[1], t[2], None, allow_await)

    def compile_mapped(self, code, mapping, outer, allow_await):
        flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if allow_await else 0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                compile(code, "<cell>", "exec", flags | ast.PyCF_ONLY_AST, dont_inherit=True)
            except (SyntaxError, ValueError) as e:
                return {"stage": "parse", "why": "%s: %s" % (type(e).__name__, e)}
            try:
                co = compile(code, "<cell>", "exec", flags, dont_inherit=True)
            except SyntaxError as e:
                line = e.lineno or 0
                if 1 <= line <= len(mapping):
                    line = mapping[line - 1] + 1
                if outer is not None and 1 <= line <= len(outer):
                    line = outer[line - 1] + 1
                return {"stage": "compile", "msg": e.msg, "line": line}
            except Exception as e:
                return {"stage": "parse", "why": "%s: %s" % (type(e).__name__, e)}
        return {"stage": "ok", "needs_async": bool(co.co_flags & inspect.CO_COROUTINE)}


# --------------------------------------------------------------------------------------------

def notebook(cells):
    return {
        "cells": [{"cell_type": "code", "execution_count": None, "id": "c%d" % i, "metadata": {},
                   "outputs": [], "source": c} for i, c in enumerate(cells)],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5,
    }


def run_asynclift(binary, version, path):
    p = subprocess.run([binary, "check", "--format", "json", "--target-version", version, path],
                       capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise RuntimeError("asynclift exited %d: %s" % (p.returncode, p.stderr))
    return {c["index"]: c for c in json.loads(p.stdout)["files"][0]["cells"]}


LINE_BREAK = re.compile(r"\r\n|\r|\n")


def masked_lines(cell, result):
    """The 0-based lines of `cell` that asynclift's masking covers (from debug-mask spans)."""
    data = cell.encode("utf-8")
    lines = set()
    for span in result["spans"]:
        first = len(LINE_BREAK.findall(data[:span["begin"]].decode("utf-8", "replace")))
        last = len(LINE_BREAK.findall(data[:max(span["begin"], span["end"] - 1)].decode("utf-8", "replace")))
        lines.update(range(first, last + 1))
    return sorted(lines)


def compare(expected, got):
    errors = [d for d in got["diagnostics"] if d["severity"] == "error"] if got else []
    if expected.get("skip"):
        return None if not got or (not got["diagnostics"] and not got["async_sites"]) else "skipped cell has findings"
    stage = expected["stage"]
    if got is None:
        return "cell missing from asynclift's output"
    if stage == "ok":
        if errors:
            return "false error: %s @%d" % (errors[0]["message"], errors[0]["line"])
        if got["needs_async"] != expected["needs_async"]:
            return "needs_async %s, oracle %s" % (got["needs_async"], expected["needs_async"])
        return None
    if stage == "parse":
        return None if errors else "invalid cell (%s) without an error" % expected.get("why", "")
    if any(d["message"] == expected["msg"] and d["line"] == expected["line"] for d in errors):
        return None
    return "missing scope error %r @%d (got %s)" % (expected["msg"], expected["line"],
                                                     ["%s @%d" % (d["message"], d["line"]) for d in errors])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--asynclift", required=True)
    ap.add_argument("--cells", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("--keep", help="write the notebooks here and keep them")
    args = ap.parse_args()
    ensure_ipython()
    if not os.access(args.asynclift, os.X_OK):
        print("ERROR: no asynclift binary at %s" % args.asynclift)
        return 2
    version = "%d.%d" % sys.version_info[:2]
    import IPython
    rng = random.Random(args.seed)
    # Every construct alone, in each block, and after a cell magic, then random mixtures.
    cells = []
    for construct in IPY + IPY_EDGE:
        cells.append(construct)
        cells.append(construct + "\nawait asyncio.sleep(0)\nnonlocal q")
        # (A magic ending in a backslash swallows the `except` line after it; the analyser does
        # not flag the `try` left without a handler yet, a parser gap outside notebooks.)
        cells += [b.format(indent(construct, "    ")[4:]) for b in BLOCKS
                  if not (construct.endswith("\\") and b.startswith("try"))]
        cells += [m + "\n" + construct for m in CELL_MAGICS]
    cells += [make_cell(rng) for _ in range(args.cells)]
    # Soup cells are compared on where IPython syntax is found only: their verdicts mostly test
    # the analyser's syntax checks (`{}x`, `x\` before a CRLF at the end, …), not notebooks.
    soup_from = len(cells)
    cells += [soup(rng) for _ in range(args.cells // 3)]
    oracle = Oracle()
    workdir = args.keep or tempfile.mkdtemp(prefix="asynclift-ipython-oracle-")
    os.makedirs(workdir, exist_ok=True)
    disagreements = []
    counts = {}
    for mode in ("autoawait", "autoawait-off"):
        allow = mode == "autoawait"
        lead = [] if allow else ["%autoawait False"]
        path = os.path.join(workdir, mode + ".ipynb")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(notebook(lead + cells), f, indent=1)
        try:  # what we write is a valid notebook, says Jupyter's nbformat (when installed)
            import nbformat
            with open(path, encoding="utf-8") as f:
                nbformat.validate(nbformat.read(f, as_version=4))
        except ImportError:
            pass
        got = run_asynclift(args.asynclift, version, path)
        for i, cell in enumerate(cells[:soup_from]):
            expected = oracle.judge(cell, allow)
            key = "skip" if expected.get("skip") else expected["stage"]
            counts[(mode, key)] = counts.get((mode, key), 0) + 1
            problem = compare(expected, got.get(i + len(lead)))
            if problem:
                disagreements.append((mode, i, cell, expected, problem))
    # Where: the lines IPython replaces are exactly the lines asynclift masks, in every cell that
    # IPython's output parses. (In a cell that does not parse, IPython's calls can interact with
    # an unclosed quote or bracket before them on the same line, which `0` cannot imitate; there
    # only the verdict above is compared.)
    jsonl = os.path.join(workdir, "cells.jsonl")
    with open(jsonl, "w", encoding="utf-8") as f:
        for cell in cells:
            f.write(json.dumps(cell) + "\n")
    p = subprocess.run([args.asynclift, "debug-mask", "--jsonl", jsonl], capture_output=True, text=True)
    masks = [json.loads(line) for line in p.stdout.splitlines()]
    if len(masks) != len(cells):
        print("ERROR: debug-mask gave %d results for %d cells: %s" % (len(masks), len(cells), p.stderr))
        return 2
    compared = 0
    for i, cell in enumerate(cells):
        want = oracle.replaced_lines(cell)
        if want is None or masks[i]["kind"] != "python" or oracle.judge(cell, True).get("stage") == "parse":
            continue
        compared += 1
        have = masked_lines(cell, masks[i])
        if have != want:
            disagreements.append(("where", i, cell, {"replaced_lines": want}, "masked lines %s" % have))
    os.unlink(jsonl)
    print("IPython %s, CPython %s: %d cells x 2 modes, masked lines of %d cells, %d disagreements" % (
        IPython.__version__, version, soup_from, compared, len(disagreements)))
    print("  oracle stages: " + ", ".join("%s/%s=%d" % (m, k, n) for (m, k), n in sorted(counts.items())))
    for mode, i, cell, expected, problem in disagreements[:args.show]:
        print("--- %s cell %d: %s\n    oracle: %s\n%s" % (mode, i, problem, expected, indent(cell, "    | ")))
    if not args.keep:
        for name in os.listdir(workdir):
            os.unlink(os.path.join(workdir, name))
        os.rmdir(workdir)
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
