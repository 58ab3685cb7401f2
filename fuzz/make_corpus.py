"""Build the seed corpora of the fuzz targets from the test fixtures and a slice of the stdlib.

    python3 fuzz/make_corpus.py OUT_DIR [--stdlib DIR] [--stdlib-files N] [--max-size BYTES]

Writes OUT_DIR/{analyse,lift,notebook,document}/, one seed per file, named by a hash of its
content (so running it again adds nothing twice). Each seed starts with the option byte its
target reads (see the comment at the top of each fuzz/*_fuzzer.cpp); the byte cycles over
target versions and modes so the seeds cover all of them. Sources:

  tests/fixtures/**.py, tests/lift/**.py, tests/golden-like inputs     analyse, lift, document
  tests/hostile/regressions/<target>/*                                 that target, as is
  tests/notebook/**.ipynb (whole files) and their code cells           notebook
  N evenly spread .py files of the stdlib (default: this python3's)    analyse, lift, document

The corpora are generated, never committed (libFuzzer adds what it finds to them).
"""

import argparse
import hashlib
import json
import os
import sys
import sysconfig

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TARGETS = ("analyse", "lift", "notebook", "document")


def files_under(folder, suffixes):
    out = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "site-packages"))
        for name in sorted(names):
            if name.endswith(suffixes):
                out.append(os.path.join(root, name))
    return out


def read(path):
    with open(path, "rb") as fh:
        return fh.read()


class Corpus:
    def __init__(self, out_dir, max_size):
        self.out_dir = out_dir
        self.max_size = max_size
        self.counts = dict.fromkeys(TARGETS, 0)
        for t in TARGETS:
            os.makedirs(os.path.join(out_dir, t), exist_ok=True)

    def add(self, target, data):
        if len(data) > self.max_size:
            return
        name = hashlib.sha1(data).hexdigest()
        path = os.path.join(self.out_dir, target, name)
        if not os.path.exists(path):
            with open(path, "wb") as fh:
                fh.write(data)
            self.counts[target] += 1


def document_seed(option, text, index):
    """Initial text (at most 1020 bytes, a length byte counting 4-byte units), then a few
    edits: delete a span, insert a fragment, type one byte — each compared (op bit 2)."""
    text = text[:1020]
    text += b" " * (-len(text) % 4)
    seed = bytes([option, len(text) // 4]) + text
    pos = (index * 7919) & 0xFFFF
    seed += bytes([0b110, pos & 0xFF, pos >> 8, 5])             # delete 5 bytes
    seed += bytes([0b101, (pos >> 1) & 0xFF, pos >> 9, 0, index % 50])  # insert a fragment
    seed += bytes([0b111, pos & 0xFF, (pos >> 8) ^ 0x55, 0, ord(":")])  # type one byte
    return seed


def stdlib_slice(stdlib, count, max_size):
    files = [p for p in files_under(stdlib, (".py",)) if os.path.getsize(p) <= max_size]
    if count <= 0 or not files:
        return []
    step = max(1, len(files) // count)
    return files[::step][:count]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("--stdlib", default=sysconfig.get_paths()["stdlib"])
    ap.add_argument("--stdlib-files", type=int, default=150)
    ap.add_argument("--max-size", type=int, default=8 * 1024,
                    help="skip sources larger than this (big seeds slow every fuzzing run)")
    args = ap.parse_args()
    corpus = Corpus(args.out_dir, args.max_size + 8)

    sources = []
    for folder in ("tests/fixtures", "tests/lift", "tests/hostile/programs", "examples"):
        sources += files_under(os.path.join(ROOT, folder), (".py",))
    sources += stdlib_slice(args.stdlib, args.stdlib_files, args.max_size)
    for i, path in enumerate(sources):
        data = read(path)
        version = i % 6
        corpus.add("analyse", bytes([version]) + data)
        corpus.add("analyse", bytes([0x40 | (version + 1) % 6]) + data)       # as text
        if i % 5 == 0:
            corpus.add("analyse", bytes([0x80 | (version + 2) % 6]) + data)   # plain module
        corpus.add("lift", bytes([(i % 18)]) + data)                          # version, mode
        if i % 4 == 0:
            corpus.add("lift", bytes([0x80 | ((i + 3) % 18)]) + data)         # as text
        corpus.add("document", document_seed(version | (0x80 if i % 7 == 0 else 0), data, i))

    notebooks = files_under(os.path.join(ROOT, "tests"), (".ipynb",))
    notebooks += files_under(os.path.join(ROOT, "examples"), (".ipynb",))
    for i, path in enumerate(notebooks):
        data = read(path)
        corpus.add("notebook", bytes([(i % 6) * 2]) + data)
        try:
            nb = json.loads(data.decode("utf-8"))
            cells = nb.get("cells", []) if isinstance(nb, dict) else []
        except (ValueError, UnicodeDecodeError):
            cells = []
        for j, cell in enumerate(cells):
            if not isinstance(cell, dict) or cell.get("cell_type") != "code":
                continue
            src = cell.get("source", "")
            if isinstance(src, list):
                src = "".join(s for s in src if isinstance(s, str))
            if isinstance(src, str):
                corpus.add("notebook", bytes([((i + j) % 6) * 2 + 1]) + src.encode("utf-8", "surrogatepass"))

    for target in TARGETS:
        for path in files_under(os.path.join(ROOT, "tests", "hostile", "regressions", target), ("",)):
            corpus.add(target, read(path))

    for target in TARGETS:
        total = len(os.listdir(os.path.join(args.out_dir, target)))
        print("%-9s %5d new seeds, %5d in %s" % (target, corpus.counts[target], total,
                                                 os.path.join(args.out_dir, target)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
