"""Ask every installed CPython 3.8 .. 3.13 what it thinks of some source.

    python3 tests/oracle/probe.py 'x = 1\\ndef f():\\n    nonlocal x' ['more' ...]
    python3 tests/oracle/probe.py -f file.py [-f other.py]
    options: --versions 3.8,3.12   --raw (no backslash-escape decoding)
             --json (raw oracle answers)   --asynclift BIN (also show asynclift)

Snippets given as arguments have their backslash escapes decoded (\\n, \\t,
\\xHH, \\uHHHH, ...) and are compiled as UTF-8 bytes, exactly as if written to
a file; -f files are compiled as they are.  Output, one line per version:

    3.8   ok      needs_async=True
    3.12  compile SyntaxError "no binding for nonlocal 'x' found" @3:5-3:15

(@line:offset-end_line:end_offset, as in SyntaxError).  With --asynclift, each
version's line is followed by asynclift's verdict and whether it agrees
(differential.py's rules).
"""

import argparse
import codecs
import json
import os
import shutil
import sys
import tempfile
import threading

sys.dont_write_bytecode = True  # keep tests/oracle free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_oracle import ALL_VERSIONS, OracleError, find_python, run_oracle  # noqa: E402


def unescape(text):
    raw = text.encode("latin-1", "backslashreplace")
    return codecs.decode(raw, "unicode_escape")


def describe(answer):
    if answer["stage"] == "ok":
        return "ok      needs_async=%s" % answer["needs_async"]
    err = answer["error"]
    where = "@%s:%s" % (err["lineno"], err["offset"])
    if err.get("end_lineno") is not None:
        where += "-%s:%s" % (err["end_lineno"], err["end_offset"])
    return "%-7s %s %s %s" % (answer["stage"], err["type"], json.dumps(err["msg"]), where)


def ask_all(versions, requests):
    """{version: answers or reason string} -- the versions run in parallel."""
    results = {}

    def work(version):
        python, reason = find_python(version)
        if not python:
            results[version] = "not installed (%s)" % reason
            return
        try:
            results[version] = run_oracle(python, requests, jobs=1)
        except OracleError as exc:
            results[version] = str(exc).splitlines()[0] + " ..."

    threads = [threading.Thread(target=work, args=(v,)) for v in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def ask_asynclift(binary, versions, paths):
    from run_asynclift import run_asynclift
    return {v: run_asynclift(binary, v, paths, jobs=1) for v in versions}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("snippets", nargs="*", help="source text (backslash escapes decoded)")
    ap.add_argument("-f", "--file", action="append", default=[], help="a source file")
    ap.add_argument("--versions", default=",".join(ALL_VERSIONS))
    ap.add_argument("--raw", action="store_true", help="do not decode backslash escapes")
    ap.add_argument("--json", action="store_true", help="print raw oracle answers")
    ap.add_argument("--asynclift", help="also run this asynclift binary")
    args = ap.parse_args(argv)
    if not args.snippets and not args.file:
        ap.error("give at least one snippet or -f FILE")
    versions = [v for v in args.versions.split(",") if v]

    items = []  # (title, path or None, text or None)
    for snippet in args.snippets:
        text = snippet if args.raw else unescape(snippet)
        items.append((repr(text), None, text))
    for path in args.file:
        items.append((path, os.path.abspath(path), None))
    tmp = tempfile.mkdtemp(prefix="asynclift-probe-")
    try:
        paths = []
        for number, (title, path, text) in enumerate(items):
            if path is None:
                path = os.path.join(tmp, "snippet%d.py" % (number + 1))
                with open(path, "wb") as fh:
                    fh.write(text.encode("utf-8", "surrogatepass"))
            paths.append(path)
        results = ask_all(versions, [{"path": p} for p in paths])
        ours = ask_asynclift(args.asynclift, versions, paths) if args.asynclift else {}
        if args.asynclift:
            from differential import classify, ours_text
        for number, (title, _, _) in enumerate(items):
            print("#%d %s" % (number + 1, title if len(title) < 200 else title[:197] + "..."))
            for version in versions:
                answers = results[version]
                if isinstance(answers, str):
                    print("  %-5s %s" % (version, answers))
                    continue
                answer = answers[number]
                if args.json:
                    answer = dict((k, v) for k, v in answer.items() if k != "id")
                    print("  %-5s %s" % (version, json.dumps(answer)))
                else:
                    print("  %-5s %s" % (version, describe(answer)))
                if version in ours:
                    record = ours[version].get(paths[number])
                    verdict = classify(answer, record) or "agree"
                    print("        asynclift [%s]: %s" % (verdict, ours_text(record)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
