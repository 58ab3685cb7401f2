"""Drive oracle.py under a given CPython, robustly and in bulk.

Importable API (runs under any Python >= 3.8, stdlib only):

    find_python("3.12")            -> (path or None, reason)
    interpreter_info(python)       -> {"version": "3.12.1", "stdlib": "/.../lib/python3.12"}
    run_oracle(python, requests, jobs=2, timeout=20.0, progress=None)
        -> list of answers, one per request, in request order

Each request is {"path": ...} or {"source": ..., "filename": ...}; an "id" is
optional and is echoed back.  One long-lived oracle process per shard streams
the requests (a writer thread feeds stdin while answers are read back).  If the
interpreter dies (e.g. a segfault on pathological input) or an item takes longer
than `timeout` seconds, the process is restarted after that item, which is
recorded as {"ok": false, "stage": "other", "error": {"type": "Crash", ...}}.

Interpreter lookup for "3.X": $ASYNCLIFT_PYTHON_3_X if set, else the newest
`pyenv versions --bare` entry 3.X.N (via `pyenv prefix`), else `python3.X` on
PATH, else the newest $PYENV_ROOT/versions/3.X.N (pyenv not on PATH); the
candidate must really report version 3.X.
"""

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.path.join(HERE, "oracle.py")
ALL_VERSIONS = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]


def _check_version(python, version):
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=60,
            universal_newlines=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return False
    return out == version


def _pyenv_candidate(version):
    pyenv = shutil.which("pyenv")
    if not pyenv:
        return None, "pyenv not on PATH"
    try:
        bare = subprocess.run([pyenv, "versions", "--bare"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, universal_newlines=True,
                              timeout=60).stdout.split()
    except (OSError, subprocess.SubprocessError) as exc:
        return None, "pyenv versions failed: %s" % exc
    pattern = re.compile(r"^%s\.(\d+)$" % re.escape(version))
    matches = sorted((int(m.group(1)), name) for name in bare
                     for m in [pattern.match(name)] if m)
    if not matches:
        return None, "pyenv prefix %s failed" % version
    name = matches[-1][1]
    try:
        prefix = subprocess.run([pyenv, "prefix", name], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, universal_newlines=True,
                                timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        prefix = ""
    python = os.path.join(prefix, "bin", "python" + version)
    if prefix and os.path.exists(python):
        return python, "pyenv %s" % name
    return None, "pyenv prefix %s failed" % name


def _pyenv_root_candidate(version):
    """Newest $PYENV_ROOT/versions/3.X.N (default ~/.pyenv) without the pyenv tool."""
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    pattern = re.compile(r"^%s\.(\d+)$" % re.escape(version))
    try:
        names = os.listdir(os.path.join(root, "versions"))
    except OSError:
        return None
    matches = sorted((int(m.group(1)), name) for name in names
                     for m in [pattern.match(name)] if m)
    for _, name in reversed(matches):
        python = os.path.join(root, "versions", name, "bin", "python" + version)
        if os.path.exists(python):
            return python
    return None


def find_python(version):
    """Return (interpreter path or None, human-readable reason)."""
    tried = []
    env_name = "ASYNCLIFT_PYTHON_" + version.replace(".", "_")
    env_value = os.environ.get(env_name)
    if env_value:
        if _check_version(env_value, version):
            return env_value, "$%s" % env_name
        tried.append("$%s=%s is not CPython %s" % (env_name, env_value, version))
    python, reason = _pyenv_candidate(version)
    if python and _check_version(python, version):
        return python, reason
    tried.append(reason)
    on_path = shutil.which("python" + version)
    if on_path and _check_version(on_path, version):
        return on_path, "PATH"
    tried.append("python%s not on PATH" % version)
    python = _pyenv_root_candidate(version)
    if python and _check_version(python, version):
        return python, "pyenv folder"
    return None, "; ".join(tried)


def interpreter_info(python):
    code = ("import json, sys, sysconfig, platform; print(json.dumps({"
            "'version': platform.python_version(), "
            "'implementation': platform.python_implementation(), "
            "'stdlib': sysconfig.get_paths()['stdlib']}))")
    out = subprocess.run([python, "-c", code], stdout=subprocess.PIPE, check=True,
                         universal_newlines=True, timeout=60).stdout
    return json.loads(out)


class OracleError(Exception):
    """The oracle cannot run at all under this interpreter."""


def crash_answer(rid, msg):
    return {"id": rid, "ok": False, "needs_async": None, "stage": "other",
            "error": {"type": "Crash", "msg": msg, "lineno": None, "offset": None,
                      "end_lineno": None, "end_offset": None}}


def _writer(stream, lines):
    try:
        for line in lines:
            stream.write(line)
        stream.close()
    except (OSError, ValueError):  # process killed or died: reader notices
        pass


def _reader(stream, sink):
    try:
        for line in iter(stream.readline, b""):
            sink.put(line)
    except (OSError, ValueError):
        pass
    sink.put(None)


def _run_shard(python, requests, timeout, progress):
    """Answers for `requests` (list of (index, request)), restarting on trouble."""
    answers = {}
    pos = 0
    dead_on_arrival = 0  # fresh processes that exited with an error before answering
    while pos < len(requests):
        errlog = tempfile.TemporaryFile()
        proc = subprocess.Popen([python, ORACLE], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=errlog)
        lines = []
        for index, request in requests[pos:]:
            payload = dict(request)
            payload["id"] = index
            lines.append((json.dumps(payload) + "\n").encode("utf-8"))
        sink = queue.Queue()
        threads = [threading.Thread(target=_writer, args=(proc.stdin, lines), daemon=True),
                   threading.Thread(target=_reader, args=(proc.stdout, sink), daemon=True)]
        for thread in threads:
            thread.start()
        trouble = None
        answered = False
        while pos < len(requests):
            index = requests[pos][0]
            try:
                line = sink.get(timeout=timeout)
            except queue.Empty:
                trouble = "timeout after %gs" % timeout
                proc.kill()
                break
            if line is None:
                proc.wait()
                errlog.seek(0)
                tail = errlog.read()[-300:].decode("utf-8", "replace").strip()
                trouble = "oracle exited with status %s%s" % (
                    proc.returncode, (": " + tail) if tail else "")
                break
            reply = json.loads(line.decode("utf-8"))
            if reply.get("id") != index:
                trouble = "protocol error: expected id %r, got %r" % (index, reply.get("id"))
                proc.kill()
                break
            answers[index] = reply
            answered = True
            pos += 1
            if progress:
                progress(1)
        if trouble is not None and not answered and (proc.returncode or 0) > 0:
            dead_on_arrival += 1
            if dead_on_arrival >= 3 or len(answers) == 0:
                raise OracleError("%s cannot run oracle.py: %s" % (python, trouble))
        elif answered:
            dead_on_arrival = 0
        if trouble is not None:
            answers[requests[pos][0]] = crash_answer(requests[pos][0], trouble)
            pos += 1
            if progress:
                progress(1)
        try:
            proc.stdin.close()
        except OSError:
            pass
        proc.wait()
        for thread in threads:
            thread.join(5)
        errlog.close()
    return answers


def run_oracle(python, requests, jobs=1, timeout=20.0, progress=None):
    """Run the oracle on every request; returns answers in request order."""
    requests = list(requests)
    jobs = max(1, min(int(jobs), len(requests) or 1))
    shards = [[] for _ in range(jobs)]
    for index, request in enumerate(requests):
        shards[index % jobs].append((index, request))
    lock = threading.Lock()

    def safe_progress(n):
        if progress:
            with lock:
                progress(n)

    results = [None] * jobs

    failures = []

    def work(k):
        try:
            results[k] = _run_shard(python, shards[k], timeout, safe_progress)
        except Exception as exc:  # re-raised in the calling thread
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    merged = {}
    for part in results:
        merged.update(part)
    out = []
    for index, request in enumerate(requests):
        reply = dict(merged[index])
        reply["id"] = request.get("id", index)
        out.append(reply)
    return out


def main(argv=None):
    """Tiny CLI: run_oracle.py VERSION FILE... -> JSON lines on stdout."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2:
        print("usage: run_oracle.py 3.X FILE...", file=sys.stderr)
        return 2
    python, reason = find_python(argv[0])
    if not python:
        print("CPython %s not found (%s)" % (argv[0], reason), file=sys.stderr)
        return 77
    for reply in run_oracle(python, [{"id": p, "path": os.path.abspath(p)} for p in argv[1:]]):
        print(json.dumps(reply))
    return 0


if __name__ == "__main__":
    sys.exit(main())
