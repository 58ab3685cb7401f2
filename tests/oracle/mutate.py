"""Write mutants: valid cells with one token deleted, doubled or preceded by another token.

    python3 mutate.py OUT --seed N --count K CELL...

Each mutant is OUT/mNNNNN.py, listed in OUT/manifest.jsonl with its origin and the edit.
Most mutants are invalid Python of the kinds people type (a missing ':', a doubled name, a
stray bracket, two statements run together), which is where a parser and CPython part ways.
Deterministic for a seed and a list of cells.
"""

import argparse
import io
import json
import os
import random
import tokenize

SKIP = (tokenize.ENDMARKER, tokenize.DEDENT, tokenize.INDENT, tokenize.NL, tokenize.COMMENT)
INSERTS = ["(", ")", "[", "]", "{", "}", ":", ",", "=", ".", "*", "**", "'", "\\", ";",
           "if", "else", "for", "in", "lambda", "await", "async", "def", "return", "yield",
           "not", "global", "nonlocal", "import", "from", "as", "del", "pass"]


def tokens(src):
    try:
        return [t for t in tokenize.generate_tokens(io.StringIO(src).readline)
                if t.type not in SKIP]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return []


def mutate(src, rng):
    toks = tokens(src)
    if len(toks) < 3:
        return None, None
    offsets = [0]
    for line in src.splitlines(True):
        offsets.append(offsets[-1] + len(line))
    t = rng.choice(toks)
    if t.start[0] > len(offsets) - 1 or t.end[0] > len(offsets) - 1:
        return None, None
    b = offsets[t.start[0] - 1] + t.start[1]
    e = offsets[t.end[0] - 1] + t.end[1]
    op = rng.choice(["delete", "double", "insert"])
    if op == "delete":
        return src[:b] + src[e:], "delete %r at %d:%d" % (t.string, t.start[0], t.start[1])
    if op == "double":
        return src[:e] + " " + src[b:e] + src[e:], "double %r at %d:%d" % (t.string, *t.start)
    extra = rng.choice(INSERTS)
    return src[:b] + extra + " " + src[b:], "insert %r before %d:%d" % (extra, *t.start)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("cells", nargs="+")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--count", type=int, default=3000)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    cells = sorted(a.cells)
    rng.shuffle(cells)
    os.makedirs(a.out, exist_ok=True)
    n = 0
    with open(os.path.join(a.out, "manifest.jsonl"), "w") as manifest:
        for path in cells:
            if n >= a.count:
                break
            with open(path, encoding="utf-8") as fh:
                src = fh.read()
            new, edit = mutate(src, rng)
            if new is None:
                continue
            name = "m%05d.py" % n
            with open(os.path.join(a.out, name), "w", encoding="utf-8") as fh:
                fh.write(new)
            manifest.write(json.dumps({"file": name, "origin": "%s [%s]" % (
                os.path.basename(path), edit)}) + "\n")
            n += 1


if __name__ == "__main__":
    main()
