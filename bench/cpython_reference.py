"""CPython's side of asynclift's benchmarks: the interpreter times its own compile().

asynclift_bench runs this script with each CPython it compares against, so that CPython's
figures are measured in the same run as asynclift's, on the same inputs, by the interpreter
itself (no process start-up or file reading in the timed part). The call timed is the one a
REPL such as IPython makes for every cell:

    compile(source, filename, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)

Modes (each prints one JSON object on stdout):

  corpus --files-from LIST [--jobs N] [--passes K]
      Compiles every file named in LIST (one path per line, read as bytes beforehand), K times.
      With N > 1, N forked processes take files from a shared counter, as `asynclift check
      --jobs N` does. SyntaxError and friends count as compiled (CPython did the work).
      → {"files", "bytes", "errors", "pass_seconds": [...], "mean_seconds", "best_seconds"}

  cells --cell NAME=PATH ... [--repeat R]
      Per-call time of compiling each cell (a str, as a REPL has it), by timeit: the best of R
      repeats of an auto-ranged loop.
      → {"NAME": seconds_per_call, ...}

--clock cpu (the default) times with time.process_time, --clock wall with time.perf_counter;
runs on several processes are always timed by the wall clock.

Warnings (SyntaxWarning for invalid escapes and the like) are ignored, so that printing them
is not part of what is timed.
"""
import argparse
import ast
import json
import multiprocessing
import os
import sys
import time
import timeit
import warnings

FLAGS = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT


def compile_one(source, name):
    try:
        compile(source, name, "exec", flags=FLAGS, dont_inherit=True)
        return 0
    except (SyntaxError, ValueError, UnicodeError, OverflowError, MemoryError, RecursionError):
        return 1


def corpus_worker(sources, names, counter, lock, errors):
    warnings.simplefilter("ignore")
    failed = 0
    n = len(sources)
    while True:
        with lock:
            i = counter.value
            counter.value = i + 1
        if i >= n:
            break
        failed += compile_one(sources[i], names[i])
    with lock:
        errors.value += failed


def corpus(args):
    with open(args.files_from, encoding="utf-8") as f:
        names = [line.rstrip("\n") for line in f if line.strip()]
    sources = []
    for name in names:
        with open(name, "rb") as f:
            sources.append(f.read())
    warnings.simplefilter("ignore")
    seconds = []
    errors = 0
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    for _ in range(args.passes):
        if args.jobs <= 1:
            start = clock()
            errors = sum(compile_one(s, n) for s, n in zip(sources, names))
            seconds.append(clock() - start)
        else:
            ctx = multiprocessing.get_context("fork")
            counter = ctx.Value("l", 0, lock=False)
            failed = ctx.Value("l", 0, lock=False)
            lock = ctx.Lock()
            start = time.perf_counter()
            workers = [ctx.Process(target=corpus_worker, args=(sources, names, counter, lock, failed))
                       for _ in range(args.jobs)]
            for w in workers:
                w.start()
            for w in workers:
                w.join()
            seconds.append(time.perf_counter() - start)
            errors = failed.value
    print(json.dumps({
        "python": sys.version.split()[0],
        "files": len(sources),
        "bytes": sum(map(len, sources)),
        "errors": errors,
        "jobs": args.jobs,
        "clock": args.clock if args.jobs <= 1 else "wall",
        "pass_seconds": seconds,
        "mean_seconds": sum(seconds) / len(seconds),
        "best_seconds": min(seconds),
    }))


def cells(args):
    warnings.simplefilter("ignore")
    result = {}
    for spec in args.cell:
        name, _, path = spec.partition("=")
        with open(path, encoding="utf-8") as f:
            source = f.read()
        timer = timeit.Timer(lambda: compile_one(source, "<cell>"),
                             timer=time.process_time if args.clock == "cpu" else time.perf_counter)
        number, _ = timer.autorange()
        number = max(number, 1)
        best = min(timer.repeat(repeat=args.repeat, number=number))
        result[name] = best / number
    print(json.dumps(result))


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="mode", required=True)
    c = sub.add_parser("corpus")
    c.add_argument("--files-from", required=True)
    c.add_argument("--jobs", type=int, default=1)
    c.add_argument("--passes", type=int, default=1)
    c.set_defaults(run=corpus)
    k = sub.add_parser("cells")
    k.add_argument("--cell", action="append", default=[], metavar="NAME=PATH")
    k.add_argument("--repeat", type=int, default=5)
    k.set_defaults(run=cells)
    for sp in (c, k):
        sp.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    args = p.parse_args()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
    args.run(args)


if __name__ == "__main__":
    main()
