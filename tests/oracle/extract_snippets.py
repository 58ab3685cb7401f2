"""Extract code snippets from a CPython version's OWN test suite.

Runs under the TARGET interpreter (3.8 .. 3.13, stdlib only), because it parses
that version's test files with that version's `ast`:

    python3.X extract_snippets.py --lib /path/lib/python3.X --out DIR [--max-snippets 3000]

Sources, all found recursively under <lib>/test:
  * file     -- every badsyntax_*.py and bad_coding*.py, copied byte for byte;
  * doctest  -- every `>>>` example in a string constant (module docstring of
                test_syntax.py, the `doctests` strings of test_genexps.py, ...),
                one snippet per example (doctest.DocTestParser);
  * string   -- other str constants of 3..2000 characters that contain a
                newline or a Python keyword and look like code (some of
                = ( ) : [ ] { } or a keyword at the start), dedented;
from the files named in TEST_FILES.  Nothing is judged here: the oracle decides
what is valid.  Identical snippets are kept once; f-string fragments and
strings that cannot be written as UTF-8 are dropped.  When there are more than
--max-snippets, all `file` and `doctest` snippets are kept and the `string`
ones are sampled (seeded), so the output is deterministic.

Output: DIR/s<n>.py and DIR/manifest.jsonl with
{"file": "s<n>.py", "origin": "test/x.py:LINE", "kind": "file"|"doctest"|"string"}.
"""

import argparse
import ast
import doctest
import json
import keyword
import os
import random
import re
import sys
import textwrap
import warnings

TEST_FILES = re.compile(
    r"^test_(syntax|exceptions|named_expressions|patma|grammar|positional_only_arg|"
    r"fstring|type_params|unpack_ex|genexps|coroutines|global|scope|future\w*)\.py$")
BAD_FILES = re.compile(r"^(badsyntax_\w*|bad_coding\w*)\.py$")
KEYWORDS = sorted(set(keyword.kwlist) | {"match", "case", "type"})
KEYWORD_RE = re.compile(r"\b(%s)\b" % "|".join(KEYWORDS))
CODE_RE = re.compile(r"[=():\[\]{}]|^\s*(%s)\b" % "|".join(KEYWORDS))


def test_files(lib):
    """(relpath, abspath) of every .py file under lib/test, sorted."""
    top = os.path.join(lib, "test")
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(root, name)
                yield name, os.path.relpath(path, lib), path


def looks_like_code(text):
    if not 3 <= len(text) <= 2000:
        return False
    if "\n" not in text and not KEYWORD_RE.search(text):
        return False
    return bool(CODE_RE.search(text))


def constants(tree):
    """(lineno, value) of str constants that are not f-string fragments."""
    fragments = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            fragments.update(id(v) for v in node.values)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in fragments):
            yield node.lineno, node.value


def from_test_file(rel, path):
    """Snippets (kind, origin, text) from one test module's string constants."""
    try:
        with open(path, "rb") as fh:
            tree = compile(fh.read(), path, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except Exception as exc:
        print("extract_snippets: cannot parse %s: %s" % (rel, exc), file=sys.stderr)
        return
    parser = doctest.DocTestParser()
    for lineno, value in sorted(constants(tree), key=lambda c: c[0]):
        if ">>>" in value:
            try:
                examples = parser.get_examples(value)
            except ValueError:  # malformed doctest text: treat as a plain string
                examples = None
            if examples:
                for ex in examples:
                    yield "doctest", "%s:%d" % (rel, lineno + ex.lineno), ex.source
                continue
        if looks_like_code(value):
            yield "string", "%s:%d" % (rel, lineno), textwrap.dedent(value)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lib", required=True, help="stdlib folder (lib/python3.X)")
    ap.add_argument("--out", required=True, help="output folder (created)")
    ap.add_argument("--max-snippets", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")

    found = []  # (kind, origin, bytes)
    seen = set()
    for name, rel, path in test_files(args.lib):
        if BAD_FILES.match(name):
            with open(path, "rb") as fh:
                data = fh.read()
            items = [("file", rel + ":1", data)]
        elif TEST_FILES.match(name):
            items = []
            for kind, origin, text in from_test_file(rel, path):
                try:
                    items.append((kind, origin, text.encode("utf-8")))
                except UnicodeEncodeError:
                    continue
        else:
            continue
        for kind, origin, data in items:
            if data not in seen:
                seen.add(data)
                found.append((kind, origin, data))

    fixed = [f for f in found if f[0] != "string"]
    strings = [f for f in found if f[0] == "string"]
    room = max(0, args.max_snippets - len(fixed))
    if len(strings) > room:
        keep = set(random.Random(args.seed).sample(range(len(strings)), room))
        strings = [s for i, s in enumerate(strings) if i in keep]
    chosen = set(id(f) for f in fixed + strings)

    os.makedirs(args.out, exist_ok=True)
    counts = {"file": 0, "doctest": 0, "string": 0, "dropped": len(found) - len(chosen)}
    with open(os.path.join(args.out, "manifest.jsonl"), "w") as manifest:
        number = 0
        for item in found:
            if id(item) not in chosen:
                continue
            kind, origin, data = item
            name = "s%05d.py" % number
            number += 1
            with open(os.path.join(args.out, name), "wb") as fh:
                fh.write(data)
            manifest.write(json.dumps({"file": name, "origin": origin, "kind": kind}) + "\n")
            counts[kind] += 1
    print(json.dumps(counts), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
