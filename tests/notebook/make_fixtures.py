"""Writes the notebook fixtures of the golden tests (tests/notebook/fixtures/*.ipynb).

    python3 tests/notebook/make_fixtures.py [--out tests/notebook/fixtures]

The fixtures are committed; this script documents how each one is built and rebuilds them.
Every fixture is valid nbformat 4 except the deliberately broken ones (broken_*, which Jupyter
rejects too) and old_nbformat3 (valid, but nbformat 3); check_fixtures.py verifies that with
python3-nbformat. Expected outputs are the *.expected files
next to them (run_golden.py --update rewrites those).
"""

import argparse
import json
import os

PY3 = {"display_name": "Python 3", "language": "python", "name": "python3"}


def code(source, id=None, metadata=None, outputs=None):
    cell = {"cell_type": "code", "execution_count": None, "metadata": metadata or {},
            "outputs": outputs or [], "source": source}
    if id is not None:
        cell["id"] = id
    return cell


def markdown(source, id=None):
    cell = {"cell_type": "markdown", "metadata": {}, "source": source}
    if id is not None:
        cell["id"] = id
    return cell


def nb(cells, minor=5, kernelspec=PY3, language_info=None, ids=True):
    if ids and minor >= 5:
        for i, c in enumerate(cells):
            c.setdefault("id", "cell-%d" % i)
    meta = {}
    if kernelspec is not None:
        meta["kernelspec"] = kernelspec
    if language_info is not None:
        meta["language_info"] = language_info
    return {"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": minor}


def lines(text):
    """nbformat's usual list-of-lines form of a source."""
    out = text.splitlines(keepends=True)
    return out


FIXTURES = {}

# Line magics of every kind, with real errors after them: positions must stay exact.
FIXTURES["line_magics"] = nb([
    markdown("# Line magics"),
    code(lines(
        "%matplotlib inline\n"
        "%load_ext autoreload\n"
        "%autoreload 2\n"
        "import asyncio\n"
        "!pip install numpy \\\n"
        "    pandas\n"
        "files = !ls -la\n"
        "listing = !!ls\n"
        "who = %who_ls\n"
        "%time x = 1\n"
        "y = x % 3 != 0\n"
        "s = '%d items!' % len(files)\n"
        "await asyncio.sleep(0)\n"
        "return files\n")),
    code(lines(
        "len?\n"
        "os.path.join??\n"
        "?print\n"
        "??print\n"
        "%pinfo len\n"
        ",print a b\n"
        "/print 1 2\n"
        "x = y?\n"
        "nonlocal x\n")),
    code(lines(
        "for i in range(3):\n"
        "    %time pass\n"
        "    !echo {i}\n"
        "    out = !echo {i}\n"
        "if True:\n"
        "    obj?\n"
        "def f():\n"
        "    %timeit g()\n"
        "    nonlocal z\n"
        "class C:\n"
        "    !echo class body\n"
        "    await asyncio.sleep(0)\n")),
    code(lines(
        "text = '''\n"
        "%not_a_magic\n"
        "!not_a_command\n"
        "what?\n"
        "'''\n"
        "# %comment !comment comment?\n"
        "pct = 100 % 7\n"
        "ne = 1 != 2\n"
        "fs = f'{ne!r}?'\n"
        "break\n")),
])

# Cell magics: Python bodies are checked (lines stay cell-relative), the others skipped.
FIXTURES["cell_magics"] = nb([
    code(lines("%%time\nimport asyncio\nx = 1\nawait asyncio.sleep(0)\n")),
    code(lines("%%timeit -n1 -r1\nreturn 1\n")),
    code(lines("%%capture captured\nimport asyncio\n!echo hi\nawait asyncio.sleep(0)\nnonlocal q\n")),
    code(lines("%%prun -s cumulative\ndef f():\n    nonlocal w\n")),
    code(lines("%%python3\nimport sys\nawait sys\n!ls\n")),
    code(lines("%%bash\nfor f in *; do echo \"$f\"; done\nreturn 1\nnonlocal x\n")),
    code(lines("%%writefile helper.py\ndef f():\n    nonlocal x\n")),
    code(lines("%%html\n<b>return</b>\n")),
    code(lines("%%javascript\nawait fetch('x')\n")),
    code(lines("%%capture\n%%time\nbreak\n")),
    code(lines("\n\n%%time\n\n  x = 1\n  return x\n")),
    code(lines("%%time?\nimport asyncio\nawait asyncio.sleep(0)\n")),
    code(lines("%%script python\nreturn 3\n")),
    code(lines("%%script bash\nreturn 3\n")),
])

# A notebook whose kernel is not Python: nothing is checked.
FIXTURES["kernel_r"] = nb([code("nonlocal x\nreturn 1\n"), code("%%R\nlibrary(x)")],
                          kernelspec={"display_name": "R", "language": "R", "name": "ir"},
                          language_info={"name": "R"})

# No kernelspec at all: Python is assumed; language_info alone decides otherwise.
FIXTURES["kernel_unspecified"] = nb([code("return 1\n")], kernelspec=None)
FIXTURES["kernel_julia_info"] = nb([code("return 1\n")], kernelspec=None, language_info={"name": "julia"})

# VS Code cell languages: other languages are skipped.
FIXTURES["vscode_languages"] = nb([
    code("SELECT * FROM t WHERE return = 1", metadata={"vscode": {"languageId": "sql"}}),
    code("return 1\n", metadata={"vscode": {"languageId": "python"}}),
    code("# notes\nnonlocal x", metadata={"vscode": {"languageId": "markdown"}}),
    code("nonlocal y\n"),
])

# Cell ids: present in nbformat 4.5, absent before.
FIXTURES["ids_45"] = nb([code("x = 1\n", id="first"), markdown("text", id="md"), code("return x\n", id="b2c4e8f0")])
FIXTURES["ids_44"] = nb([code("x = 1\n"), markdown("text"), code("return x\n")], minor=4, ids=False)

# Sources as one string, as a list of lines, and as a list split in the middle of lines.
FIXTURES["sources"] = nb([
    code("import asyncio\nawait asyncio.sleep(0)\nreturn 1\n"),
    code(["import asyncio\n", "await asyncio.sleep(0)\n", "return 2\n"]),
    code(["import asy", "ncio\nawait asyncio.sl", "eep(0)\nret", "urn 3"]),
    code([]),
    code(""),
    code("\n\n\n"),
])

# %autoawait: off from the cell that says so (and in every later cell), on again with True.
FIXTURES["autoawait"] = nb([
    code("import asyncio\nawait asyncio.sleep(0)\n"),
    code("%autoawait False\nawait asyncio.sleep(0)\n"),
    code("async with lock:\n    pass\n"),
    code("%autoawait\n[x async for x in y]\n"),
    code("%autoawait True\nawait asyncio.sleep(0)\n"),
    code("%autoawait sync\nawait asyncio.sleep(0)\n"),
    code("%autoawait asyncio\nasync for x in y:\n    pass\n"),
])

# Each cell is parsed on its own: an unclosed bracket does not spill into the next cell.
FIXTURES["isolation"] = nb([
    code("x = (1,\n"),
    code("y = 2\nreturn y\n"),
    code("s = '''unterminated\n"),
    code("def f():\n    nonlocal x\n"),
])

# Suppression comments inside cells.
FIXTURES["suppressions"] = nb([
    code("return 1  # asynclift: ignore\nreturn 2  # asynclift: ignore[return-outside-function]\n"
         "return 3  # asynclift: ignore[nonlocal-at-module-level]\nnonlocal x  # asynclift: ignore[nonlocal-at-module-level]\n"
         "s = '# asynclift: ignore'; return 4\n!echo '# asynclift: ignore'\nreturn 5\n"),
])

# IPython's cleanup: an indented cell is dedented, prompts are stripped.
FIXTURES["cleanup"] = nb([
    code("    x = 1\n    if x:\n        %time pass\n    return x\n"),
    code(">>> x = 1\n>>> return x\n"),
    code("In [1]: y = 2\n   ...: return y\n"),
    code("  a = 1\n b = 2\n"),
])

# Outputs of every kind (kept small here; the performance test makes big ones).
FIXTURES["outputs"] = nb([
    code("print('hi')\n", outputs=[{"name": "stdout", "output_type": "stream", "text": ["hi\n"]}]),
    code("1/0\n", outputs=[{"ename": "ZeroDivisionError", "evalue": "division by zero",
                             "output_type": "error", "traceback": ["\u001b[0;31mZeroDivisionError\u001b[0m"]}]),
    code("display(img)\nreturn\n", outputs=[{"data": {"image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\n",
                                                   "text/plain": ["<IPython.core.display.Image object>"]},
                                          "metadata": {"image/png": {"width": 1}}, "output_type": "display_data"}]),
], minor=5)

# Unicode: columns count code points.
FIXTURES["unicode"] = nb([code("caf\u00e9 = '\u00e9\u00e9'; return caf\u00e9\n\u03c0 = !echo \u03c0\nnonlocal \u03c0\n")])

# CRLF line endings inside sources.
FIXTURES["crlf"] = nb([code(["%time x = 1\r\n", "!ls\r\n", "return x\r\n"])])

# No cells, and only markdown.
FIXTURES["empty"] = nb([])
FIXTURES["markdown_only"] = nb([markdown("# title"), {"cell_type": "raw", "metadata": {}, "source": "return"}])

BROKEN = {
    "broken_truncated": '{"cells": [{"cell_type": "code", "source": "x = 1"',
    "broken_trailing_comma": '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5,}',
    "broken_not_object": "[1, 2, 3]\n",
    "old_nbformat3": json.dumps({"metadata": {}, "nbformat": 3, "nbformat_minor": 0,
                                    "worksheets": [{"cells": []}]}),
    "broken_no_nbformat": json.dumps({"cells": [], "metadata": {}}),
    "broken_source_number": json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "outputs": [],
                                                   "execution_count": None, "source": 42}],
                                        "metadata": {}, "nbformat": 4, "nbformat_minor": 4}),
    "broken_output_value": '{"cells": [{"cell_type": "code", "metadata": {}, "source": "x", "outputs": [tru]}],'
                           ' "metadata": {}, "nbformat": 4, "nbformat_minor": 4}',
    "broken_empty_file": "",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name, notebook in FIXTURES.items():
        with open(os.path.join(args.out, name + ".ipynb"), "w", encoding="utf-8", newline="\n") as f:
            json.dump(notebook, f, indent=1, ensure_ascii=False)
            f.write("\n")
    for name, text in BROKEN.items():
        with open(os.path.join(args.out, name + ".ipynb"), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    print("wrote %d fixtures to %s" % (len(FIXTURES) + len(BROKEN), args.out))


if __name__ == "__main__":
    main()
