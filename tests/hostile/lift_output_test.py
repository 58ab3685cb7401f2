"""`asynclift lift -o FILE` never loses a byte.

    python3 tests/hostile/lift_output_test.py --asynclift build/cli/asynclift

- a successful run replaces FILE whole (its mode kept; through a symbolic link, the link stays);
- a failed run — the input has errors, cannot be read, the output folder does not exist, FILE
  is a folder — leaves FILE exactly as it was, and no temporary file behind;
- a run killed at random moments while writing a big lift leaves FILE either as it was or
  complete, never cut;
- -o naming the input itself (as given, as ./x.py, through a symlink or a hard link) is refused
  with exit 2 and the input unchanged, unless --force, which then writes the lift.

Exit status: 0 pass; 1 a failure.
"""

import argparse
import os
import random
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time

OLD = b"# the old output, which a failed run must leave alone\n"


def run(cmd, cwd):
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


def read(path):
    with open(path, "rb") as fh:
        return fh.read()


def write(path, data, mode=0o644):
    with open(path, "wb") as fh:
        fh.write(data)
    os.chmod(path, mode)


def leftovers(folder):
    return [n for n in os.listdir(folder) if ".asynclift-" in n]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--asynclift", required=True)
    ap.add_argument("--kills", type=int, default=6)
    args = ap.parse_args(argv)
    a = os.path.abspath(args.asynclift)
    failures = []

    def expect(cond, what):
        if not cond:
            failures.append(what)

    with tempfile.TemporaryDirectory(prefix="asynclift-output-") as d:
        write(os.path.join(d, "in.py"), b"import asyncio\nawait asyncio.sleep(0)\nx = 1\n")
        write(os.path.join(d, "bad.py"), b"x = 1\ndef f():\n    nonlocal x\n")
        status, _ = run([a, "lift", "in.py"], d)
        expected = subprocess.run([a, "lift", "in.py"], cwd=d, stdout=subprocess.PIPE).stdout
        expect(status == 0 and b"async def __async_exec__" in expected, "lift in.py to stdout works")

        # Success: replaced whole, mode kept, a symlink stays a symlink.
        write(os.path.join(d, "out.py"), OLD, 0o640)
        status, err = run([a, "lift", "in.py", "-o", "out.py"], d)
        expect(status == 0 and read(os.path.join(d, "out.py")) == expected, "-o out.py: " + err)
        expect(os.stat(os.path.join(d, "out.py")).st_mode & 0o777 == 0o640, "-o keeps the mode")
        write(os.path.join(d, "target.py"), OLD)
        os.symlink("target.py", os.path.join(d, "link.py"))
        status, err = run([a, "lift", "in.py", "-o", "link.py"], d)
        expect(status == 0 and os.path.islink(os.path.join(d, "link.py")) and
               read(os.path.join(d, "target.py")) == expected, "-o through a symlink: " + err)

        # Failures leave the old file.
        os.mkdir(os.path.join(d, "folder"))
        for label, cmd in [
                ("input with errors", ["bad.py", "-o", "out.py"]),
                ("missing input", ["missing.py", "-o", "out.py"]),
                ("input is a folder", ["folder", "-o", "out.py"]),
                ("bad --target-version", ["in.py", "--target-version", "2.7", "-o", "out.py"])]:
            write(os.path.join(d, "out.py"), OLD)
            status, err = run([a, "lift"] + cmd, d)
            expect(status in (1, 2) and read(os.path.join(d, "out.py")) == OLD,
                   "%s: exit %d, the old file must stay: %s" % (label, status, err))
        status, err = run([a, "lift", "in.py", "-o", "no/such/folder/out.py"], d)
        expect(status == 2 and "no/such/folder/out.py" in err, "-o into a missing folder: exit 2, named")
        status, err = run([a, "lift", "in.py", "-o", "folder"], d)
        expect(status == 2 and os.path.isdir(os.path.join(d, "folder")), "-o a folder: exit 2")
        expect(not leftovers(d) and not leftovers(os.path.join(d, "folder")),
               "temporary files left behind: %s" % leftovers(d))

        # Killed while writing: the file is the old one or the whole new one.
        big = b"".join(b"value_%d = [i * %d for i in range(3)]\nawait f(%d)\n" % (i, i, i)
                       for i in range(50000))
        write(os.path.join(d, "big.py"), big)
        big_lift = subprocess.run([a, "lift", "big.py"], cwd=d, stdout=subprocess.PIPE).stdout
        full = time.time()
        subprocess.run([a, "lift", "big.py", "-o", "scratch.py"], cwd=d, check=True)
        full = time.time() - full
        rng = random.Random(8)
        seen = set()
        for _ in range(args.kills):
            write(os.path.join(d, "out.py"), OLD)
            proc = subprocess.Popen([a, "lift", "big.py", "-o", "out.py"], cwd=d)
            time.sleep(rng.uniform(0, full * 1.2))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            now = read(os.path.join(d, "out.py"))
            state = "old" if now == OLD else "new" if now == big_lift else "cut (%d bytes)" % len(now)
            seen.add(state)
            expect(state in ("old", "new"), "killed during -o: the file is " + state)
        for n in leftovers(d):  # a killed run cannot clean up: only its temporary file remains
            os.unlink(os.path.join(d, n))

        # Never over the input, unless --force.
        for spelling in ["in.py", "./in.py", os.path.join(d, "in.py"), "in_link.py", "in_hard.py"]:
            if spelling == "in_link.py" and not os.path.lexists(os.path.join(d, spelling)):
                os.symlink("in.py", os.path.join(d, spelling))
            if spelling == "in_hard.py" and not os.path.exists(os.path.join(d, spelling)):
                os.link(os.path.join(d, "in.py"), os.path.join(d, spelling))
            before = read(os.path.join(d, "in.py"))
            status, err = run([a, "lift", "in.py", "-o", spelling], d)
            expect(status == 2 and read(os.path.join(d, "in.py")) == before and "--force" in err,
                   "-o %s (the input): must be refused, exit %d: %s" % (spelling, status, err))
        status, err = run([a, "lift", "in.py", "-o", "in.py", "--force"], d)
        expect(status == 0 and read(os.path.join(d, "in.py")) == expected, "--force overwrites: " + err)

        # What is not a regular file is written in place, never renamed over (a device such as
        # /dev/null, a FIFO): the FIFO stays a FIFO and its reader gets the text.
        write(os.path.join(d, "in2.py"), b"import asyncio\nawait asyncio.sleep(0)\nx = 1\n")
        fifo = os.path.join(d, "out.fifo")
        os.mkfifo(fifo)
        got = []
        reader = threading.Thread(target=lambda: got.append(read(fifo)), daemon=True)
        reader.start()
        status, err = run([a, "lift", "in2.py", "-o", fifo], d)
        if reader.is_alive() and status != 0:  # nothing opened the FIFO: let the reader go
            with open(fifo, "wb"):
                pass
        reader.join(timeout=30)
        expect(status == 0 and stat.S_ISFIFO(os.lstat(fifo).st_mode) and got == [expected],
               "-o a FIFO: written in place, still a FIFO (exit %d: %s)" % (status, err))
        expect(not leftovers(d), "-o a FIFO: no temporary file left")
        status, err = run([a, "lift", "in2.py", "-o", os.devnull], d)
        expect(status == 0 and stat.S_ISCHR(os.stat(os.devnull).st_mode),
               "-o %s: still a character device (exit %d: %s)" % (os.devnull, status, err))
    print("lift -o: killed runs left the file %s; %d failures" % (" or ".join(sorted(seen)), len(failures)))
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
