#!/usr/bin/env python3
"""Packaging tests: install asynclift to a temporary prefix and use it as a consumer would.

One step per ctest test (tests/packaging/CMakeLists.txt):

  install           cmake --install the build tree into WORK/prefix (fixture for the rest)
  installed-tree    the installed files: headers (self-contained, no third-party includes),
                    both libraries, the soname and its links, exported symbols, CMake and
                    pkg-config files, the CLI
  find-package      examples/cpp and examples/c as standalone projects with
                    find_package(asynclift): shared (default) and static (ASYNCLIFT_USE_STATIC_LIBS)
  pkg-config        examples/c compiled with `cc -std=c11 -Wall -Wextra -pedantic -Werror` and
                    `pkg-config --cflags --libs asynclift` (shared), and statically with
                    `pkg-config --static`; examples/cpp with pkg-config as C++20
  deb               cpack -G DEB; the package's metadata and files; the C example built
                    against the unpacked package with pkg-config

Every consumer runs on tests/packaging/data/*.py and must print expected_*.txt exactly.
"""
import argparse
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
STRICT_C = ["-std=c11", "-Wall", "-Wextra", "-pedantic", "-Werror"]


class Failure(Exception):
    pass


def run(cmd, cwd=None, env=None, expect_rc=0, capture=True):
    print("+", " ".join(shlex.quote(str(c)) for c in cmd), flush=True)
    p = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, text=True,
                       stdout=subprocess.PIPE if capture else None,
                       stderr=subprocess.STDOUT if capture else None)
    if expect_rc is not None and p.returncode != expect_rc:
        raise Failure(f"exit status {p.returncode}, expected {expect_rc}:\n{p.stdout or ''}")
    return p.stdout or ""


def check(condition, message):
    if not condition:
        raise Failure(message)


def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def check_example(exe, env=None):
    """Runs a built example on the data files and compares with the expected output."""
    cases = [([], ["errors.py", "needs_async.py", "latin1.py"], "expected_default.txt"),
             (["--target-version", "3.8"], ["unpositioned.py"], "expected_3.8.txt")]
    for args, files, expected in cases:
        out = run([exe, *args, *files], cwd=DATA, env=env, expect_rc=1)
        want = read(os.path.join(DATA, expected))
        if out != want:
            raise Failure(f"{exe} {' '.join(args + files)} printed:\n{out}\nexpected:\n{want}")
    print(f"ok: {exe} prints the expected analysis")


def needed_libraries(exe):
    out = run(["readelf", "-d", exe])
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def prefix_libdir(prefix):
    pcs = glob.glob(os.path.join(prefix, "**", "pkgconfig", "asynclift.pc"), recursive=True)
    check(len(pcs) == 1, f"expected one asynclift.pc under {prefix}, found {pcs}")
    return os.path.dirname(os.path.dirname(pcs[0]))


# ---- steps ----------------------------------------------------------------------------------

def step_install(a):
    prefix = fresh_dir(os.path.join(a.work, "prefix"))
    run([a.cmake, "--install", a.build_dir, "--prefix", prefix])
    check(os.path.isfile(os.path.join(prefix, "include", "asynclift", "asynclift.h")),
          "asynclift.h was not installed")


def public_functions(header):
    """Names of the functions declared with ASYNCLIFT_API in asynclift.h."""
    text = read(header)
    return sorted(set(re.findall(r"ASYNCLIFT_API\b[^;(]*?\b(asynclift_\w+)\s*\(", text)))


def step_installed_tree(a):
    prefix = os.path.join(a.work, "prefix")
    libdir = prefix_libdir(prefix)
    inc = os.path.join(prefix, "include")

    # Headers: ours only, each compiling on its own with nothing but the installed include path.
    headers = sorted(os.listdir(os.path.join(inc, "asynclift")))
    check("asynclift.h" in headers and "asynclift.hpp" in headers, f"headers: {headers}")
    check(sorted(os.listdir(inc)) == ["asynclift"], f"other things installed in include/: "
                                                    f"{os.listdir(inc)}")
    scratch = fresh_dir(os.path.join(a.work, "headers"))
    for h in headers:
        text = read(os.path.join(inc, "asynclift", h))
        check(not re.search(r"#\s*include\s*[<\"](tree_sitter|simdjson)", text),
              f"{h} includes a third-party header")
        src = os.path.join(scratch, h + (".c" if h.endswith(".h") else ".cpp"))
        with open(src, "w") as f:
            f.write(f"#include <asynclift/{h}>\n")
        if h.endswith(".h"):
            run([a.c_compiler, *STRICT_C, "-fsyntax-only", "-I", inc, src])
        run([a.cxx_compiler, "-std=c++20", "-Wall", "-Wextra", "-Werror", "-fsyntax-only",
             "-I", inc, src])

    # Libraries: libasynclift.so → .so.<soversion> → .so.<version>, and libasynclift.a.
    check(os.path.isfile(os.path.join(libdir, "libasynclift.a")), "libasynclift.a missing")
    real = os.path.join(libdir, f"libasynclift.so.{a.version}")
    check(os.path.isfile(real) and not os.path.islink(real), f"{real} missing")
    soname = f"libasynclift.so.{a.soversion}"
    check(os.readlink(os.path.join(libdir, soname)) == os.path.basename(real), "soname link")
    check(os.readlink(os.path.join(libdir, "libasynclift.so")) == soname, "dev link")
    dyn = run(["readelf", "-d", real])
    check(f"Library soname: [{soname}]" in dyn, f"soname is not {soname}:\n{dyn}")

    # Exported symbols: every C function of the header, the C++ API, nothing of tree-sitter or
    # asynclift::detail; all under the version node.
    exported = run(["nm", "-D", "--defined-only", real]).splitlines()
    names = {line.split()[-1].split("@")[0] for line in exported if line.strip()}
    for fn in public_functions(os.path.join(inc, "asynclift", "asynclift.h")):
        check(fn in names, f"{fn} is declared in asynclift.h but not exported")
    check(not any(n.startswith("ts_") for n in names), "tree-sitter symbols are exported")
    demangled = run(["c++filt"] + sorted(names)) if names else ""
    check("asynclift::analyser::analyse_text" in demangled, "the C++ API is not exported")
    check("asynclift::detail::" not in demangled, "asynclift::detail symbols are exported")
    check(all(f"@@ASYNCLIFT_{a.soversion}" in line or " A " in line
              for line in exported if line.strip()), "a symbol without the version node")

    # The CMake package and the pkg-config file.
    cmakedir = os.path.join(libdir, "cmake", "asynclift")
    for f in ("asyncliftConfig.cmake", "asyncliftConfigVersion.cmake", "asyncliftTargets.cmake"):
        check(os.path.isfile(os.path.join(cmakedir, f)), f"{f} missing")
    pc = read(os.path.join(libdir, "pkgconfig", "asynclift.pc"))
    check("prefix=${pcfiledir}/" in pc, "asynclift.pc is not relocatable")
    check(f"Version: {a.version}" in pc, "asynclift.pc has the wrong version")

    # The CLI.
    cli = os.path.join(prefix, "bin", "asynclift")
    if os.path.exists(cli):
        out = run([cli, "--version"])
        check(a.version in out, f"asynclift --version printed {out!r}")
    else:
        print("note: the CLI is not installed (ASYNCLIFT_BUILD_CLI=OFF?)")


def configure_and_build(a, source, build, extra):
    fresh_dir(build)
    run([a.cmake, "-S", source, "-B", build, "-G", a.generator,
         f"-DCMAKE_PREFIX_PATH={os.path.join(a.work, 'prefix')}",
         f"-DCMAKE_C_COMPILER={a.c_compiler}", f"-DCMAKE_CXX_COMPILER={a.cxx_compiler}",
         "-DCMAKE_BUILD_TYPE=Release", *extra])
    run([a.cmake, "--build", build])


def step_find_package(a):
    src = a.source_dir
    # C++, shared library (the default asynclift::asynclift).
    build = os.path.join(a.work, "consumer-cpp-shared")
    configure_and_build(a, os.path.join(src, "examples", "cpp"), build, [])
    exe = os.path.join(build, "asynclift_example_cpp")
    needed = needed_libraries(exe)
    check(f"libasynclift.so.{a.soversion}" in needed, f"not linked to the shared library: {needed}")
    check_example(exe)  # found through the RUNPATH CMake sets in the build tree

    # C++, static library.
    build = os.path.join(a.work, "consumer-cpp-static")
    configure_and_build(a, os.path.join(src, "examples", "cpp"), build,
                        ["-DASYNCLIFT_USE_STATIC_LIBS=ON"])
    exe = os.path.join(build, "asynclift_example_cpp")
    needed = needed_libraries(exe)
    check(not any(n.startswith("libasynclift") for n in needed),
          f"static consumer needs {needed}")
    check_example(exe)

    # C (a project with LANGUAGES C only), shared library.
    build = os.path.join(a.work, "consumer-c-shared")
    configure_and_build(a, os.path.join(src, "examples", "c"), build, [])
    check_example(os.path.join(build, "asynclift_example_c"))


def pkg_config(a, pc_path, *args):
    env = dict(os.environ, PKG_CONFIG_PATH=pc_path)
    env.pop("PKG_CONFIG_LIBDIR", None)
    return shlex.split(run([a.pkg_config, *args, "asynclift"], env=env).strip())


def build_with_pkg_config(a, libdir, work):
    """Builds the examples with pkg-config against the library in `libdir`; runs them."""
    fresh_dir(work)
    pc_path = os.path.join(libdir, "pkgconfig")
    version = pkg_config(a, pc_path, "--modversion")
    check(version == [a.version], f"pkg-config --modversion gives {version}")
    cflags = pkg_config(a, pc_path, "--cflags")
    libs = pkg_config(a, pc_path, "--libs")
    pc_libdir = pkg_config(a, pc_path, "--variable=libdir")[0]
    check(os.path.realpath(pc_libdir) == os.path.realpath(libdir),
          f"pkg-config libdir {pc_libdir} is not {libdir}")
    c_src = os.path.join(a.source_dir, "examples", "c", "check_file.c")
    cpp_src = os.path.join(a.source_dir, "examples", "cpp", "check_file.cpp")
    env = dict(os.environ, LD_LIBRARY_PATH=libdir)

    # C11, strict, shared library.
    exe = os.path.join(work, "check_file_c")
    run([a.c_compiler, *STRICT_C, *cflags, c_src, "-o", exe, *libs])
    check(any(n.startswith("libasynclift.so") for n in needed_libraries(exe)), "not shared")
    check_example(exe, env)

    # C11, static library: Libs.private must be complete for a C program.
    static_libs = pkg_config(a, pc_path, "--static", "--libs")
    static_libs = ["-l:libasynclift.a" if x == "-lasynclift" else x for x in static_libs]
    exe = os.path.join(work, "check_file_c_static")
    run([a.c_compiler, *STRICT_C, *cflags, c_src, "-o", exe, *static_libs])
    check(not any(n.startswith("libasynclift") for n in needed_libraries(exe)), "not static")
    check_example(exe)

    # C++20, shared library.
    exe = os.path.join(work, "check_file_cpp")
    run([a.cxx_compiler, "-std=c++20", "-Wall", "-Wextra", "-Werror", *cflags, cpp_src, "-o", exe,
         *libs])
    check_example(exe, env)


def step_pkg_config(a):
    build_with_pkg_config(a, prefix_libdir(os.path.join(a.work, "prefix")),
                          os.path.join(a.work, "consumer-pkg-config"))


def step_deb(a):
    out_dir = fresh_dir(os.path.join(a.work, "deb"))
    run([a.cpack, "-G", "DEB", "--config", os.path.join(a.build_dir, "CPackConfig.cmake"),
         "-B", out_dir])
    debs = glob.glob(os.path.join(out_dir, "*.deb"))
    check(len(debs) == 1, f"expected one .deb, found {debs}")
    deb = debs[0]
    fields = {}
    for field in ("Package", "Version", "Architecture", "Depends", "Maintainer"):
        fields[field] = run(["dpkg-deb", "-f", deb, field]).strip()
    print(fields)
    check(fields["Package"] == "asynclift", f"Package: {fields['Package']}")
    check(fields["Version"] == a.version, f"Version: {fields['Version']}")
    check("libc6" in fields["Depends"], f"Depends: {fields['Depends']}")
    contents = run(["dpkg-deb", "-c", deb])
    for path in ("./usr/include/asynclift/asynclift.h", "./usr/include/asynclift/analysis.hpp",
                 f"libasynclift.so.{a.version}", "libasynclift.a", "/asyncliftConfig.cmake",
                 "/pkgconfig/asynclift.pc"):
        check(path in contents, f"{path} is not in the package:\n{contents}")
    control = run(["dpkg-deb", "-I", deb])
    check("shlibs" in control, "no shlibs control file")

    # The unpacked package is usable as it is (the .pc file is relocatable).
    root = fresh_dir(os.path.join(a.work, "deb-root"))
    run(["dpkg-deb", "-x", deb, root])
    build_with_pkg_config(a, prefix_libdir(os.path.join(root, "usr")),
                          os.path.join(a.work, "consumer-deb"))


STEPS = {
    "install": step_install,
    "installed-tree": step_installed_tree,
    "find-package": step_find_package,
    "pkg-config": step_pkg_config,
    "deb": step_deb,
}


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("step", choices=sorted(STEPS))
    p.add_argument("--source-dir", required=True)
    p.add_argument("--build-dir", required=True)
    p.add_argument("--work", required=True, help="scratch folder for prefixes and consumers")
    p.add_argument("--version", required=True)
    p.add_argument("--soversion", required=True)
    p.add_argument("--cmake", default="cmake")
    p.add_argument("--cpack", default="cpack")
    p.add_argument("--generator", default="Ninja")
    p.add_argument("--c-compiler", default="cc")
    p.add_argument("--cxx-compiler", default="c++")
    p.add_argument("--pkg-config", default="pkg-config")
    a = p.parse_args()
    os.makedirs(a.work, exist_ok=True)
    try:
        STEPS[a.step](a)
    except Failure as e:
        print(f"FAIL: {e}", file=sys.stderr)
        return 1
    print(f"PASS: {a.step}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
