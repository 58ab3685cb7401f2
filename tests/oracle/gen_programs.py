"""Random small programs that stress the verdict and the scope rules.

Deterministic for a given seed. Each program combines the constructs whose meaning
depends on where they sit: await / async for / async with / async comprehensions /
yield / return / walrus / global / nonlocal / break / continue, nested in module code,
classes, sync and async functions, lambdas and every kind of comprehension (element,
condition, first and later iterables). CPython is the oracle; the programs only have to
parse. Used as the `generated` corpus of differential.py.

    python3 gen_programs.py OUT_DIR [--count N] [--seed S]
"""
import argparse
import json
import os
import random

NAMES = ["a", "b", "x", "y"]


class Gen:
    """`valid` biases choices towards code that is legal where it is placed, so that
    the verdict (not only the errors) gets exercised."""

    def __init__(self, rng, valid=False):
        self.r = rng
        self.valid = valid
        self.where = ["module"]  # module / class / def / async

    def atom(self):
        return self.r.choice(NAMES + ["1", "f(x)", "x.y", "x[0]"])

    def expr(self, depth):
        r = self.r
        if depth <= 0:
            return self.atom()
        k = r.randrange(14)
        here = self.where[-1]
        if self.valid and k == 0 and here not in ("module", "async"):
            k = 13
        if self.valid and k == 1 and here not in ("def", "async"):
            k = 13
        if k == 0:
            return f"await {self.expr(depth - 1)}"
        if k == 1:
            return f"(yield {self.expr(depth - 1)})"
        if k in (2, 3, 4, 5):
            return self.comprehension(depth)
        if k == 6:
            return f"(lambda {r.choice(NAMES)}: {self.expr(depth - 1)})"
        if k == 7:
            return f"({r.choice(NAMES)} := {self.expr(depth - 1)})"
        if k == 8:
            return f"f({self.expr(depth - 1)}, k={self.expr(depth - 1)})"
        if k == 9:
            return f'f"{{{self.expr(depth - 1)}}}"'
        if k == 10:
            return f"({self.expr(depth - 1)} if {self.expr(depth - 1)} else {self.expr(depth - 1)})"
        if k == 11:
            return f"[{self.expr(depth - 1)}, *{self.atom()}]"
        return self.atom()

    def comprehension(self, depth):
        r = self.r
        kind = r.choice(["list", "set", "dict", "gen"])
        elt = self.expr(depth - 1)
        gens = []
        for i in range(r.choice([1, 1, 2])):
            target = r.choice(NAMES)
            it = self.expr(depth - 1)
            a = "async " if r.random() < 0.3 and (not self.valid or self.where[-1] in ("module", "async")) else ""
            cond = f" if {self.expr(depth - 1)}" if r.random() < 0.3 else ""
            gens.append(f"{a}for {target} in {it}{cond}")
        body = " ".join(gens)
        if kind == "list":
            return f"[{elt} {body}]"
        if kind == "set":
            return f"{{{elt} {body}}}"
        if kind == "dict":
            return f"{{{elt}: {self.expr(depth - 1)} {body}}}"
        return f"({elt} {body})"

    def stmt(self, depth, ind, in_loop):
        r = self.r
        p = "    " * ind
        k = r.randrange(22 if depth > 0 else 12)
        here = self.where[-1]
        if self.valid:
            if k == 2 and here not in ("def", "async"):
                k = 0
            if k == 3 and not in_loop:
                k = 1
            if k == 5 or (k == 8 and here != "def") or (k == 4 and here == "class"):
                k = 9
        e = lambda: self.expr(r.choice([1, 2, 2, 3]))
        if k == 0:
            return [f"{p}{e()}"]
        if k == 1:
            return [f"{p}{r.choice(NAMES)} = {e()}"]
        if k == 2:
            return [f"{p}return {e()}"]
        if k == 3:
            return [f"{p}{r.choice(['break', 'continue'])}"]
        if k == 4:
            return [f"{p}global {r.choice(NAMES)}"]
        if k == 5:
            return [f"{p}nonlocal {r.choice(NAMES)}"]
        if k == 6:
            return [f"{p}{r.choice(NAMES)}: int = {e()}"]
        if k == 7:
            return [f"{p}del {r.choice(NAMES)}"]
        if k == 8:
            return [f"{p}yield from {e()}"]
        if k == 9:
            return [f"{p}import os as {r.choice(NAMES)}"]
        if k in (10, 11):
            return [f"{p}{r.choice(NAMES)} += {e()}"]
        def body(loop, where=None):
            if where:
                self.where.append(where)
            try:
                return self.block(depth - 1, ind + 1, loop)
            finally:
                if where:
                    self.where.pop()
        if self.valid and k in (15, 16) and here not in ("module", "async"):
            k = 18
        if k == 12:
            return [f"{p}def {r.choice(NAMES)}({r.choice(NAMES)}={e()}):"] + body(False, "def")
        if k == 13:
            return [f"{p}async def {r.choice(NAMES)}():"] + body(False, "async")
        if k == 14:
            return [f"{p}class C({e()}):"] + body(False, "class")
        if k == 15:
            return [f"{p}{'async ' if r.random() < 0.5 else ''}for {r.choice(NAMES)} in {e()}:"] + body(True)
        if k == 16:
            return [f"{p}{'async ' if r.random() < 0.5 else ''}with {e()} as {r.choice(NAMES)}:"] + body(in_loop)
        if k == 17:
            return [f"{p}while {e()}:"] + body(True) + [f"{p}else:"] + body(in_loop)
        if k == 18:
            return [f"{p}if {e()}:"] + body(in_loop)
        if k == 19:
            return [f"{p}try:"] + body(in_loop) + [f"{p}except E as {r.choice(NAMES)}:"] + body(in_loop)
        if k == 20:
            return [f"{p}@{e()}", f"{p}def g(*, k: {e()}) -> {e()}:"] + body(False, "def")
        return [f"{p}{e()}"]

    def block(self, depth, ind, in_loop):
        out = []
        for _ in range(self.r.choice([1, 1, 2, 3])):
            out += self.stmt(depth, ind, in_loop)
        return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--valid", action="store_true", help="bias towards legal programs")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    g = Gen(random.Random(a.seed), valid=a.valid)
    manifest = []
    for i in range(a.count):
        lines = g.block(3, 0, False)
        if g.r.random() < 0.15:
            lines.insert(0, "from __future__ import annotations")
        name = f"g{i:05d}.py"
        with open(os.path.join(a.out, name), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        manifest.append({"file": name, "origin": f"generated seed={a.seed} #{i}"})
    with open(os.path.join(a.out, "manifest.jsonl"), "w") as f:
        for m in manifest:
            f.write(json.dumps(m) + "\n")


if __name__ == "__main__":
    main()
