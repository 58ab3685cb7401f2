#!/usr/bin/env python3
"""End-to-end tests of asynclift-repl (examples/repl, docs/repl.md).

Each test starts the real program and talks to it as a user would, either through a pipe
(stdin written line by line, with pauses where the scenario waits) or typed into a terminal
under tmux (send-keys, then the screen read back with capture-pane), and checks what it shows:

  session        (per --loop and --mode; --driver piped or tmux) awaits; functions and classes
                 defined in one cell and used by later ones; async for / async with; a
                 background task that, in kernel mode, progresses between cells (and, in
                 terminal mode, is cancelled when its cell ends); the nonlocal SyntaxError of
                 the seed; a traceback whose lines are the user's. Under tmux also Ctrl-C:
                 it cancels a cell that awaits, interrupts one stuck in synchronous code, and
                 drops an unfinished statement at the prompt, and the session goes on. Then
                 Ctrl-D (end of input) exits with status 0.
  syntax-errors  invalid cells print exactly what CPython prints for them (compared with the
                 interpreter the REPL embeds, run on its own), and the session goes on.
  syntax-errors-known
                 the invalid cells where the analysis still differs from CPython (run as a
                 known failure; it passes once the library agrees).
  console        continuation lines as CPython's console reads them, the namespace holds no
                 name of the REPL's own, exit() and SystemExit give the exit status.

Exit status 77 (ctest: skipped) with a SKIP line when the program was not built (no
libpython3-dev), when trio is needed and the embedded Python cannot import it, or when tmux is
missing; 1 with the transcript on a failure.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid

SKIP = 77
PROMPT_RE = re.compile(r"^(?:(?:>>>|\.\.\.) )+")


class Failure(Exception):
    pass


def skip(reason):
    print("SKIP: " + reason)
    sys.exit(SKIP)


# --- expectations ----------------------------------------------------------------------------
#
# A block is a list of lines that must appear consecutively; an item is a str (the whole line),
# a compiled regex (full match), or Optional(item) for a line that some Python versions print
# and others do not (the carets of 3.11+).

class Optional:
    def __init__(self, item):
        self.item = item


CARETS = re.compile(r" *[~^]+")  # 3.11+ marks the failing expression; 3.13 more often


def _line_matches(item, line):
    if isinstance(item, re.Pattern):
        return item.fullmatch(line) is not None
    return item == line


def _block_at(lines, start, block):
    i = start
    for item in block:
        if isinstance(item, Optional):
            if i < len(lines) and _line_matches(item.item, lines[i]):
                i += 1
            continue
        if i >= len(lines) or not _line_matches(item, lines[i]):
            return None
        i += 1
    return i


def find_blocks_in_order(lines, blocks, what):
    """Each block must appear after the previous one; returns nothing, raises Failure."""
    position = 0
    for block in blocks:
        for start in range(position, len(lines) + 1):
            end = _block_at(lines, start, block)
            if end is not None:
                position = end
                break
        else:
            shown = "\n".join(_describe(item) for item in block)
            raise Failure("%s: expected, in this order after the previous match:\n%s"
                          % (what, shown))


def _describe(item):
    if isinstance(item, Optional):
        return "[optional] " + _describe(item.item)
    if isinstance(item, re.Pattern):
        return "[regex] " + item.pattern
    return item


def without_prompts(text):
    # Piped stdin: prompts go to stderr (as CPython's console prints them), ahead of errors.
    return [PROMPT_RE.sub("", line) for line in text.splitlines()]


# --- the programs ----------------------------------------------------------------------------

class Repl:
    def __init__(self, path, loop, mode):
        self.path, self.loop, self.mode = path, loop, mode

    def argv(self, *extra):
        return [self.path, "--loop", self.loop, "--mode", self.mode, *extra]


def run_piped(repl, steps, timeout=45):
    """steps: lines to type, or a float: wait until the REPL has run everything typed so far
    (a marker cell prints a line), then that many seconds, idle at the prompt.
    Returns (status, stdout without the markers, stderr)."""
    process = subprocess.Popen(repl.argv("-q"), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8")
    out_lines, err_chunks = [], []
    seen = threading.Condition()

    def read_stdout():
        for line in process.stdout:
            with seen:
                out_lines.append(line)
                seen.notify_all()

    readers = [threading.Thread(target=read_stdout, daemon=True),
               threading.Thread(target=lambda: err_chunks.append(process.stderr.read()),
                                daemon=True)]
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + timeout
    try:
        for number, step in enumerate(steps):
            if isinstance(step, float):
                marker = "-- sync %d --\n" % number
                process.stdin.write("print(%r)\n" % marker.strip())
                process.stdin.flush()
                with seen:
                    if not seen.wait_for(lambda: marker in out_lines,
                                         max(0.0, deadline - time.monotonic())):
                        raise subprocess.TimeoutExpired(repl.path, timeout)
                    out_lines.remove(marker)
                time.sleep(step)
            else:
                process.stdin.write(step + "\n")
        process.stdin.close()
        process.wait(max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        for reader in readers:
            reader.join(5)
        raise Failure("timed out\n--- stdout\n%s\n--- stderr\n%s"
                      % ("".join(out_lines), "".join(err_chunks)))
    for reader in readers:
        reader.join(5)
    return process.returncode, "".join(out_lines), "".join(err_chunks)


class Tmux:
    """One asynclift-repl in a detached tmux session on a private server socket."""

    def __init__(self, repl):
        self.socket = "asynclift-repl-test-" + uuid.uuid4().hex[:8]
        command = " ".join(_quote(a) for a in repl.argv("-q"))
        # After the REPL exits, its status stays on the screen.
        shell = "%s; echo \"[exit $?]\"; sleep 60" % command
        self.tmux("new-session", "-d", "-s", "repl", "-x", "200", "-y", "60", shell)
        self.prompts = 0
        self.wait_for_prompt("the first prompt")

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.socket, "-f", os.devnull, *args],
                              capture_output=True, text=True, check=True).stdout

    def screen(self):
        return self.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "repl")

    def lines(self):
        return [line.rstrip() for line in self.screen().splitlines()]

    def _prompt_state(self, primary):
        lines = [line for line in self.lines() if line]
        count = sum(1 for line in lines if line in (">>>", "...") or PROMPT_RE.match(line + " "))
        waiting = bool(lines) and lines[-1] in ((">>>",) if primary else (">>>", "..."))
        return count, waiting

    def wait_for(self, predicate, what, timeout=15.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.05)
        raise Failure("timed out waiting for %s; the screen:\n%s" % (what, self.screen()))

    def wait_for_prompt(self, what, primary=False):
        """Waits for a new prompt with nothing typed after it (primary: `>>> ` only)."""
        def ready():
            count, waiting = self._prompt_state(primary)
            if waiting and count > self.prompts:
                self.prompts = count
                return True
            return False
        self.wait_for(ready, what)

    def wait_for_text(self, text, what):
        self.wait_for(lambda: text in self.screen(), what)

    def type_line(self, line):
        if line:
            self.tmux("send-keys", "-t", "repl", "-l", line)
        self.tmux("send-keys", "-t", "repl", "Enter")
        self.wait_for_prompt("the prompt after %r" % line)

    def type_lines(self, lines):
        for line in lines:
            if isinstance(line, float):
                time.sleep(line)
            else:
                self.type_line(line)

    def key(self, name):
        self.tmux("send-keys", "-t", "repl", name)

    def close(self):
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def _quote(arg):
    return "'" + arg.replace("'", "'\\''") + "'"


# --- the session scenario --------------------------------------------------------------------

def session_cells(loop, mode):
    lib = loop  # "asyncio" or "trio": both have sleep(seconds)
    cells = [
        "import %s, time" % lib,
        "async def double(n):",
        "    await %s.sleep(0.01)" % lib,
        "    return 2 * n",
        "",
        "class Counter:",
        "    def __init__(self):",
        "        self.n = 0",
        "    async def bump(self):",
        "        await %s.sleep(0)" % lib,
        "        self.n += 1",
        "        return self.n",
        "",
        "await double(21)",
        "c = Counter()",
        "[await c.bump() for _ in range(3)]",
        "async def numbers(k):",
        "    for i in range(k):",
        "        await %s.sleep(0)" % lib,
        "        yield i",
        "",
        "async for v in numbers(3):",
        "    print('got', v)",
        "",
        "import contextlib",
        "@contextlib.asynccontextmanager",
        "async def opened(name):",
        "    print('open', name)",
        "    yield name.upper()",
        "    print('close', name)",
        "",
        "async with opened('db') as handle:",
        "    print('using', handle)",
        "",
        # A background task: it outlives its cell only in kernel mode.
        "ticks = []",
        "async def ticker():",
        "    while True:",
        "        ticks.append(1)",
        "        await %s.sleep(0.01)" % lib,
        "",
    ]
    if loop == "asyncio":
        cells.append("task = asyncio.create_task(ticker()); await asyncio.sleep(0.05)")
    else:
        cells.append("task = trio.lowlevel.spawn_system_task(ticker); await trio.sleep(0.05)")
    cells += [
        "before = len(ticks)",
        0.6,  # the session is idle at the prompt
        "print('progress', len(ticks) > before + 10)",
        # The seed: a scope error that a naive `async def` wrapper would hide.
        "x = 1",
        "def f():",
        "    nonlocal x",
        "",
        "def boom(n):",
        "    if n > 2:",
        "        raise ValueError(f'too big: {n}')",
        "    return n",
        "",
        "for i in range(5):",
        "    await %s.sleep(0)" % lib,
        "    boom(i)",
        "",
        "total = 1 + undefined_name",
        "print('still here', await double(2))",
    ]
    return cells


def session_stdout(mode):
    return [["42"], ["[1, 2, 3]"], ["got 0", "got 1", "got 2"],
            ["open db", "using DB", "close db"],
            ["progress %s" % (mode == "kernel")],
            ["0", "1", "2"], ["still here 4"]]


SESSION_STDERR = [
    ['  File "<stdin>", line 2',
     "    nonlocal x",
     re.compile(r"    \^+"),
     "SyntaxError: no binding for nonlocal 'x' found"],
    ["Traceback (most recent call last):",
     re.compile(r'  File "<cell \d+>", line 3, in <module>'),
     "    boom(i)",
     Optional(CARETS),
     re.compile(r'  File "<cell \d+>", line 3, in boom'),
     "    raise ValueError(f'too big: {n}')",
     "ValueError: too big: 3"],
    ["Traceback (most recent call last):",
     re.compile(r'  File "<cell \d+>", line 1, in <module>'),
     "    total = 1 + undefined_name",
     Optional("                ^^^^^^^^^^^^^^"),
     "NameError: name 'undefined_name' is not defined"],
]


def test_session_piped(repl):
    status, out, err = run_piped(repl, session_cells(repl.loop, repl.mode))
    transcript = "--- stdout\n%s\n--- stderr\n%s" % (out, err)
    try:
        find_blocks_in_order(out.splitlines(), session_stdout(repl.mode), "stdout")
        find_blocks_in_order(without_prompts(err), SESSION_STDERR, "stderr")
        if status != 0:
            raise Failure("exit status %s at the end of input, not 0" % status)
    except Failure as failure:
        raise Failure("%s\n%s" % (failure, transcript))
    print("ok: piped session, %s loop, %s mode (%d lines typed)"
          % (repl.loop, repl.mode, sum(1 for s in session_cells(repl.loop, repl.mode)
                                       if isinstance(s, str))))


def test_session_tmux(repl):
    if not shutil.which("tmux"):
        skip("tmux is not installed (Debian: apt-get install tmux)")
    lib = repl.loop
    term = Tmux(repl)
    try:
        term.type_lines(session_cells(repl.loop, repl.mode))
        # Ctrl-C while a cell awaits: the cell is cancelled, the session goes on.
        term.tmux("send-keys", "-t", "repl", "-l", "await %s.sleep(30)" % lib)
        term.key("Enter")
        time.sleep(0.5)
        term.key("C-c")
        term.wait_for_prompt("the prompt after Ctrl-C in an awaiting cell", primary=True)
        term.type_line("print('after cancel', len(ticks) > 0)")
        # Ctrl-C in a cell stuck in synchronous code. In kernel mode it runs on the loop's
        # thread: the first Ctrl-C asks the cell to cancel, the second interrupts it.
        term.type_line("while True: pass")
        term.tmux("send-keys", "-t", "repl", "Enter")
        time.sleep(0.5)
        term.key("C-c")
        if repl.mode == "kernel":
            term.wait_for_text("press Ctrl-C again", "the hint after the first Ctrl-C")
            term.key("C-c")
        term.wait_for_prompt("the prompt after Ctrl-C in a busy cell", primary=True)
        # In kernel mode the background task survived both interrupts.
        term.type_line("before = len(ticks)")
        time.sleep(0.4)
        term.type_line("print('ticking after interrupts', len(ticks) > before)")
        # Ctrl-C at a continuation prompt drops the unfinished statement.
        term.tmux("send-keys", "-t", "repl", "-l", "unfinished = (1,")
        term.key("Enter")
        time.sleep(0.3)
        term.key("C-c")
        term.wait_for_prompt("the prompt after Ctrl-C at '... '", primary=True)
        term.type_line("print('unfinished' in globals())")
        term.key("C-d")
        term.wait_for_text("[exit ", "the exit status after Ctrl-D")
        lines = term.lines()
        screen = "\n".join(lines)
        try:
            stdout = session_stdout(repl.mode)
            find_blocks_in_order(lines, [[">>> await double(21)"] + stdout[0]] + stdout[1:],
                                 "screen")
            find_blocks_in_order(lines, SESSION_STDERR, "screen")
            traceback_or_interrupt = r"(KeyboardInterrupt|Traceback \(most recent call last\):)"
            interrupted_await = [">>> await %s.sleep(30)" % lib,
                                 re.compile(r"(\^C)?" + traceback_or_interrupt)]
            busy = [">>> while True: pass", "...",
                    re.compile(r"(\^C)*(asynclift-repl: the cell is still running.*|"
                               r"Traceback \(most recent call last\):)")]
            find_blocks_in_order(lines, [
                interrupted_await, ["after cancel True"], busy,
                [re.compile(r'  File "<cell \d+>", line 1, in <module>'),
                 "    while True: pass", Optional(CARETS), "KeyboardInterrupt"],
                ["ticking after interrupts %s" % (repl.mode == "kernel")],
                [">>> unfinished = (1,", re.compile(r"\.\.\. ?(\^C)?"), "KeyboardInterrupt"],
                [">>> print('unfinished' in globals())", "False"],
                ["[exit 0]"]], "screen")
        except Failure as failure:
            raise Failure("%s\n--- screen\n%s" % (failure, screen))
    finally:
        term.close()
    print("ok: tmux session, %s loop, %s mode" % (repl.loop, repl.mode))


# --- syntax errors ---------------------------------------------------------------------------

# Cells CPython rejects; each one prints one SyntaxError. An empty string ends a compound cell.
SYNTAX_CELLS = [
    ["x = = 1"],
    ["nonlocal x"],
    ["def f():", "    nonlocal x", ""],
    ["return 1"],
    ["yield 1"],
    ["break"],
    ["continue"],
    ["class C:", "    await x", ""],
    ["def w():", "    await x", ""],
    ["def p():", "    async with a: pass", ""],
    ["def p2():", "    async for a in b: pass", ""],
    ["def p3():", "    return [x async for x in y]", ""],
    ["def m():", "    x = 1", "    global x", ""],
    ["def q():", "    global x", "    x: int = 2", ""],
    ["def o():", "    z = 1", "    def i():", "        print(z)", "        nonlocal z", ""],
    ["class K:", "    nonlocal z", ""],
    ["def g(a):", "    global a", ""],
    ["def s():", "    from os import *", ""],
    ["[i for i in (j := range(3))]"],
    ["def k(a, a): pass", ""],
    ["f(a=1, a=2)"],
    ["del f()"],
    ["f() = 1"],
    ["None = 1"],
    ["a, *b, *c = d"],
    ["x = 1)"],
    ["x = 'abc"],
    ["é = = 1"],
    ["x = \"é\" + = 1"],
    ["if x:", "  a", "    b", ""],
    ["def h():", ""],
    ["for i in range(3):", "    pass", "else:", ""],
    ["if x"],
    ["if True:", "    x = = 2"],
    ["values = (1,", "  2, = 3)"],
]
SYNTAX_CELLS_3_10 = [  # from Python 3.10 on
    ["match x:", "    case a:", "        pass", "    case b:", "        pass", ""],
]
# Cells where asynclift-repl prints something else than CPython 3.11 because the analysis does
# (the caret's position or extent, the message, or which of two errors CPython raises first:
# the symbol table's before the compiler's, where the analysis only sorts them by position).
# repl.syntax_errors.known (label known-failure) passes once the library agrees on all of them.
SYNTAX_CELLS_KNOWN_DIFFERENT = [
    ["def g():", "    yield 1", "    return [(yield from g()) async for i in g()]", ""],
    ["from __future__ import braces"],
    ["f(**x, *y)"],
    ["f(x for x in y, 1)"],
    ["async def a():", "    return 1", "    yield", ""],
    ["await = 1"],
    ["[y := 1 for y in range(3)]"],
    ["x = 1 +"],
    ["print 'hi'"],
    ["try:", "    pass", ""],
    ["for i in range(3):", "  a = 1", " b = 2"],
]
# What CPython prints for a cell: compile it as asynclift-repl analyses it (module code with
# top-level await allowed), fill in the line for errors CPython raises without one (its
# console cannot read "<stdin>" back; the REPL has the line), print through sys.excepthook.
REFERENCE = r'''
import ast, io, json, sys
out = []
for cell in json.load(sys.stdin):
    try:
        compile(cell, "<stdin>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        out.append(None)
        continue
    except SyntaxError as e:
        if e.text is None and e.lineno:
            e.text = cell.split("\n")[e.lineno - 1] + "\n"
        buffer, sys.stderr = sys.stderr, io.StringIO()
        sys.__excepthook__(type(e), e.with_traceback(None), None)
        buffer, sys.stderr = sys.stderr, buffer
        out.append(buffer.getvalue())
print(json.dumps(out))
'''


def test_syntax_errors(repl, known_different=False):
    python, version = embedded_python(repl)
    syntax_cells = SYNTAX_CELLS_KNOWN_DIFFERENT if known_different else SYNTAX_CELLS
    if not known_different and version >= (3, 10):
        syntax_cells = syntax_cells + SYNTAX_CELLS_3_10
    steps = [line for cell in syntax_cells for line in cell] + ["print('alive')"]
    status, out, err = run_piped(repl, steps)
    lines = without_prompts(err)
    while lines and not lines[-1]:
        lines.pop()  # what is left of the last prompt
    if not known_different:  # the seed's case, whatever the reference says
        find_blocks_in_order(lines, [SESSION_STDERR[0]], "stderr")
    if out.strip() != "alive" or status != 0:
        raise Failure("the session did not go on after the errors (status %s)\n%s\n%s"
                      % (status, out, err))
    if not python:
        print("note: no stand-alone interpreter for the embedded Python; "
              "compared the seed case only")
        return
    cells = ["\n".join(cell) + "\n" for cell in syntax_cells]
    reference = subprocess.run([python, "-c", REFERENCE], input=json.dumps(cells),
                               capture_output=True, text=True, check=True)
    expected = json.loads(reference.stdout)
    for cell, text in zip(cells, expected):
        if text is None:
            raise Failure("%s accepts %r: not a syntax-error case" % (python, cell))
    if "".join(expected).splitlines() != lines:
        import difflib
        diff = "\n".join(difflib.unified_diff("".join(expected).splitlines(), lines,
                                             "CPython (%s)" % python, "asynclift-repl",
                                             lineterm=""))
        raise Failure("the SyntaxErrors differ from CPython's:\n" + diff)
    print("ok: %d invalid cells print what %s prints" % (len(cells), python))


def embedded_python(repl):
    """(a stand-alone interpreter of the embedded Python's version or None, its version)"""
    status, out, err = run_piped(repl, ["import sys", "print(sys.executable)",
                                        "print('%d.%d' % sys.version_info[:2])"])
    lines = out.split()
    if status != 0 or len(lines) != 2:
        raise Failure("cannot ask the REPL for its interpreter:\n%s\n%s" % (out, err))
    executable, version = lines
    version_tuple = tuple(int(part) for part in version.split("."))
    for candidate in (executable, shutil.which("python" + version)):
        if not candidate or not os.path.isfile(candidate):
            continue
        probe = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate, version_tuple
    return None, version_tuple


# --- console behaviour -----------------------------------------------------------------------

def test_console(repl):
    steps = [
        # A fresh session's namespace is CPython's console's: nothing of the REPL's own.
        "sorted(globals())",
        # A compound statement, even on one line, ends with an empty line.
        "if True: print('one-liner')",
        "",
        # Empty lines inside brackets and triple-quoted strings do not end a statement.
        "def documented():",
        "    '''first",
        "",
        "    second'''",
        "    return 1",
        "",
        "documented.__doc__",
        "numbers = [",
        "",
        "    1, 2]",
        "numbers",
        "joined = 1 + \\",
        "    2",
        "joined",
        "try:",
        "    1 / 0",
        "except ZeroDivisionError:",
        "    print('caught')",
        "",
        # Expression statements are displayed also inside blocks at module level, not in defs.
        "for i in range(2):",
        "    i * 10",
        "",
        # A cell that needs no event loop still runs; one that binds the wrapper's own name
        # keeps it.
        "__async_exec__ = 'mine'",
        "import asyncio",
        "await asyncio.sleep(0, result=__async_exec__)",
        "sorted(k for k in globals() if not k.startswith('__') or k == '__async_exec__')",
        # The statement pending at the end of input runs before the REPL exits.
        "for i in range(2):",
        "    print('last', i)",
    ]
    status, out, err = run_piped(repl, steps)
    expected = [
        ["['__annotations__', '__builtins__', '__doc__', '__loader__', '__name__', "
         "'__package__', '__spec__']"],
        ["one-liner"], [re.compile(r"'first\\n\\n(    )?second'")],  # 3.13 dedents docstrings
        ["[1, 2]"], ["3"], ["caught"],
        ["0", "10"],
        ["'mine'"],
        ["['__async_exec__', 'asyncio', 'documented', 'i', 'joined', 'numbers']"],
        ["last 0", "last 1"],
    ]
    try:
        find_blocks_in_order(out.splitlines(), expected, "stdout")
        if err.replace(">>> ", "").replace("... ", "").strip():
            raise Failure("unexpected output on stderr")
        if status != 0:
            raise Failure("exit status %s at the end of input, not 0" % status)
    except Failure as failure:
        raise Failure("%s\n--- stdout\n%s\n--- stderr\n%s" % (failure, out, err))
    for cells, want_status, want_err in (
            (["exit(3)", "print('not reached')"], 3, ""),
            (["import asyncio", "await asyncio.sleep(0)", "raise SystemExit('bye')"], 1, "bye"),
            (["import sys", "sys.exit()"], 0, "")):
        status, out, err = run_piped(repl, cells)
        if status != want_status or "not reached" in out or want_err not in err:
            raise Failure("%r: exit status %s (want %s)\n%s\n%s"
                          % (cells, status, want_status, out, err))
    print("ok: console input, namespace and exit status (%d lines)" % len(steps))


# --- main ------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("test", choices=["session", "syntax-errors", "syntax-errors-known",
                                         "console"])
    parser.add_argument("--repl", help="the asynclift-repl executable")
    parser.add_argument("--not-built", metavar="REASON",
                        help="the REPL was not built: report REASON and skip")
    parser.add_argument("--driver", choices=["piped", "tmux"], default="piped")
    parser.add_argument("--loop", choices=["asyncio", "trio"], default="asyncio")
    parser.add_argument("--mode", choices=["terminal", "kernel"], default="kernel")
    args = parser.parse_args()
    if args.not_built:
        skip(args.not_built)
    if not args.repl or not os.access(args.repl, os.X_OK):
        raise SystemExit("error: no asynclift-repl at %r" % args.repl)
    repl = Repl(args.repl, args.loop, args.mode)
    if args.loop == "trio":
        probe = subprocess.run(repl.argv("-q"), input="", capture_output=True, text=True)
        if probe.returncode != 0 and "No module named 'trio'" in probe.stderr:
            skip("the Python that asynclift-repl embeds cannot import trio "
                 "(Debian: apt-get install python3-trio)")
    with tempfile.TemporaryDirectory() as home:
        os.environ["HOME"] = home  # readline must not touch the user's files
        try:
            if args.test == "session":
                (test_session_tmux if args.driver == "tmux" else test_session_piped)(repl)
            elif args.test.startswith("syntax-errors"):
                test_syntax_errors(repl, known_different=args.test.endswith("known"))
            else:
                test_console(repl)
        except Failure as failure:
            print("FAIL: %s" % failure)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
