"""Run the asynclift CLI on many files and collect its JSON answers.

Importable API (any Python >= 3.8, stdlib only):

    run_asynclift(binary, "3.12", paths, jobs=2, chunk=1500, timeout=None)
        -> {path: file_record | {"crash": "why"}}

Paths are passed in chunks to
    asynclift check --format json --target-version 3.12 --jobs N PATH...
and each file record of the output is keyed by its "path" exactly as given.
Exit statuses 0 (clean), 1 (findings) and 2 (some input unreadable) are all
normal.  Each run gets `timeout` seconds (default 30 s + 0.5 s per file).
Anything else -- a crash, a timeout, output that is not the expected
JSON -- makes the chunk split in halves and rerun, down to the single file that
misbehaves, which is recorded as {"crash": "..."}; the rest is still checked.
Files absent from an otherwise good answer are simply absent from the result.
"""

import json
import subprocess


def command(binary, version, paths, jobs):
    return ([binary, "check", "--format", "json", "--target-version", version,
             "--jobs", str(jobs)] + list(paths))


def _once(binary, version, paths, jobs, timeout):
    """(records by path, None) or (None, failure text)."""
    try:
        proc = subprocess.run(command(binary, version, paths, jobs),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout after %gs" % timeout
    except OSError as exc:
        return None, "cannot run %s: %s" % (binary, exc)
    stderr_tail = proc.stderr[-400:].decode("utf-8", "replace").strip()
    if proc.returncode not in (0, 1, 2):
        return None, "exit status %s%s" % (proc.returncode,
                                           (": " + stderr_tail) if stderr_tail else "")
    try:
        doc = json.loads(proc.stdout.decode("utf-8"))
        files = doc["files"]
        records = {f["path"]: f for f in files}
    except (ValueError, KeyError, TypeError) as exc:
        return None, "bad JSON output (%s), exit status %s%s" % (
            exc, proc.returncode, (": " + stderr_tail) if stderr_tail else "")
    return records, None


def _bisect(binary, version, paths, jobs, timeout, out):
    limit = timeout if timeout else 30.0 + 0.5 * len(paths)
    records, failure = _once(binary, version, paths, jobs, limit)
    if records is not None:
        wanted = set(paths)
        out.update((p, r) for p, r in records.items() if p in wanted)
        return
    if len(paths) == 1:
        out[paths[0]] = {"crash": failure}
        return
    half = len(paths) // 2
    _bisect(binary, version, paths[:half], jobs, timeout, out)
    _bisect(binary, version, paths[half:], jobs, timeout, out)


def run_asynclift(binary, version, paths, jobs=2, chunk=1500, timeout=None,
                  progress=None):
    """Check every path; returns {path: record or {"crash": text}}."""
    out = {}
    paths = list(paths)
    for start in range(0, len(paths), chunk):
        part = paths[start:start + chunk]
        _bisect(binary, version, part, jobs, timeout, out)
        if progress:
            progress(len(part))
    return out
