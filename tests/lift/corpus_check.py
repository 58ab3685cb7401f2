"""Target side of the lift corpus test: does CPython accept each original and each lift?

Runs under the CPython being tested (3.8+, stdlib only). Reads JSON lines on stdin,
{"id", "path", "lifted"} (lifted: a path, or null when asynclift did not lift the file), and
answers one JSON line each, {"id", "valid", "lifted_compiles", "error"}:

  valid            compile(original bytes, "exec", flags=PyCF_ALLOW_TOP_LEVEL_AWAIT) works
  lifted_compiles  compile(lifted bytes, "exec") works — as plain module code, without the
                   top-level-await flag: the lift must not need it (null when not lifted)
"""

import ast
import json
import sys
import warnings


def compiles(data, path, flags):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(data, path, "exec", flags=flags, dont_inherit=True)
        return True, None
    except (SyntaxError, ValueError, MemoryError, RecursionError, OverflowError) as e:
        return False, "%s: %s (line %s)" % (type(e).__name__, getattr(e, "msg", e),
                                             getattr(e, "lineno", None))


def main():
    validity = {}  # the same original comes once per mode
    for line in sys.stdin:
        req = json.loads(line)
        if req["path"] not in validity:
            with open(req["path"], "rb") as fh:
                validity[req["path"]] = compiles(fh.read(), req["path"],
                                                 ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)[0]
        valid = validity[req["path"]]
        answer = {"id": req["id"], "valid": valid, "lifted_compiles": None, "error": None}
        if req["lifted"]:
            with open(req["lifted"], "rb") as fh:
                ok, error = compiles(fh.read(), req["lifted"], 0)
            answer["lifted_compiles"], answer["error"] = ok, error
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
