"""Shared parts of the golden tests: fixtures, their directives, the expected-file format.

A fixture is tests/fixtures/<area>/<name>.py. Its first lines may hold directives:

    # golden: versions=3.8,3.9,3.10      (default: every version 3.8 .. 3.13)
    # golden: known-failure=<why>         (asynclift is wrong here; ctest label known-failure)

Its expected file is <name>.expected beside it: for each version, the command that was run,
its exact standard output, standard error lines prefixed with "[stderr] ", and the exit
status, then a blank line:

    $ asynclift check --format concise --fail-on-async --target-version 3.8 nonlocal/no_binding.py
    nonlocal/no_binding.py:3:5: error: no binding for nonlocal 'x' found [nonlocal-without-binding]
    Found 1 error in 1 file (1 checked, Python 3.8); 0 files need async execution.
    [exit 1]

Python stdlib only; any Python >= 3.8.
"""

import os
import re
import subprocess

ALL_VERSIONS = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.normpath(os.path.join(HERE, "..", "fixtures"))
# Standard output is a pipe, so the text is never coloured.
CHECK_ARGS = ["check", "--format", "concise", "--fail-on-async"]

DIRECTIVE = re.compile(rb"^# golden: ([a-z-]+)=(.*?)\s*$")
FINDING = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): "
                     r"(?P<message>.*) \[(?P<code>[a-z0-9-]+)\]$")
NEEDS_ASYNC_CODE = "needs-async"


class FixtureError(Exception):
    pass


class Fixture:
    def __init__(self, relpath, fixtures=FIXTURES):
        self.relpath = relpath.replace(os.sep, "/")
        self.path = os.path.join(fixtures, relpath)
        self.fixtures = fixtures
        self.expected_path = os.path.splitext(self.path)[0] + ".expected"
        self.versions = list(ALL_VERSIONS)
        self.known_failure = None
        self._read_directives()

    @property
    def test_name(self):
        return "golden." + os.path.splitext(self.relpath)[0].replace("/", ".")

    def _read_directives(self):
        with open(self.path, "rb") as fh:
            data = fh.read()
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        for raw in data.splitlines():
            if not raw.startswith(b"# golden:"):
                break
            m = DIRECTIVE.match(raw)
            if not m:
                raise FixtureError("%s: malformed directive %r (want '# golden: key=value')"
                                   % (self.relpath, raw.decode("utf-8", "replace")))
            key, value = m.group(1).decode(), m.group(2).decode("utf-8", "replace")
            if key == "versions":
                versions = ALL_VERSIONS if value == "all" else [v.strip() for v in value.split(",")]
                bad = [v for v in versions if v not in ALL_VERSIONS]
                if bad or not versions:
                    raise FixtureError("%s: unknown versions %s" % (self.relpath, bad or value))
                self.versions = [v for v in ALL_VERSIONS if v in versions]
            elif key == "known-failure":
                self.known_failure = value or "(no reason given)"
            else:
                raise FixtureError("%s: unknown directive %r (versions, known-failure)"
                                   % (self.relpath, key))


def find_fixtures(fixtures=FIXTURES):
    """Every tests/fixtures/<area>/<name>.py, sorted."""
    found = []
    for area in sorted(os.listdir(fixtures)):
        folder = os.path.join(fixtures, area)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py"):
                found.append(area + "/" + name)
    return found


def command_line(version, relpath):
    return "$ asynclift " + " ".join(CHECK_ARGS + ["--target-version", version, relpath])


def run_block(asynclift, fixture, version):
    """The expected-file block that asynclift produces now for one version."""
    proc = subprocess.run([asynclift] + CHECK_ARGS + ["--target-version", version, fixture.relpath],
                          cwd=fixture.fixtures, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, timeout=60)
    lines = [command_line(version, fixture.relpath)]
    lines += proc.stdout.decode("utf-8", "backslashreplace").splitlines()
    lines += ["[stderr] " + s for s in proc.stderr.decode("utf-8", "backslashreplace").splitlines()]
    lines.append("[exit %d]" % proc.returncode)
    return "\n".join(lines) + "\n"


def render(asynclift, fixture):
    return "\n".join(run_block(asynclift, fixture, v) for v in fixture.versions)


class Block:
    """One version's part of an expected file, parsed."""

    def __init__(self, version, findings, stderr, exit_status):
        self.version = version
        self.findings = findings        # FINDING groupdicts, line/column as int
        self.stderr = stderr
        self.exit_status = exit_status

    @property
    def errors(self):
        return [f for f in self.findings
                if f["severity"] == "error" and f["code"] != NEEDS_ASYNC_CODE]

    @property
    def needs_async(self):
        return any(f["code"] == NEEDS_ASYNC_CODE for f in self.findings)


def parse_expected(text):
    """{version: Block} from an expected file's text."""
    blocks = {}
    current = None
    for line in text.splitlines():
        if line.startswith("$ asynclift "):
            m = re.search(r"--target-version (\S+) ", line)
            if not m:
                raise FixtureError("no --target-version in %r" % line)
            current = Block(m.group(1), [], [], None)
            blocks[current.version] = current
        elif current is None or not line:
            continue
        elif line.startswith("[stderr] "):
            current.stderr.append(line[len("[stderr] "):])
        elif line.startswith("[exit "):
            current.exit_status = int(line[len("[exit "):-1])
        else:
            m = FINDING.match(line)
            if m:
                finding = m.groupdict()
                finding["line"] = int(finding["line"])
                finding["column"] = int(finding["column"])
                current.findings.append(finding)
    return blocks
