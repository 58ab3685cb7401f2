"""Large embedded outputs must not slow notebook checking down noticeably.

    python3 tests/notebook/perf_test.py --asynclift build/cli/asynclift [--megabytes 50]

Writes a notebook of 60 code cells full of IPython syntax whose outputs embed about 50 MB of
base64 PNG data (plus the same notebook without outputs), checks both with
`asynclift check --format json` (best of 3 runs each) and fails when the big one takes more than
--limit seconds (default 2.0) or when its findings differ from the small one's. Prints the
timings and the throughput.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def make(path, megabytes, outputs):
    blob = base64.b64encode(os.urandom(750_000)).decode()  # 1 MB of base64 per image
    cells = []
    for i in range(60):
        source = ["import asyncio\n", "%matplotlib inline\n", "files = !ls\n", "x%d = %d\n" % (i, i),
                  "await asyncio.sleep(0)\n", "obj?\n"]
        if i % 10 == 9:
            source.append("def f():\n    nonlocal q\n")
        outs = []
        if outputs and i < megabytes:
            outs.append({"output_type": "display_data", "metadata": {},
                         "data": {"image/png": blob, "text/plain": ["<Figure size 640x480>"]}})
        if outputs:
            outs.append({"output_type": "stream", "name": "stdout", "text": ["line %d\n" % k for k in range(50)]})
        cells.append({"cell_type": "code", "execution_count": i + 1, "id": "c%d" % i, "metadata": {},
                      "outputs": outs, "source": source})
        cells.append({"cell_type": "markdown", "id": "m%d" % i, "metadata": {}, "source": ["## Step %d\n" % i]})
    nb = {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                                      "name": "python3"}},
          "nbformat": 4, "nbformat_minor": 5}
    with open(path, "w") as f:
        json.dump(nb, f, indent=1)


def best_of(binary, path, runs=3):
    best, out = None, None
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run([binary, "check", "--format", "json", path], capture_output=True, text=True)
        elapsed = time.perf_counter() - t
        if p.returncode not in (0, 1):
            raise SystemExit("asynclift failed: %s" % p.stderr)
        best = elapsed if best is None else min(best, elapsed)
        out = json.loads(p.stdout)["files"][0]
    return best, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--asynclift", required=True)
    ap.add_argument("--megabytes", type=int, default=50)
    ap.add_argument("--limit", type=float, default=2.0)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="asynclift-perf-")
    try:
        big, small = os.path.join(tmp, "big.ipynb"), os.path.join(tmp, "small.ipynb")
        make(big, args.megabytes, True)
        make(small, args.megabytes, False)
        size = os.path.getsize(big) / 1e6
        t_big, out_big = best_of(args.asynclift, big)
        t_small, out_small = best_of(args.asynclift, small)
        print("notebook with outputs: %.1f MB, %.3f s (%.0f MB/s); without outputs: %.3f s; outputs cost %.3f s"
              % (size, t_big, size / t_big, t_small, t_big - t_small))
        same = out_big["cells"] == out_small["cells"]
        ok = t_big <= args.limit and same and len(out_big["cells"]) == 60
        print("ok   findings unaffected by outputs" if same else "FAIL findings differ with outputs")
        print(("ok   " if t_big <= args.limit else "FAIL ") + "checked within %.1f s" % args.limit)
        print("%d passed, %d failed" % (int(same) + int(t_big <= args.limit), 2 - int(same) - int(t_big <= args.limit)))
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
