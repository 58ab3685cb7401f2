"""Derive realistic "top-level cells" from a CPython stdlib folder.

Runs under the TARGET interpreter (3.8 .. 3.13, stdlib only), because it parses
that version's own stdlib with that version's `ast`:

    python3.X make_cells.py --lib /path/lib/python3.X --out DIR [--max-cells 4000] [--seed 0]

For every FunctionDef/AsyncFunctionDef (any depth) in every .py file the
interpreter parses, the body's source lines are cut out (first to last body
statement, decorators included) and dedented.  A line that lies inside a
multi-line string (or any other multi-line literal) is kept byte-for-byte, so
string contents never change; every other line loses up to the body's
indentation.  Bodies are skipped when their lines are shared with other code
(`def f(): pass`, `return x  ;  y` on the header line, ...), when indentation
uses tabs or form feeds, or when re-parsing a variant does not give back the
same AST (ast.dump without positions) -- so every cell is a faithful copy.

Variants per body: module (as is), class (under `class C:`), def (under
`def f():`), loop (under `for _ in range(1):`), async (under `async def f():`,
a control).  Every async-def body is used; sync bodies are sampled (seeded)
until --max-cells cells, bodies with `global`/`nonlocal` first (up to a quarter).

Output: DIR/<n>_<variant>.py (UTF-8) and DIR/manifest.jsonl with
{"file": "<n>_<variant>.py", "origin": "rel/path.py:LINE", "variant": ..., "async_body": bool}.
"""

import argparse
import ast
import io
import json
import os
import random
import re
import sys
import tokenize
import warnings

PARSE_FLAGS = ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
TAIL_RE = re.compile(r"^[ \t\f]*(;[ \t\f]*)?(#.*)?(\r\n|\r|\n)?$")
HEADERS = [
    ("module", None),
    ("class", "class C:\n"),
    ("def", "def f():\n"),
    ("loop", "for _ in range(1):\n"),
    ("async", "async def f():\n"),
]
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
BLOCK_FIELDS = ("body", "orelse", "finalbody", "handlers", "cases")


def stdlib_files(lib):
    for root, dirs, files in os.walk(lib):
        dirs[:] = sorted(d for d in dirs
                         if d not in ("site-packages", "dist-packages", "__pycache__"))
        for name in sorted(files):
            if name.endswith(".py"):
                yield os.path.join(root, name)


def load(path):
    """(text lines, tree) or None if the interpreter cannot parse/decode it."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        tree = compile(data, path, "exec", PARSE_FLAGS, dont_inherit=True)
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except Exception:
        return None
    return LINE_RE.findall(text), tree


def first_line(stmt):
    decorators = getattr(stmt, "decorator_list", None)
    if decorators:
        return min(d.lineno for d in decorators), True
    return stmt.lineno, False


def char_col(line, byte_col):
    return len(line.encode("utf-8")[:byte_col].decode("utf-8", "replace"))


def interior_lines(body):
    """Line numbers lying inside a multi-line literal within `body`."""
    inside = set()
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Constant, ast.JoinedStr)):
            end = getattr(node, "end_lineno", None)
            if end is not None and end > node.lineno:
                inside.update(range(node.lineno + 1, end + 1))
            continue  # positions inside 3.8 f-strings are unreliable
        stack.extend(ast.iter_child_nodes(node))
    return inside


def cut_body(lines, body):
    """Dedented body as a list of (line, is_interior) or None if unusable."""
    start, decorated = first_line(body[0])
    last = body[-1]
    end = last.end_lineno
    if end is None or end > len(lines):
        return None
    head = lines[start - 1]
    stripped = head.lstrip(" ")
    indent = len(head) - len(stripped)
    if decorated:
        if not stripped.startswith("@"):
            return None
    elif char_col(head, body[0].col_offset) != indent:
        return None  # body starts on the header line
    tail_line = lines[end - 1].encode("utf-8")[last.end_col_offset:]
    if not TAIL_RE.match(tail_line.decode("utf-8", "replace")):
        return None  # something else follows on the last line
    inside = interior_lines(body)
    out = []
    for number in range(start, end + 1):
        line = lines[number - 1]
        if number in inside:
            out.append((line, True))
            continue
        lead = line[:len(line) - len(line.lstrip(" \t\f"))]
        if "\t" in lead or "\f" in lead:
            return None
        spaces = len(lead)
        out.append((line[min(spaces, indent):], False))
    last_text = out[-1][0]
    if not last_text.endswith(("\n", "\r")):
        out[-1] = (last_text + "\n", out[-1][1])
    return out


def render(cut, header):
    if header is None:
        return "".join(line for line, _ in cut)
    parts = [header]
    for line, inside in cut:
        if inside or not line.strip():
            parts.append(line)
        else:
            parts.append("    " + line)
    return "".join(parts)


def same_ast(text, want, nested):
    try:
        tree = compile(text, "<cell>", "exec", PARSE_FLAGS, dont_inherit=True)
    except Exception:
        return False
    got = tree.body[0].body if nested else tree.body
    if nested and len(tree.body) != 1:
        return False
    return [ast.dump(s) for s in got] == want


def collect(lib):
    """All function bodies: list of dicts (path, rel, def_line, async, scope_decl)."""
    found = []
    for path in stdlib_files(lib):
        loaded = load(path)
        if loaded is None:
            continue
        rel = os.path.relpath(path, lib)
        stack = [(loaded[1], None)]  # (node, innermost enclosing function record)
        while stack:
            node, owner = stack.pop()
            if isinstance(node, FUNCS):
                owner = {"path": path, "rel": rel, "def_line": node.lineno,
                         "async": isinstance(node, ast.AsyncFunctionDef),
                         "scope_decl": False}
                found.append(owner)
            elif isinstance(node, ast.ClassDef):
                owner = None
            elif isinstance(node, (ast.Global, ast.Nonlocal)) and owner is not None:
                owner["scope_decl"] = True
            for field in BLOCK_FIELDS:  # defs and global/nonlocal are statements
                stack.extend((child, owner) for child in getattr(node, field, ()))
    found.sort(key=lambda c: (c["path"], c["def_line"], c["async"]))
    return found


def emit(batch, out, manifest, stats):
    """Write all variants of the usable bodies in `batch`; returns cells written."""
    written = 0
    loaded = (None, None)
    for cand in sorted(batch, key=lambda c: (c["path"], c["def_line"])):
        if loaded[0] != cand["path"]:
            loaded = (cand["path"], load(cand["path"]))
            index = {(type(n) is ast.AsyncFunctionDef, n.lineno): n
                     for n in ast.walk(loaded[1][1]) if isinstance(n, FUNCS)}
        lines = loaded[1][0]
        func = index.get((cand["async"], cand["def_line"]))
        cut = func and cut_body(lines, func.body)
        if not cut:
            stats["skipped_cut"] += 1
            continue
        texts = [(v, render(cut, h), h is not None) for v, h in HEADERS]
        want = [ast.dump(s) for s in func.body]
        if not all(same_ast(t, want, nested) for _, t, nested in texts):
            stats["skipped_ast"] += 1
            continue
        stats["bodies_used"] += 1
        origin = "%s:%d" % (cand["rel"], first_line(func.body[0])[0])
        for variant, text, _ in texts:
            name = "%06d_%s.py" % (stats["cells"], variant)
            with open(os.path.join(out, name), "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            manifest.write(json.dumps({"file": name, "origin": origin, "variant": variant,
                                       "async_body": cand["async"]}) + "\n")
            stats["cells"] += 1
            written += 1
    return written


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lib", required=True, help="stdlib folder (lib/python3.X)")
    ap.add_argument("--out", required=True, help="output folder (created)")
    ap.add_argument("--max-cells", type=int, default=4000,
                    help="cells from sync bodies (async bodies come on top)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")

    candidates = collect(args.lib)
    rng = random.Random(args.seed)
    async_bodies = [c for c in candidates if c["async"]]
    sync_bodies = [c for c in candidates if not c["async"]]
    rng.shuffle(sync_bodies)
    scoped = [c for c in sync_bodies if c["scope_decl"]]
    scoped = scoped[:max(1, args.max_cells // len(HEADERS) // 4)]
    picked = set(id(c) for c in scoped)
    ordered = scoped + [c for c in sync_bodies if id(c) not in picked]

    os.makedirs(args.out, exist_ok=True)
    stats = {"bodies_seen": len(candidates), "async_bodies": len(async_bodies),
             "skipped_cut": 0, "skipped_ast": 0, "bodies_used": 0, "cells": 0}
    with open(os.path.join(args.out, "manifest.jsonl"), "w") as manifest:
        emit(async_bodies, args.out, manifest, stats)
        pos, sync_cells = 0, 0
        while sync_cells < args.max_cells and pos < len(ordered):
            need = -(-(args.max_cells - sync_cells) // len(HEADERS))
            batch, pos = ordered[pos:pos + need], pos + need
            sync_cells += emit(batch, args.out, manifest, stats)
    print(json.dumps(stats), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
