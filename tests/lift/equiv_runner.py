"""Target side of the lift equivalence test: runs programs as module code and as lifted code.

Runs under the CPython being tested (3.8+, stdlib only; trio when importable). Reads JSON
lines on stdin, one per run:

    {"id", "source_path", "lifted_path", "line_offset", "mode", "driver", "module", "wrapper"}

and for each answers one JSON line {"id", "reference": observation, "lifted": observation}.
Each side runs in a forked child (so nothing one run does — imports, sys.modules, builtins._ —
leaks into the next), in a fresh module registered in sys.modules:

  reference  exec: compile(source, flags=PyCF_ALLOW_TOP_LEVEL_AWAIT) and await the result
             interactive: the same statements compiled as an ast.Interactive in "single" mode
             last-expr: all but a final expression statement as a module, then that
                        expression in "eval" mode (IPython's last_expr); its value is the result
  lifted     exec(lifted code), then await module[wrapper]()

An observation is everything the contract says must be equal: stdout, sys.displayhook calls,
the result, the exception (type, message, traceback lines in the program), the final
globals (values described structurally: qualnames, modules, first lines of code objects,
annotations), whether each function/class/instance pickles, and whether asyncio got imported.
"""

import ast
import inspect
import io
import json
import os
import pickle
import re
import signal
import sys
import traceback
import types

HERE = os.path.dirname(os.path.abspath(__file__))
SUPPORT = os.path.join(HERE, "support")
FLAG = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
TIMEOUT = 20
NAMESPACE = {"id": None}  # the program's globals: described by name (it holds the wrapper)


# ---------------------------------------------------------------------------------------------
# Describing values


def _code_info(code):
    info = {"firstlineno": code.co_firstlineno, "name": code.co_name}
    if hasattr(code, "co_qualname"):
        info["qualname"] = code.co_qualname
    return info


def describe(v, module, depth=0, seen=None):
    """A JSON-able structure equal for equal values; functions and classes by identity data."""
    seen = set() if seen is None else seen
    if depth > 6:
        return ["deep", type(v).__name__]
    if v is None or isinstance(v, (bool, int, float, complex, str, bytes)):
        return ["lit", repr(v)]
    if id(v) == NAMESPACE["id"]:
        return ["the module namespace"]
    if id(v) in seen:
        return ["cycle", type(v).__name__]
    seen = seen | {id(v)}
    d = lambda x: describe(x, module, depth + 1, seen)
    if isinstance(v, (list, tuple)):
        return [type(v).__name__, [d(x) for x in v]]
    if isinstance(v, (set, frozenset)):
        return [type(v).__name__, sorted((d(x) for x in v), key=repr)]
    if isinstance(v, dict):
        return ["dict", [[d(k), d(x)] for k, x in v.items()]]
    if isinstance(v, types.FunctionType):
        return ["function", {"qualname": v.__qualname__, "name": v.__name__,
                             "module": v.__module__, "code": _code_info(v.__code__),
                             "defaults": d(v.__defaults__),
                             "annotations": d(getattr(v, "__annotations__", None))}]
    if isinstance(v, (staticmethod, classmethod)):
        return [type(v).__name__, d(v.__func__)]
    if isinstance(v, property):
        return ["property", d(v.fget), d(v.fset)]
    if isinstance(v, types.MethodType):
        return ["method", d(v.__func__), type(v.__self__).__qualname__]
    if isinstance(v, types.ModuleType):
        return ["module", v.__name__]
    if isinstance(v, (types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType)):
        code = getattr(v, "gi_code", None) or getattr(v, "cr_code", None) or v.ag_code
        return [type(v).__name__, v.__qualname__, _code_info(code)]
    if isinstance(v, type):
        if v.__module__ != module:
            return ["type", v.__module__, v.__qualname__]
        body = {k: d(x) for k, x in sorted(vars(v).items())
                if k not in ("__dict__", "__weakref__", "__doc__")}
        return ["class", {"qualname": v.__qualname__, "name": v.__name__, "module": v.__module__,
                          "bases": [b.__qualname__ for b in v.__bases__], "body": body}]
    if isinstance(v, BaseException):
        return ["exception", type(v).__qualname__, d(v.args)]
    if type(v).__module__ == module and hasattr(v, "__dict__"):
        return ["instance", type(v).__qualname__, d(vars(v))]
    if hasattr(type(v), "__qualname__") and type(v).__qualname__ in ("TypeVar", "TypeAliasType"):
        return [type(v).__qualname__, v.__name__, getattr(v, "__module__", None),
                d(getattr(v, "__value__", None)) if hasattr(v, "__value__") else None]
    return ["repr", type(v).__qualname__, ADDRESS.sub("", repr(v))]


def pickles(v, module):
    """Whether v survives pickle (for the program's own functions, classes and instances)."""
    own = (isinstance(v, (types.FunctionType, type)) and getattr(v, "__module__", None) == module) \
        or (type(v).__module__ == module and not isinstance(v, type))
    if not own:
        return None
    try:
        back = pickle.loads(pickle.dumps(v))
    except Exception as e:  # noqa: BLE001 - the type is the observation
        return "error " + type(e).__name__
    if isinstance(v, (types.FunctionType, type)):
        return "ok" if back is v else "ok-different-object"
    return "ok"


# ---------------------------------------------------------------------------------------------
# Drivers


def drive(driver, make_coro):
    if driver == "asyncio":
        import asyncio
        return asyncio.run(make_coro())
    if driver == "trio":
        import trio
        return trio.run(make_coro)
    coro = make_coro()  # "manual": no event loop at all
    try:
        while True:
            coro.send(None)
    except StopIteration as stop:
        return stop.value


async def _await_if_coroutine(value):
    if inspect.iscoroutine(value):
        return await value
    return value


def reference(source, filename, mode, g):
    if mode == "exec":
        code = compile(source, filename, "exec", flags=FLAG, dont_inherit=True)
        return lambda: _run_codes(g, [code], None)
    tree = ast.parse(source, filename)
    if mode == "interactive":
        code = compile(ast.Interactive(body=tree.body), filename, "single", flags=FLAG,
                       dont_inherit=True)
        return lambda: _run_codes(g, [code], None)
    body = tree.body
    if body and isinstance(body[-1], ast.Expr):
        head = compile(ast.Module(body=body[:-1], type_ignores=[]), filename, "exec", flags=FLAG,
                       dont_inherit=True)
        tail = compile(ast.Expression(body=body[-1].value), filename, "eval", flags=FLAG,
                       dont_inherit=True)
        return lambda: _run_codes(g, [head], tail)
    code = compile(source, filename, "exec", flags=FLAG, dont_inherit=True)
    return lambda: _run_codes(g, [code], None)


async def _run_codes(g, codes, tail):
    for code in codes:
        await _await_if_coroutine(eval(code, g))
    if tail is not None:
        return await _await_if_coroutine(eval(tail, g))
    return None


def lifted(code_bytes, filename, wrapper, g):
    code = compile(code_bytes, filename, "exec", dont_inherit=True)
    exec(code, g)
    fn = g[wrapper]
    return lambda: _call_wrapper(fn)


async def _call_wrapper(fn):
    return await fn()


# ---------------------------------------------------------------------------------------------
# One run


def observe(req, side):
    filename = req["source_path"]
    module_name = req["module"]
    sys.path[:0] = [SUPPORT]
    import liftsupport
    liftsupport.DRIVER = req["driver"]
    module = types.ModuleType(module_name)
    module.__package__ = module_name.rpartition(".")[0]
    sys.modules[module_name] = module
    g = module.__dict__
    NAMESPACE["id"] = id(g)
    displayed = []
    out = io.StringIO()
    real_stdout = sys.stdout

    def hook(value):
        displayed.append(describe(value, module_name))
        sys.__displayhook__(value)

    obs = {"result": None, "exception": None, "traceback": []}
    asyncio_before = "asyncio" in sys.modules
    try:
        with open(filename, "rb") as fh:
            source = fh.read()
        if side == "reference":
            make = reference(source, filename, req["mode"], g)
        else:
            with open(req["lifted_path"], "rb") as fh:
                make = lifted(fh.read(), filename, req["wrapper"], g)
        sys.stdout = out
        sys.displayhook = hook
        obs["result"] = describe(drive(req["driver"], make), module_name)
    except BaseException as e:  # noqa: BLE001 - programs may raise anything, SystemExit too
        obs["exception"] = [type(e).__qualname__, str(e)]
        obs["traceback"] = [[f.name, f.lineno] for f in traceback.extract_tb(e.__traceback__)
                            if f.filename == filename]
    finally:
        sys.stdout = real_stdout
        sys.displayhook = sys.__displayhook__
    obs["stdout"] = out.getvalue()
    obs["displayed"] = displayed
    names = [k for k in g if k != "__builtins__" and not (side == "lifted" and k == req["wrapper"])]
    obs["order"] = names
    obs["globals"] = {k: describe(g[k], module_name) for k in names}
    obs["pickle"] = {k: p for k in names for p in [pickles(g[k], module_name)] if p}
    obs["asyncio_imported"] = not asyncio_before and "asyncio" in sys.modules
    obs["wrapper_left"] = side == "lifted" and req["wrapper"] in g
    return obs


def run_forked(req, side):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        signal.alarm(TIMEOUT)
        try:
            data = json.dumps(observe(req, side))
        except BaseException as e:  # noqa: BLE001
            data = json.dumps({"harness_error": "".join(traceback.format_exception(
                type(e), e, e.__traceback__))})
        with os.fdopen(w, "w") as fh:
            fh.write(data)
        os._exit(0)
    os.close(w)
    with os.fdopen(r) as fh:
        data = fh.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        return {"harness_error": "child died (status %d)" % status}
    return json.loads(data)


def main():
    for line in sys.stdin:
        req = json.loads(line)
        if req["driver"] == "trio" and "trio" not in sys.modules:
            # Imported once here rather than in every child (trio does not import asyncio,
            # which the "manual" runs check stays out).
            import trio  # noqa: F401
        answer = {"id": req["id"],
                  "reference": run_forked(req, "reference"),
                  "lifted": run_forked(req, "lifted")}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
