# lift-test: drivers=any
# Exceptions of several kinds, the message of each, and exception groups where they exist.
import sys
results = []
for thunk in (lambda: 1 / 0, lambda: undefined_name, lambda: [].pop(), lambda: int("x"),
              lambda: None.attr, lambda: (_ for _ in ()).throw(KeyError("k"))):
    try:
        thunk()
    except Exception as exc:
        results.append((type(exc).__name__, str(exc)))
print(results)
try:
    super()
except RuntimeError as exc:
    print("super:", exc)
try:
    del never_bound
except NameError as exc:
    print("del:", exc)
if sys.version_info >= (3, 11):
    try:
        raise ExceptionGroup("group", [ValueError(1), TypeError(2)])
    except ExceptionGroup as eg:
        print(repr(eg))
raise SystemExit("bye")
