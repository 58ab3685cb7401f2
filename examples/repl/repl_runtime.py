# The Python half of asynclift-repl. The C++ host (main.cpp) reads lines through this file,
# decides with asynclift when a cell is complete, reports CPython's SyntaxError for invalid
# cells, lifts valid ones into `async def __async_exec__()` (interactive mode) and hands the
# lifted text here. This file compiles it, runs the wrapper on asyncio or trio in one of the
# two loop models of bpo-34616, and prints what a Python console prints.
#
# It is executed into a private module that is not in sys.modules, so none of its names
# reach the session's namespace (__main__) — not even the wrapper, which is taken out of
# __main__ right after the lifted text has defined it.
#
# Loop models (--mode):
#   terminal  the event loop runs only while a cell runs: asyncio.run() / trio.run() per cell
#             that needs it; a cell that needs no event loop runs without one, as plain module
#             code does (so `asyncio.run(main())` typed at the prompt works).
#   kernel    one event loop runs for the whole session in a background thread; every cell is
#             submitted to it, and tasks a cell starts keep running between cells.
#
# Line numbers: each cell's own text is registered in linecache as "<cell N>", and the lifted
# code is compiled under that name from an AST whose positions are moved back to the cell's
# lines (see _to_cell_positions), so tracebacks, warnings and inspect show the user's lines.
#
# Ctrl-C: Python's SIGINT handler raises KeyboardInterrupt in the main thread only, and the
# kernel thread blocks SIGINT so that the kernel delivers it there. The first Ctrl-C cancels
# the running cell (task.cancel() / CancelScope.cancel()); when the cell is stuck in
# synchronous code on the kernel thread, a second one raises KeyboardInterrupt in that thread.
import ast
import concurrent.futures
import linecache
import signal
import sys
import threading
import traceback


_missing = object()


class Session:
    def __init__(self, loop, mode, history):
        self.namespace = sys.modules["__main__"].__dict__
        self.cells = set()  # the "<cell N>" file names registered in linecache
        self.history = None
        self.interactive = sys.stdin.isatty() and sys.stdout.isatty()
        if not hasattr(sys, "ps1"):
            sys.ps1 = ">>> "
        if not hasattr(sys, "ps2"):
            sys.ps2 = "... "
        if loop == "trio":
            __import__("trio")  # fail now, with a clear message, when trio is missing
        _point_executable_at_this_python()
        self.runner = (_TerminalRunner if mode == "terminal" else _KernelRunner)(loop)
        if self.interactive:
            self._set_up_readline(history)

    # --- input ---------------------------------------------------------------------------

    def read_line(self, primary):
        """The next line without its newline; None at end of input. KeyboardInterrupt when
        Ctrl-C is pressed at the prompt."""
        prompt = str(sys.ps1 if primary else sys.ps2)
        _flush()
        if self.interactive:
            try:
                return input(prompt)  # GNU readline (line editing, history) when available
            except EOFError:
                sys.stdout.write("\n")
                return None
        # Not a terminal: the prompt goes to stderr, as CPython's own console does it, so
        # that stdout holds only what the cells print.
        sys.stderr.write(prompt)
        sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            return None
        return line[:-1] if line.endswith("\n") else line

    def _set_up_readline(self, history):
        try:
            import readline
            import rlcompleter
        except ImportError:
            return
        readline.set_completer(rlcompleter.Completer(self.namespace).complete)
        if "libedit" in (readline.__doc__ or ""):
            readline.parse_and_bind("bind ^I rl_complete")
        else:
            readline.parse_and_bind("tab: complete")
        if history:
            self.history = history
            try:
                readline.read_history_file(history)
            except OSError:
                pass

    # --- output --------------------------------------------------------------------------

    def syntax_error(self, kind, message, lineno, offset, text, end_lineno, end_offset):
        """Prints the SyntaxError CPython raises for the cell, through sys.excepthook as
        CPython's console does: positions from asynclift, formatting from CPython."""
        cls = {"IndentationError": IndentationError, "TabError": TabError}.get(kind, SyntaxError)
        details = ("<stdin>", lineno, offset, text or None)
        if sys.version_info >= (3, 10):
            details += (end_lineno, end_offset)
        self._show(cls(message, details))

    def _show(self, exc, tb=None):
        sys.last_type, sys.last_value, sys.last_traceback = type(exc), exc, tb
        _flush()
        if tb is not None and sys.excepthook is sys.__excepthook__:
            # The traceback module reads the cells' lines from linecache; the built-in hook
            # of CPython before 3.13 only reads files.
            traceback.print_exception(type(exc), exc, tb)
        else:
            sys.excepthook(type(exc), exc, tb)
        _flush()

    def _report(self, exc):
        """Prints an exception from a cell, its traceback starting at the cell's own frame
        (the frames of this file and of the event loop above it are left out)."""
        tb = exc.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename not in self.cells:
            tb = tb.tb_next
        if tb is None and isinstance(exc, KeyboardInterrupt):
            self._show(KeyboardInterrupt())  # the cell was cancelled: as at the prompt
        elif tb is None:
            self._show(exc, exc.__traceback__)  # not from the cell: show everything
        else:
            self._show(exc.with_traceback(tb), tb)

    # --- running a cell ------------------------------------------------------------------

    def run_cell(self, number, source, lifted, line_offset, wrapper_name, needs_async):
        """Runs one lifted cell in __main__. Returns None, or the exit status when the cell
        raised SystemExit (exit(), quit(), sys.exit())."""
        filename = "<cell %d>" % number
        linecache.cache[filename] = (len(source), None, _lines(source, True), filename)
        self.cells.add(filename)
        # The cell does not use the wrapper's name (the lift refuses such a cell), but an
        # earlier cell may have bound it: it is put back before the cell runs.
        saved = self.namespace.get(wrapper_name, _missing)
        try:
            code = _compile_cell(lifted, filename, line_offset, source, wrapper_name)
            try:
                exec(code, self.namespace)
                wrapper = self.namespace[wrapper_name]
            finally:
                if saved is _missing:
                    self.namespace.pop(wrapper_name, None)
                else:
                    self.namespace[wrapper_name] = saved
            wrapper.__code__ = _as_module_code(wrapper.__code__)
            self.runner.run(wrapper, needs_async)
        except SystemExit as exc:
            return _exit_status(exc)
        except BaseException as exc:  # a console reports everything and goes on
            self._report(exc)
        finally:
            _flush()
        return None

    def close(self):
        try:
            self.runner.close()
        finally:
            if self.history:
                try:
                    import readline
                    readline.write_history_file(self.history)
                except OSError:
                    pass
            _flush()


def _point_executable_at_this_python():
    # An embedded interpreter guesses sys.executable from PATH, where `python3` may be
    # another installation: cells that start sys.executable (subprocess, multiprocessing)
    # should get the Python whose library runs them.
    import os
    candidate = os.path.join(sys.base_exec_prefix, "bin", "python%d.%d" % sys.version_info[:2])
    if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
        sys.executable = candidate


def _flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # a closed or replaced stream: nothing to flush
            pass


def _exit_status(exc):
    # CPython's rules for SystemExit at the top level.
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write("%s\n" % (code,))
    return 1


def _lines(text, keep_ends=False):
    # Lines as the tokenizer counts them (only "\n": str.splitlines would also split at form
    # feeds and other characters that do not end a Python line).
    parts = text.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    return [p + "\n" for p in parts] if keep_ends else parts


def _as_module_code(code):
    # Tracebacks say "in <module>" for the cell's own statements, as CPython's console does.
    if sys.version_info >= (3, 11):
        return code.replace(co_name="<module>", co_qualname="<module>")
    return code.replace(co_name="<module>")


# --- line numbers --------------------------------------------------------------------------
#
# The lift puts the cell's lines `line_offset` lines further down inside the wrapper, and
# indents each logical line by one unit. The lift's own trailer moves code nested in the
# wrapper (functions, classes, lambdas, comprehensions before 3.12) back to the cell's lines;
# the wrapper's own instructions stay `line_offset` lines down, and all columns are one
# indentation to the right. So before compiling, the AST is corrected:
#
# - columns of every node in the wrapper move to the cell's columns, where the cell's line
#   appears in the lifted line (indented, or an expression statement wrapped for
#   sys.displayhook); where it does not, the node covers the whole line, so that tracebacks
#   show the line without carets rather than wrong carets;
# - lines of the nodes the wrapper itself executes move to the cell's lines. Nodes that give
#   a nested code object its first line are left alone (the trailer moves those): def and
#   class statements and their first decorator, lambdas, comprehensions and generator
#   expressions (but their first iterable, evaluated by the wrapper, is moved), and anything
#   with PEP 695 type parameters. Errors raised by those few instructions (a def's own
#   MAKE_FUNCTION, the call of a first decorator, the body of a comprehension that 3.12+
#   inlines) keep the lifted line, `line_offset` lines further down.

def _compile_cell(lifted, filename, line_offset, source, wrapper_name):
    tree = ast.parse(lifted, filename)
    wrapper = next((node for node in tree.body
                    if isinstance(node, ast.AsyncFunctionDef) and node.name == wrapper_name), None)
    if wrapper is not None and line_offset > 0:
        _to_cell_positions(wrapper.body, line_offset, _lines(source), _lines(lifted))
    return compile(tree, filename, "exec", dont_inherit=True)


def _wrapper_own_nodes(nodes):
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if getattr(node, "type_params", None):
                continue
            if node.decorator_list:
                stack.extend(ast.iter_child_nodes(node.decorator_list[0]))
                stack.extend(node.decorator_list[1:])
            if isinstance(node, ast.ClassDef):
                stack.extend(node.bases)
                stack.extend(node.keywords)
            else:
                stack.extend(_evaluated_arguments(node.args, annotations=True))
                if node.returns is not None:
                    stack.append(node.returns)
        elif isinstance(node, ast.Lambda):
            stack.extend(_evaluated_arguments(node.args, annotations=False))
        elif isinstance(node, (ast.GeneratorExp, ast.ListComp, ast.SetComp, ast.DictComp)):
            stack.append(node.generators[0].iter)
        elif type(node).__name__ == "TypeAlias":
            continue
        else:
            yield node
            stack.extend(ast.iter_child_nodes(node))


def _evaluated_arguments(args, annotations):
    yield from args.defaults
    yield from (d for d in args.kw_defaults if d is not None)
    if annotations:
        for arg in (*args.posonlyargs, *args.args, args.vararg, *args.kwonlyargs, args.kwarg):
            if arg is not None and arg.annotation is not None:
                yield arg.annotation


def _to_cell_positions(body, line_offset, cell_lines, lifted_lines):
    cell_bytes = [line.encode("utf-8", "surrogatepass") for line in cell_lines] or [b""]
    shifts = {}

    def shift_of(line):  # bytes from a lifted column to the cell's column, or None
        if line not in shifts:
            cell = cell_bytes[line - 1]
            index = line + line_offset - 1
            lifted = lifted_lines[index].encode("utf-8", "surrogatepass") \
                if index < len(lifted_lines) else b""
            core = cell.strip()
            indent = len(cell) - len(cell.lstrip())
            if lifted == cell:
                shifts[line] = 0
            elif core and lifted.count(core) == 1:
                shifts[line] = lifted.index(core) - indent
            else:
                shifts[line] = None
        return shifts[line]

    def place(line, column, is_end):
        cell_line = min(max(line - line_offset, 1), len(cell_bytes))
        text = cell_bytes[cell_line - 1]
        if line - line_offset < 1:  # the wrapper's header (global, __annotations__ set-up)
            return cell_line, 0
        shift = shift_of(cell_line)
        if shift is None:
            return cell_line, len(text) if is_end else len(text) - len(text.lstrip())
        return cell_line, min(max(column - shift, 0), len(text))

    own = {id(node) for node in _wrapper_own_nodes(body)}
    for statement in body:
        for node in ast.walk(statement):
            if getattr(node, "lineno", None) is None:
                continue
            start = place(node.lineno, node.col_offset, False)
            end = None
            if getattr(node, "end_lineno", None) is not None:
                end = max(place(node.end_lineno, node.end_col_offset, True), start)
            if id(node) not in own:  # nested code: the trailer moves its lines; columns only
                start = (node.lineno, start[1])
                if end is not None:
                    end = (node.end_lineno, end[1])
                    if end < start:
                        end = start
            node.lineno, node.col_offset = start
            if end is not None:
                node.end_lineno, node.end_col_offset = end


# --- loop models ---------------------------------------------------------------------------

class _CellCancelled(Exception):
    """The cell was cancelled by Ctrl-C (trio kernel: the cell's cancel scope caught it)."""


def _run_without_loop(wrapper):
    # A cell that needs no event loop never suspends: its coroutine finishes in one step.
    coro = wrapper()
    try:
        coro.send(None)
    except StopIteration as stop:
        return stop.value
    coro.close()
    raise RuntimeError("asynclift-repl: a cell that needs no event loop suspended")


class _TerminalRunner:
    """The loop runs only while a cell runs (terminal IPython's model)."""

    def __init__(self, loop):
        self.loop = loop

    def run(self, wrapper, needs_async):
        if not needs_async:
            return _run_without_loop(wrapper)
        if self.loop == "trio":
            import trio
            return trio.run(wrapper)  # Ctrl-C: trio raises KeyboardInterrupt in the cell
        import asyncio
        # asyncio.run (3.11+) turns the first Ctrl-C into a cancellation of the cell.
        return asyncio.run(wrapper())

    def close(self):
        pass


class _KernelRunner:
    """One event loop for the whole session, in a background thread (a notebook kernel's
    model). Cells are submitted to it; what they start keeps running between cells."""

    def __init__(self, loop):
        self.loop_name = loop
        self.closing = False
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._thread_main, name="asynclift-repl-loop",
                                       daemon=True)
        self.thread.start()
        if not self.ready.wait(30):
            raise RuntimeError("asynclift-repl: the %s event loop did not start" % loop)

    def _thread_main(self):
        if hasattr(signal, "pthread_sigmask"):
            # Ctrl-C must reach the main thread, which waits for the cell and cancels it:
            # a signal delivered to this thread would not wake the main thread's wait.
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        if self.loop_name == "trio":
            self._serve_trio()
        else:
            self._serve_asyncio()

    # asyncio: run_coroutine_threadsafe-style submission, with the task kept for cancel().

    def _serve_asyncio(self):
        import asyncio
        self.asyncio = asyncio
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        self.ready.set()
        while not self.closing:
            try:
                self.loop.run_forever()
            except BaseException:  # KeyboardInterrupt/SystemExit from a cell's
                pass               # task: the task holds it; the loop goes on
        self.loop.close()

    # trio: one trio.run() with a nursery; cells are started in it through the trio token.

    def _serve_trio(self):
        import trio
        self.trio = trio
        while not self.closing:
            try:
                trio.run(self._trio_main)
            except BaseException as exc:  # never leave the session without a loop
                if not self.closing:
                    sys.stderr.write("asynclift-repl: the trio loop stopped (%r); "
                                     "starting a new one\n" % (exc,))

    async def _trio_main(self):
        async with self.trio.open_nursery() as nursery:
            self.nursery = nursery
            self.token = self.trio.lowlevel.current_trio_token()
            self.ready.set()
            await self.trio.sleep_forever()

    async def _trio_cell(self, wrapper, cell):
        try:
            with self.trio.CancelScope() as scope:
                cell.scope = scope
                if cell.cancel_requested:
                    scope.cancel()
                result = await wrapper()
        except BaseException as exc:  # handed to the main thread
            cell.done.set_exception(exc)
            return
        if scope.cancelled_caught:
            cell.done.set_exception(_CellCancelled())
        else:
            cell.done.set_result(result)

    def _submit(self, wrapper):
        cell = _Cell()
        if self.loop_name == "trio":
            self.token.run_sync_soon(self.nursery.start_soon, self._trio_cell, wrapper, cell)
            return cell

        def start():
            cell.task = self.loop.create_task(wrapper())
            cell.task.add_done_callback(cell.finish)

        self.loop.call_soon_threadsafe(start)
        return cell

    def _cancel(self, cell):
        if self.loop_name == "trio":
            self.token.run_sync_soon(cell.cancel)
        else:
            self.loop.call_soon_threadsafe(cell.cancel)

    def run(self, wrapper, needs_async):
        cell = self._submit(wrapper)
        interrupts = 0
        while True:
            try:
                error = cell.done.exception(timeout=None if interrupts == 0 else 1.0)
                break
            except concurrent.futures.TimeoutError:
                if interrupts == 1:
                    sys.stderr.write("asynclift-repl: the cell is still running (synchronous "
                                     "code?); press Ctrl-C again to interrupt it\n")
                    sys.stderr.flush()
                    interrupts = 2  # the hint once
            except KeyboardInterrupt:
                if interrupts == 0:
                    self._cancel(cell)
                    interrupts = 1
                elif not cell.done.done():
                    _raise_in_thread(self.thread, KeyboardInterrupt)
        if error is None:
            return cell.done.result()
        if interrupts and isinstance(error, (_CellCancelled, self._cancelled_error())):
            raise KeyboardInterrupt
        raise error

    def _cancelled_error(self):
        if self.loop_name == "trio":
            return _CellCancelled
        return self.asyncio.CancelledError

    def close(self):
        self.closing = True
        if self.loop_name == "trio":
            self.token.run_sync_soon(self.nursery.cancel_scope.cancel)
        else:
            async def shutdown():
                current = self.asyncio.current_task()
                tasks = [t for t in self.asyncio.all_tasks() if t is not current]
                for task in tasks:
                    task.cancel()
                await self.asyncio.gather(*tasks, return_exceptions=True)
                await self.loop.shutdown_asyncgens()
            try:
                self.asyncio.run_coroutine_threadsafe(shutdown(), self.loop).result(2)
            except BaseException:  # leaving anyway
                pass
            self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(2)


class _Cell:
    """One submitted cell: its result for the main thread, and how to cancel it."""

    def __init__(self):
        self.done = concurrent.futures.Future()
        self.task = None  # asyncio
        self.scope = None  # trio
        self.cancel_requested = False

    def finish(self, task):  # asyncio: done callback of the cell's task
        try:
            self.done.set_result(task.result())
        except BaseException as exc:  # CancelledError included
            self.done.set_exception(exc)

    def cancel(self):  # runs in the loop's thread
        self.cancel_requested = True
        if self.task is not None:
            self.task.cancel()
        if self.scope is not None:
            self.scope.cancel()


def _raise_in_thread(thread, exc_type):
    # For a cell stuck in synchronous code in the kernel thread, where cancellation cannot
    # reach it: raised at the thread's next bytecode (not inside a blocking C call).
    import ctypes
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident),
                                               ctypes.py_object(exc_type))
