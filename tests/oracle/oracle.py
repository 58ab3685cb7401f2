"""CPython oracle: what does THIS interpreter say about a piece of source?

Runs under the target interpreter (CPython 3.8 .. 3.13), stdlib only.

Protocol: one JSON object per line on stdin, either
    {"id": ..., "path": "/abs/file.py"}         -- the file's BYTES are compiled
    {"id": ..., "source": "text", "filename": "<probe>"}
                                                  -- text is encoded as UTF-8 and
                                                     compiled as bytes, exactly as
                                                     if it had been written to a file
and one JSON object per line on stdout, in the same order:
    {"id": ..., "ok": bool, "needs_async": bool|null,
     "stage": "ok"|"parse"|"compile"|"other",
     "error": null | {"type", "msg", "lineno", "offset", "end_lineno", "end_offset"}}

Compiling bytes means PEP 263 coding cookies and a UTF-8 BOM apply, as for a
module.  The verdict uses
    compile(src, path, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
and needs_async = bool(code.co_flags & inspect.CO_COROUTINE).

stage, when the full compile fails:
    "parse"   -- the same source also fails with PyCF_ONLY_AST (tokenizer/parser,
                 or CPython 3.8's AST construction); asynclift must merely flag it;
    "compile" -- only the full compile fails with a SyntaxError (symtable, compiler,
                 __future__ checks); asynclift must reproduce message and line;
    "other"   -- only the full compile fails, with something that is not a
                 SyntaxError (RecursionError/MemoryError in the compiler), or the
                 input could not even be read.
The recursion limit is pinned to CPython's default (1000) because the depth at
which the compiler gives up is part of the observable behaviour.
"""

import ast
import inspect
import json
import sys
import warnings

FLAGS = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
AST_FLAGS = ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT


def _int_or_none(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def describe(exc):
    """JSON-friendly description of an exception raised by compile()."""
    err = {"type": type(exc).__name__, "msg": None, "lineno": None,
           "offset": None, "end_lineno": None, "end_offset": None}
    if isinstance(exc, SyntaxError):
        err["msg"] = exc.msg if isinstance(exc.msg, str) else str(exc.msg)
        err["lineno"] = _int_or_none(exc.lineno)
        err["offset"] = _int_or_none(exc.offset)
        err["end_lineno"] = _int_or_none(getattr(exc, "end_lineno", None))
        err["end_offset"] = _int_or_none(getattr(exc, "end_offset", None))
    else:
        try:
            err["msg"] = str(exc)
        except Exception:  # pragma: no cover - exotic __str__
            err["msg"] = repr(exc)
    return err


def judge(src, filename):
    """Return (ok, needs_async, stage, error) for source bytes."""
    try:
        code = compile(src, filename, "exec", flags=FLAGS, dont_inherit=True)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # SyntaxError, ValueError, RecursionError, ...
        full_error = describe(exc)
        full_is_syntax = isinstance(exc, SyntaxError)
    else:
        return True, bool(code.co_flags & inspect.CO_COROUTINE), "ok", None
    try:
        compile(src, filename, "exec", flags=AST_FLAGS, dont_inherit=True)
    except KeyboardInterrupt:
        raise
    except BaseException:
        return False, None, "parse", full_error
    return False, None, ("compile" if full_is_syntax else "other"), full_error


def answer(request):
    rid = request.get("id")
    try:
        if "path" in request:
            filename = request["path"]
            with open(filename, "rb") as fh:
                src = fh.read()
        else:
            filename = request.get("filename") or "<probe>"
            src = request["source"].encode("utf-8", "surrogatepass")
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        return {"id": rid, "ok": False, "needs_async": None, "stage": "other",
                "error": describe(exc)}
    ok, needs_async, stage, error = judge(src, filename)
    return {"id": rid, "ok": ok, "needs_async": needs_async, "stage": stage,
            "error": error}


def main():
    warnings.simplefilter("ignore")
    sys.setrecursionlimit(1000)
    stdin = sys.stdin.buffer
    stdout = sys.stdout
    for raw in stdin:
        if not raw.strip():
            continue
        try:
            request = json.loads(raw.decode("utf-8"))
        except ValueError as exc:
            request = None
            reply = {"id": None, "ok": False, "needs_async": None, "stage": "other",
                     "error": {"type": "ProtocolError", "msg": str(exc), "lineno": None,
                               "offset": None, "end_lineno": None, "end_offset": None}}
        if request is not None:
            reply = answer(request)
        stdout.write(json.dumps(reply) + "\n")
        stdout.flush()


if __name__ == "__main__":
    main()
