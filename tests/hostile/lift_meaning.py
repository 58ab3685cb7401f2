"""Lift meaning, property test: random runnable programs behave the same lifted.

    python3 tests/hostile/lift_meaning.py --python-version 3.12 --asynclift build/cli/asynclift
        [--count 300] [--seed 1] [--jobs 2] [--modes exec] [--keep DIR]

A small grammar-based generator writes --count module-level programs that run to the end or
raise midway: bindings and rebindings, augmented and annotated assignments (annotations with
side effects, `from __future__ import annotations`), `del`, if/for/while/try, functions with
`global`/`nonlocal`, closures and late binding, classes with methods, lambdas, every kind of
comprehension (walrus targets included), `await`, `async for`, `async with`, async
comprehensions, `locals()`/`exec`/`eval` at module level, star imports. Each is then run as
module code (compiled with ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, the coroutine driven without an
event loop when the code object is one) and as its `asynclift lift` under that CPython, by
tests/lift/equivalence.py, which compares stdout, the exception, the final globals and more.

Exit status: 0 all equal; 1 a difference (the program is printed); 77 when that CPython is
not installed (SKIP: ...), never a silent pass.
"""

import argparse
import os
import random
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lift"))
sys.path.insert(0, os.path.join(HERE, "..", "oracle"))
import equivalence  # noqa: E402
from run_oracle import find_python  # noqa: E402

GLOBALS = ["a", "b", "c", "d"]


class Gen:
    """One program at a time; `scope` is the stack of where the code being written sits."""

    def __init__(self, rng):
        self.r = rng
        self.scope = [{"kind": "module", "names": list(GLOBALS)}]
        self.comp = 0       # inside a comprehension (no async comprehension there: 3.8-3.10)
        self.functions = []  # sync functions defined at module level: callable later
        self.counter = 0

    def fresh(self, prefix):
        self.counter += 1
        return "%s%d" % (prefix, self.counter)

    def here(self):
        return self.scope[-1]["kind"]

    def can_await(self):
        return self.here() in ("module", "async") and not self.comp

    def readable(self):
        return self.scope[-1]["names"]

    # Expressions: ints, small enough to print.
    def expr(self, depth):
        r = self.r
        if depth <= 0 or r.random() < 0.25:
            return r.choice(self.readable() + ["1", "2", "7"])
        k = r.randrange(16)
        e = lambda: self.expr(depth - 1)  # noqa: E731
        if k in (0, 1):
            return "(%s + %s)" % (e(), e())
        if k == 2:
            return "((%s * %s) %% 1000)" % (e(), e())
        if k == 3:
            return "(%s // %s)" % (e(), e())  # may raise ZeroDivisionError: both must
        if k == 4:
            return "(%s if %s else %s)" % (e(), e(), e())
        if k == 5 and self.here() != "class" and not self.comp:
            return "(w := %s)" % e()
        if k in (6, 7):
            return self.comprehension(depth)
        if k == 8:
            arg = e()
            self.scope.append({"kind": "lambda", "names": self.readable() + ["q"]})
            try:
                body = e()
            finally:
                self.scope.pop()
            return "(lambda q: q + %s)(%s)" % (body, arg)
        if k == 9 and self.can_await():
            return "(await value(%s))" % e()
        if k == 10 and self.can_await():
            return "sum([t %s async for t in ticks(%d)])" % (
                self.r.choice(["+", "*"]) + " " + e(), r.randrange(4))
        if k == 11 and self.functions and self.here() != "class":
            return "%s(%s)" % (r.choice(self.functions), e())
        if k == 12:
            return "len(str(%s))" % e()
        return "(%s - %s)" % (e(), e())

    def comprehension(self, depth):
        r = self.r
        var = r.choice(["i", "j"])
        self.comp += 1
        self.scope[-1]["names"].append(var)
        try:
            elt = self.expr(depth - 1)
            if self.here() in ("module", "def", "async") and r.random() < 0.3:
                elt = "(w := %s)" % elt  # walrus in a comprehension binds in the enclosing scope
            cond = " if %s" % self.expr(depth - 1) if r.random() < 0.3 else ""
        finally:
            self.scope[-1]["names"].pop()
            self.comp -= 1
        it = "range(%d)" % r.randrange(4)
        kind = r.randrange(4)
        if kind == 0:
            return "sum([%s for %s in %s%s])" % (elt, var, it, cond)
        if kind == 1:
            return "len({%s for %s in %s%s})" % (elt, var, it, cond)
        if kind == 2:
            return "sum({%s: 1 for %s in %s%s})" % (elt, var, it, cond)
        return "sum(%s for %s in %s%s)" % (elt, var, it, cond)

    def target(self):
        s = self.scope[-1]
        return self.r.choice(s.get("assignable", GLOBALS))

    # Statements: lists of lines at an indentation.
    def block(self, depth, ind):
        out = []
        for _ in range(self.r.choice([1, 2, 2, 3])):
            out += self.stmt(depth, ind)
        return out

    def stmt(self, depth, ind):
        r = self.r
        p = "    " * ind
        e = lambda: self.expr(r.choice([1, 2, 3]))  # noqa: E731
        kind = self.here()
        k = r.randrange(30 if depth > 0 else 12)
        if k in (0, 1, 2):
            name = self.target()
            line = "%s%s = %s" % (p, name, e())
            if name not in self.readable():
                self.readable().append(name)
            return [line]
        if k == 3:
            name = self.target()
            if name not in self.readable():
                return ["%s%s = %s" % (p, name, e())]
            return ["%s%s += %s" % (p, name, e())]
        if k in (4, 5):
            return ["%sprint(%s, %s)" % (p, e(), e())]
        if k == 6 and kind != "class":
            return ["%sprint(f\"{%s} and {%s!r:>4}\")" % (p, e(), e())]
        if k == 7 and kind == "module":
            name = r.choice(GLOBALS + ["n"])
            ann = r.choice(["int", "'text'", "print('annotating', %s)" % r.choice(GLOBALS), "(a, b)"])
            if r.random() < 0.3:
                return ["%s%s: %s" % (p, name, ann)]
            return ["%s%s: %s = %s" % (p, name, ann, e())]
        if k == 8 and kind == "module":
            return ["%sdel %s" % (p, r.choice(GLOBALS + ["w", "n"]))]
        if k == 9 and kind == "module":
            return [p + r.choice([
                "print(sorted(k for k in locals() if not k.startswith('_')))",
                "print(sorted(k for k in vars() if not k.startswith('_')))",
                "print([k for k in dir() if not k.startswith('_')])",
                "exec('x = a + 1')",
                "print(eval('a * 2'))",
                "from starmod import *",
                "import math as m",
            ])]
        if k == 10 and self.can_await():
            return ["%sprint('awaited', await value(%s))" % (p, e())]
        if k == 11 and kind == "module" and r.random() < 0.2:
            return ["%sraise ValueError(%s)" % (p, e())]
        if depth <= 0:
            return ["%sprint(%s)" % (p, e())]
        inner = lambda: self.block(depth - 1, ind + 1)  # noqa: E731
        if k in (12, 13):
            return ["%sif %s:" % (p, e())] + inner() + ["%selse:" % p] + inner()
        if k == 14:
            var = self.target()
            self.readable().append(var)
            return ["%sfor %s in range(%d):" % (p, var, r.randrange(4))] + inner()
        if k == 15:
            guard = self.fresh("n")
            return (["%s%s = 0" % (p, guard), "%swhile %s < %d:" % (p, guard, r.randrange(3)),
                     "%s    %s += 1" % (p, guard)] + inner())
        if k == 16:
            return (["%stry:" % p] + inner() +
                     ["%sexcept (ZeroDivisionError, NameError) as err:" % p,
                      "%s    print('caught', type(err).__name__)" % p] +
                     (["%selse:" % p] + inner() if r.random() < 0.3 else []) +
                     (["%sfinally:" % p] + inner() if r.random() < 0.3 else []))
        if k in (17, 18) and kind in ("module", "def", "async"):
            return self.function(depth, ind, is_async=False)
        if k == 19 and kind in ("module", "async"):
            return self.function(depth, ind, is_async=True)
        if k == 20 and kind == "module":
            return self.klass(depth, ind)
        if k == 21 and self.can_await():
            var = self.target()
            self.readable().append(var)
            return ["%sasync for %s in ticks(%d):" % (p, var, r.randrange(3))] + inner()
        if k == 22 and self.can_await():  # binds a str: kept out of the int expressions
            return ["%sasync with Resource(%r) as res:" % (p, self.fresh("r"))] + inner()
        if k == 23 and kind == "module":
            name = r.choice(GLOBALS)
            return ["%sfn = lambda q=%s: q + %s" % (p, e(), name),
                    "%s%s = %s" % (p, name, e()), "%sprint(fn(), fn(1))" % p]
        return ["%sprint(%s)" % (p, e())]

    def function(self, depth, ind, is_async):
        r = self.r
        p = "    " * ind
        name = self.fresh("af" if is_async else "f")
        declared = r.sample(GLOBALS, r.randrange(3))
        outer = self.scope[-1]
        default = self.expr(1) if outer["kind"] != "class" else "1"
        frame = {"kind": "async" if is_async else "def", "names": GLOBALS + ["p"],
                 "assignable": ["loc", "p"] + declared}
        self.scope.append(frame)
        try:
            lines = ["%s%sdef %s(p=%s):" % (p, "async " if is_async else "", name, default)]
            if declared:
                lines.append("%s    global %s" % (p, ", ".join(declared)))
            lines.append("%s    loc = %s" % (p, self.expr(1)))
            frame["names"].append("loc")
            if r.random() < 0.3:
                inner = self.fresh("g")
                lines += ["%s    def %s():" % (p, inner), "%s        nonlocal loc" % p,
                          "%s        loc += 1" % p, "%s        return loc" % p,
                          "%s    print(%s(), %s.__qualname__)" % (p, inner, inner)]
            lines += self.block(depth - 1, ind + 1)
            lines.append("%s    return %s" % (p, self.expr(2)))
        finally:
            self.scope.pop()
        if outer["kind"] == "module" and not is_async:
            self.functions.append(name)
        if is_async and self.can_await():
            lines.append("%sprint(await %s())" % (p, name))
        elif not is_async:
            lines.append("%sprint(%s(), %s.__qualname__)" % (p, name, name))
        return lines

    def klass(self, depth, ind):
        p = "    " * ind
        name = self.fresh("K")
        self.scope.append({"kind": "class", "names": list(GLOBALS), "assignable": ["attr", "z"]})
        try:
            lines = ["%sclass %s:" % (p, name), "%s    attr = %s" % (p, self.expr(2))]
            lines += self.block(depth - 1, ind + 1)
            lines += ["%s    def method(self):" % p,
                      "%s        return self.attr + %s" % (p, self.r.choice(GLOBALS))]
        finally:
            self.scope.pop()
        return lines + ["%sinstance = %s()" % (p, name),
                        "%sprint(instance.method(), %s.method.__qualname__)" % (p, name)]

    def program(self, depth=3):
        lines = ["from liftsupport import value, ticks, Resource",
                 "a, b, c, d = 1, 2, 3, 4"]
        if self.r.random() < 0.15:
            lines.insert(0, "from __future__ import annotations")
        for _ in range(self.r.randrange(3, 8)):
            lines += self.stmt(depth, 0)
        return "\n".join(lines) + "\n"


def generate(out, count, seed):
    for i in range(count):
        text = Gen(random.Random("%d/%d" % (seed, i))).program()
        with open(os.path.join(out, "m%05d.py" % i), "w", encoding="utf-8") as fh:
            fh.write("# lift-test: drivers=manual\n" + text)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--python-version", required=True)
    ap.add_argument("--asynclift", required=True)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--modes", default="exec")
    ap.add_argument("--keep", help="keep the generated and lifted programs in this folder")
    args = ap.parse_args(argv)
    python, why = find_python(args.python_version)
    if not python:
        print("SKIP: CPython %s not found (%s)" % (args.python_version, why))
        return 77
    work = args.keep or tempfile.mkdtemp(prefix="asynclift-meaning-")
    programs = os.path.join(work, "programs")
    os.makedirs(programs, exist_ok=True)
    generate(programs, args.count, args.seed)
    print("lift meaning: %d programs (seed %d) for CPython %s, modes %s" % (
        args.count, args.seed, args.python_version, args.modes))
    status = equivalence.main(["--python-version", args.python_version, "--asynclift",
                               args.asynclift, "--programs", programs, "--modes", args.modes,
                               "--drivers", "manual", "--jobs", str(args.jobs),
                               "--keep", os.path.join(work, "lifted")])
    if status == 1:
        print("the programs are in %s (a FAIL names one: programs/NAME.py)" % programs)
    elif not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
