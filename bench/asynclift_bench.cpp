// asynclift's benchmarks (Google Benchmark), measured side by side with CPython.
//
// What is measured, and against what (bench/README.md has the figures and the targets):
//
//  corpus/…      `check` throughput on each installed CPython's own Lib/ (every .py outside
//                site-packages), one job and all cores, against that interpreter compiling the
//                same files with ast.PyCF_ALLOW_TOP_LEVEL_AWAIT (bench/cpython_reference.py,
//                run as a subprocess that times itself). Also tree-sitter's parse alone and the
//                lift, for comparison.
//  cell/…        the REPL case: 50–500 byte cells (bench/cells/), with and without the bytes
//                `async`/`await`: asynclift::needs_async, analyse_text, an analyser reused, and
//                lift, against CPython 3.13 compiling the same cell.
//  incremental/… a 10,000-line file: a one-line edit applied to an asynclift::document and its
//                analysis asked for, against a fresh analysis of the same text; the results
//                are checked to be identical first.
//  peak RSS      `asynclift check --jobs N` (the CLI, measured by /usr/bin/time -f %M) and the
//                library alone on all cores over the 3.13 corpus, each in a child process.
//
// Interpreters are found with pyenv (`pyenv versions --bare`, `pyenv prefix`), else as
// python3.X on PATH; a missing one is skipped with a note. After the benchmarks, a summary
// prints every ratio and whether it meets the targets of issue 6.
//
// Options of our own (Google Benchmark's --benchmark_* options work too):
//   --corpus_versions=3.13,3.12   which corpora (default: every interpreter found)
//   --corpus_passes=N             passes over a corpus per measurement (default 2)
//   --jobs=N                      "all cores" (default: std::thread::hardware_concurrency)
//   --clock=cpu|wall              how single-threaded runs are timed, on both sides (default
//                                 cpu: process CPU time, which other processes on the machine
//                                 disturb less); runs on all cores are always wall-clock
//   --skip_rss                    do not measure peak RSS
//   --no_cpython                  do not run CPython (asynclift's figures only; for profiling)
//   --cli=PATH                    the asynclift CLI for the RSS run (default: the one built)
//   --cells_dir=DIR, --cpython_reference=PATH   inputs (defaults: the source tree)
#include <benchmark/benchmark.h>
#include <tree_sitter/api.h>

#include <asynclift/asynclift.hpp>
#if __has_include(<asynclift/lift.hpp>)
#include <asynclift/lift.hpp>
#define ASYNCLIFT_BENCH_HAVE_LIFT 1
#else
#define ASYNCLIFT_BENCH_HAVE_LIFT 0
#endif

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

extern "C" char** environ;
extern "C" const TSLanguage* tree_sitter_python(void);

namespace fs = std::filesystem;

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// ---- options --------------------------------------------------------------------------------

struct bench_options {
  std::vector<std::string> corpus_versions;  // empty: all
  int corpus_passes = 2;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  bool cpu_clock = true;
  bool skip_rss = false;
  bool no_cpython = false;
  std::string cli = ASYNCLIFT_BENCH_CLI;
  std::string cells_dir = ASYNCLIFT_BENCH_SOURCE_DIR "/cells";
  std::string cpython_reference = ASYNCLIFT_BENCH_SOURCE_DIR "/cpython_reference.py";
  std::string self;  // argv[0], for the RSS child
};

bench_options opts;

std::string clock_name(bool single_threaded) {
  return single_threaded && opts.cpu_clock ? "cpu" : "wall";
}

// ---- child processes ------------------------------------------------------------------------

struct child_result {
  int status = -1;  // exit status, or -1
  std::string out;
  double seconds = 0;
};

// Runs argv, capturing stdout (or sending it to /dev/null); stderr is inherited.
child_result run_child(const std::vector<std::string>& argv, bool capture = true) {
  child_result r;
  int fds[2] = {-1, -1};
  if (capture && pipe(fds) != 0) return r;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (capture) {
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  }
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  auto start = clock_type::now();
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (capture) close(fds[1]);
  if (rc != 0) {
    if (capture) close(fds[0]);
    return r;
  }
  if (capture) {
    char buffer[65536];
    ssize_t n;
    while ((n = read(fds[0], buffer, sizeof buffer)) > 0) r.out.append(buffer, static_cast<std::size_t>(n));
    close(fds[0]);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  r.seconds = seconds_since(start);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

// A number from a flat JSON object printed by cpython_reference.py.
std::optional<double> json_number(const std::string& json, const std::string& key) {
  std::string needle = "\"" + key + "\": ";
  std::size_t at = json.find(needle);
  if (at == std::string::npos) return std::nullopt;
  return std::strtod(json.c_str() + at + needle.size(), nullptr);
}

// ---- interpreters and corpora ---------------------------------------------------------------

struct interpreter {
  int minor = 0;
  std::string exe;
  std::string version;  // e.g. 3.13.0
  std::string stdlib;   // its Lib/ folder
};

std::vector<interpreter> find_interpreters() {
  std::map<int, std::string> exes;
  child_result versions = run_child({"pyenv", "versions", "--bare"});
  if (versions.status == 0) {
    std::map<int, std::pair<int, std::string>> best;  // minor → (patch, name)
    std::istringstream lines(versions.out);
    std::string line;
    std::regex plain(R"(^3\.(\d+)\.(\d+)$)");
    while (std::getline(lines, line)) {
      std::smatch m;
      line = trim(line);
      if (!std::regex_match(line, m, plain)) continue;
      int minor = std::stoi(m[1]), patch = std::stoi(m[2]);
      if (!best.count(minor) || best[minor].first < patch) best[minor] = {patch, line};
    }
    for (auto& [minor, v] : best) {
      child_result prefix = run_child({"pyenv", "prefix", v.second});
      if (prefix.status != 0) continue;
      std::string exe = trim(prefix.out) + "/bin/python3." + std::to_string(minor);
      if (fs::exists(exe)) exes[minor] = exe;
    }
  } else {
    std::cerr << "note: pyenv not found; looking for python3.X on PATH\n";
  }
  std::vector<interpreter> out;
  for (int minor = 8; minor <= 13; ++minor) {
    std::string exe = exes.count(minor) ? exes[minor] : "python3." + std::to_string(minor);
    child_result info = run_child(
        {exe, "-c", "import sys, sysconfig; print(sys.version.split()[0]); "
                    "print(sysconfig.get_paths()['stdlib'])"});
    if (info.status != 0) {
      std::cerr << "note: CPython 3." << minor << " not found, its benchmarks are skipped\n";
      continue;
    }
    std::istringstream lines(info.out);
    interpreter i;
    i.minor = minor;
    i.exe = exe;
    std::getline(lines, i.version);
    std::getline(lines, i.stdlib);
    out.push_back(i);
  }
  return out;
}

std::vector<std::string> corpus_paths(const std::string& stdlib) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(stdlib, ec); it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    if (it->is_directory()) {
      std::string name = p.filename().string();
      if (name == "site-packages" || name == "__pycache__") it.disable_recursion_pending();
      continue;
    }
    if (p.extension() == ".py" && it->is_regular_file()) paths.push_back(p.string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return std::move(s).str();
}

struct corpus {
  int minor = 0;
  std::vector<std::string> paths;
  std::vector<std::string> bytes;
  std::size_t total_bytes = 0;
  std::string list_file;  // the paths, one a line, for cpython_reference.py
};

std::vector<interpreter> interpreters;

const interpreter* interpreter_for(int minor) {
  for (const interpreter& i : interpreters)
    if (i.minor == minor) return &i;
  return nullptr;
}

// One corpus in memory at a time (each is ~35 MB).
corpus& load_corpus(int minor) {
  static corpus current;
  if (current.minor == minor) return current;
  current = corpus{};
  current.minor = minor;
  current.paths = corpus_paths(interpreter_for(minor)->stdlib);
  for (const std::string& p : current.paths) {
    current.bytes.push_back(read_file(p));
    current.total_bytes += current.bytes.back().size();
  }
  current.list_file = (fs::temp_directory_path() /
                       ("asynclift-bench-corpus-3." + std::to_string(minor) + ".txt"))
                          .string();
  std::ofstream list(current.list_file);
  for (const std::string& p : current.paths) list << p << '\n';
  return current;
}

// ---- CPython references ---------------------------------------------------------------------

struct cpython_corpus_time {
  double mean_seconds = 0;
  double best_seconds = 0;
  bool ok = false;
};

std::map<std::pair<int, unsigned>, cpython_corpus_time> cpython_corpus_cache;

const cpython_corpus_time& cpython_corpus(int minor, unsigned jobs) {
  auto key = std::make_pair(minor, jobs);
  auto it = cpython_corpus_cache.find(key);
  if (it != cpython_corpus_cache.end()) return it->second;
  cpython_corpus_time t;
  if (opts.no_cpython) return cpython_corpus_cache[key] = t;
  corpus& c = load_corpus(minor);
  child_result r = run_child({interpreter_for(minor)->exe, opts.cpython_reference, "corpus",
                              "--files-from", c.list_file, "--jobs", std::to_string(jobs),
                              "--passes", std::to_string(opts.corpus_passes), "--clock",
                              clock_name(jobs <= 1)});
  if (r.status == 0) {
    t.mean_seconds = json_number(r.out, "mean_seconds").value_or(0);
    t.best_seconds = json_number(r.out, "best_seconds").value_or(0);
    t.ok = t.mean_seconds > 0;
  }
  if (!t.ok) std::cerr << "warning: CPython 3." << minor << " corpus reference failed\n";
  return cpython_corpus_cache[key] = t;
}

struct cell {
  std::string name;
  std::string path;
  std::string text;
  bool has_async_bytes = false;
};

std::vector<cell> cells;
std::map<std::string, double> cpython_cell_seconds;  // CPython 3.13, per call

void load_cells() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(opts.cells_dir, ec))
    if (e.path().extension() == ".py") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    cell c;
    c.name = f.stem().string();
    c.path = f.string();
    c.text = read_file(c.path);
    c.has_async_bytes = c.text.find("async") != std::string::npos ||
                        c.text.find("await") != std::string::npos;
    cells.push_back(std::move(c));
  }
}

void measure_cpython_cells() {
  const interpreter* py = interpreter_for(13);
  if (!py || cells.empty() || opts.no_cpython) return;
  std::vector<std::string> argv{py->exe, opts.cpython_reference, "cells", "--clock", clock_name(true)};
  for (const cell& c : cells) {
    argv.push_back("--cell");
    argv.push_back(c.name + "=" + c.path);
  }
  child_result r = run_child(argv);
  if (r.status != 0) {
    std::cerr << "warning: CPython cell reference failed\n";
    return;
  }
  for (const cell& c : cells)
    if (auto v = json_number(r.out, c.name)) cpython_cell_seconds[c.name] = *v;
}

// ---- results for the summary ----------------------------------------------------------------

struct measured {
  double value = 0;  // seconds per item (per corpus pass, per call, per edit)
  double cpython = 0;
  std::map<std::string, double> extra;
};
std::map<std::string, measured> results;

// Times `body` over the benchmark loop; returns mean seconds per iteration: process CPU time
// when the body runs on this thread only and --clock=cpu, else wall-clock time.
template <class F>
double timed_loop(benchmark::State& state, F&& body, bool single_threaded = true) {
  const bool cpu = single_threaded && opts.cpu_clock;
  auto wall_start = clock_type::now();
  double cpu_start = process_cpu_seconds();
  for (auto _ : state) body();
  double total = cpu ? process_cpu_seconds() - cpu_start : seconds_since(wall_start);
  return total / static_cast<double>(std::max<benchmark::IterationCount>(1, state.iterations()));
}


// ---- corpus benchmarks ----------------------------------------------------------------------

std::size_t analyse_corpus(const corpus& c, unsigned jobs, const asynclift::analyse_options& o) {
  std::atomic<std::size_t> next{0}, findings{0};
  auto work = [&] {
    asynclift::analyser engine;
    std::size_t local = 0;
    for (std::size_t i = next++; i < c.bytes.size(); i = next++) {
      asynclift::analysis a = engine.analyse_bytes(c.bytes[i], o);
      local += a.diagnostics.size() + a.async_sites.size() + (a.needs_async ? 1 : 0);
    }
    findings += local;
  };
  if (jobs <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (unsigned j = 0; j < jobs; ++j) pool.emplace_back(work);
    for (std::thread& t : pool) t.join();
  }
  return findings;
}

// Throughput from our own clock (see timed_loop), not Google Benchmark's wall-clock rates.
void set_throughput(benchmark::State& state, const corpus& c, double seconds) {
  state.counters["MB/s"] = static_cast<double>(c.total_bytes) / 1e6 / seconds;
  state.counters["files/s"] = static_cast<double>(c.paths.size()) / seconds;
}

void bm_corpus(benchmark::State& state, int minor, unsigned jobs) {
  corpus& c = load_corpus(minor);
  const cpython_corpus_time& py1 = cpython_corpus(minor, 1);
  const cpython_corpus_time& pyn = jobs > 1 ? cpython_corpus(minor, jobs) : py1;
  asynclift::analyse_options o;
  o.target = static_cast<asynclift::python_version>(minor);
  std::size_t findings = 0;
  double seconds = timed_loop(
      state,
      [&] {
        findings = analyse_corpus(c, jobs, o);
        benchmark::DoNotOptimize(findings);
      },
      jobs <= 1);
  set_throughput(state, c, seconds);
  if (py1.ok) state.counters["x_cpython_1proc"] = py1.mean_seconds / seconds;
  if (jobs > 1 && pyn.ok) state.counters["x_cpython_Nproc"] = pyn.mean_seconds / seconds;
  measured& m = results["corpus/3." + std::to_string(minor) + "/jobs:" + std::to_string(jobs)];
  m.value = seconds;
  m.cpython = py1.ok ? py1.mean_seconds : 0;
  m.extra["cpython_nproc"] = pyn.ok ? pyn.mean_seconds : 0;
  m.extra["bytes"] = static_cast<double>(c.total_bytes);
  m.extra["files"] = static_cast<double>(c.paths.size());
}

// tree-sitter's parse alone (no decoding, no checks, no walk): the floor under `check`.
void bm_corpus_parse(benchmark::State& state, int minor) {
  corpus& c = load_corpus(minor);
  const cpython_corpus_time& py1 = cpython_corpus(minor, 1);
  TSParser* parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_python());
  double seconds = timed_loop(state, [&] {
    for (const std::string& b : c.bytes) {
      TSTree* tree = ts_parser_parse_string(parser, nullptr, b.data(), static_cast<uint32_t>(b.size()));
      benchmark::DoNotOptimize(tree);
      ts_tree_delete(tree);
    }
  });
  ts_parser_delete(parser);
  set_throughput(state, c, seconds);
  if (py1.ok) state.counters["x_cpython_1proc"] = py1.mean_seconds / seconds;
  measured& m = results["parse/3." + std::to_string(minor)];
  m.value = seconds;
  m.cpython = py1.ok ? py1.mean_seconds : 0;
}

#if ASYNCLIFT_BENCH_HAVE_LIFT
// Lift of every file of the corpus that has no error (a refused lift is not a lift).
void bm_corpus_lift(benchmark::State& state, int minor) {
  corpus& c = load_corpus(minor);
  asynclift::analyse_options ao;
  ao.target = static_cast<asynclift::python_version>(minor);
  std::vector<const std::string*> valid;
  std::size_t valid_bytes = 0;
  {
    asynclift::analyser engine;
    for (const std::string& b : c.bytes)
      if (!engine.analyse_bytes(b, ao).has_errors()) {
        valid.push_back(&b);
        valid_bytes += b.size();
      }
  }
  asynclift::lift_options lo;
  lo.target = ao.target;
  std::size_t lifted = 0;
  double seconds = timed_loop(state, [&] {
    lifted = 0;
    for (const std::string* b : valid) {
      asynclift::lift_result r = asynclift::lift(*b, lo);
      lifted += r.ok ? 1 : 0;
      benchmark::DoNotOptimize(r.code.data());
    }
  });
  state.counters["MB/s"] = static_cast<double>(valid_bytes) / 1e6 / seconds;
  state.counters["files/s"] = static_cast<double>(valid.size()) / seconds;
  state.counters["lifted"] = static_cast<double>(lifted);
  measured& m = results["lift/3." + std::to_string(minor)];
  m.value = seconds;
  m.extra["bytes"] = static_cast<double>(valid_bytes);
  m.extra["files"] = static_cast<double>(valid.size());
  m.extra["lifted"] = static_cast<double>(lifted);
}
#endif

// ---- cells ----------------------------------------------------------------------------------

void cell_counters(benchmark::State& state, const cell& c, const std::string& kind, double seconds) {
  auto py = cpython_cell_seconds.find(c.name);
  measured& m = results["cell/" + kind + "/" + c.name];
  m.value = seconds;
  m.cpython = py != cpython_cell_seconds.end() ? py->second : 0;
  m.extra["async_bytes"] = c.has_async_bytes ? 1 : 0;
  m.extra["size"] = static_cast<double>(c.text.size());
  state.counters["us"] = seconds * 1e6;
  if (m.cpython > 0) state.counters["x_cpython"] = m.cpython / seconds;
}

void bm_cell_needs_async(benchmark::State& state, const cell* c) {
  double seconds = timed_loop(state, [&] {
    bool v = asynclift::needs_async(c->text);
    benchmark::DoNotOptimize(v);
  });
  cell_counters(state, *c, "needs_async", seconds);
}

void bm_cell_analyse_text(benchmark::State& state, const cell* c) {
  double seconds = timed_loop(state, [&] {
    asynclift::analysis a = asynclift::analyse_text(c->text);
    benchmark::DoNotOptimize(a.needs_async);
  });
  cell_counters(state, *c, "analyse_text", seconds);
}

void bm_cell_analyser(benchmark::State& state, const cell* c) {
  asynclift::analyser engine;
  double seconds = timed_loop(state, [&] {
    asynclift::analysis a = engine.analyse_text(c->text);
    benchmark::DoNotOptimize(a.needs_async);
  });
  cell_counters(state, *c, "analyser", seconds);
}

#if ASYNCLIFT_BENCH_HAVE_LIFT
void bm_cell_lift(benchmark::State& state, const cell* c) {
  double seconds = timed_loop(state, [&] {
    asynclift::lift_result r = asynclift::lift_text(c->text);
    benchmark::DoNotOptimize(r.code.data());
  });
  cell_counters(state, *c, "lift", seconds);
}
#endif

// ---- incremental ----------------------------------------------------------------------------

// A 10,000-line module: functions, classes, closures with nonlocal, comprehensions, top-level
// statements and a few top-level awaits, as a large notebook export or script would have.
std::string make_large_module(int lines_wanted) {
  std::string out = "import asyncio\nimport os\n\n";
  int lines = 3;
  for (int i = 0; lines < lines_wanted; ++i) {
    std::string n = std::to_string(i);
    std::string block =
        "# section " + n + "\n"
        "def func_" + n + "(a, b=1, *args, **kwargs):\n"
        "    \"\"\"Docstring of func_" + n + ".\"\"\"\n"
        "    total = 0\n"
        "    for k in range(a):\n"
        "        if k % 3 == 0:\n"
        "            total += k * b\n"
        "        else:\n"
        "            total -= 1\n"
        "    values = [v * 2 for v in args if v]\n"
        "    return total + len(values)\n"
        "\n"
        "\n"
        "class Model" + n + ":\n"
        "    scale = " + n + "\n"
        "\n"
        "    def method(self, x):\n"
        "        return [y + self.scale for y in x]\n"
        "\n"
        "\n"
        "def counter_" + n + "():\n"
        "    count = 0\n"
        "    def step():\n"
        "        nonlocal count\n"
        "        count += 1\n"
        "        return count\n"
        "    return step\n"
        "\n"
        "\n"
        "result_" + n + " = func_" + n + "(" + std::to_string(i % 7) + ", 2)\n";
    if (i % 50 == 25) block += "await asyncio.sleep(0)\n";
    int block_lines = static_cast<int>(std::count(block.begin(), block.end(), '\n'));
    if (lines + block_lines > lines_wanted) break;
    out += block;
    lines += block_lines;
  }
  for (; lines < lines_wanted; ++lines) out += "pad_" + std::to_string(lines) + " = " + std::to_string(lines) + "\n";
  return out;
}

const std::string& large_module() {
  static const std::string text = make_large_module(10000);
  return text;
}

// A one-line edit and its inverse, applied alternately.
struct line_edit {
  std::string name;
  std::string before, after;  // the text of the edited range before and after the edit
  std::uint32_t at = 0;       // where `before` starts
};

std::vector<line_edit> incremental_edits() {
  const std::string& t = large_module();
  std::vector<line_edit> edits;
  // In a function body, middle of the file: `if k % 3 == 0:` → `if k % 4 == 0:`.
  std::size_t f = t.find("def func_250(");
  std::size_t body = t.find("if k % 3 == 0:", f);
  edits.push_back({"function_body", "3", "4", static_cast<std::uint32_t>(body + 8)});
  // A module-level binding renamed: `result_250 =` → `renamed_250 =`.
  std::size_t top = t.find("result_250 = ");
  edits.push_back({"top_level_rename", "result_250", "renamed_250", static_cast<std::uint32_t>(top)});
  // A new line typed (then removed) at module level, just before `class Model250:`.
  std::size_t cls = t.find("class Model250:");
  edits.push_back({"insert_line", "", "extra = await asyncio.sleep(0)\n", static_cast<std::uint32_t>(cls)});
  return edits;
}

bool same_analysis(const asynclift::analysis& x, const asynclift::analysis& y) {
  if (x.needs_async != y.needs_async || x.diagnostics.size() != y.diagnostics.size() ||
      x.async_sites.size() != y.async_sites.size() || x.module_bindings != y.module_bindings ||
      x.source.text() != y.source.text())
    return false;
  for (std::size_t i = 0; i < x.diagnostics.size(); ++i) {
    const auto &a = x.diagnostics[i], &b = y.diagnostics[i];
    if (a.code != b.code || a.message != b.message || !(a.range == b.range) ||
        a.level != b.level || a.unpositioned != b.unpositioned)
      return false;
  }
  for (std::size_t i = 0; i < x.async_sites.size(); ++i)
    if (x.async_sites[i].kind != y.async_sites[i].kind || !(x.async_sites[i].range == y.async_sites[i].range))
      return false;
  return true;
}

void apply(asynclift::document& doc, const line_edit& e, bool forward) {
  const std::string& from = forward ? e.before : e.after;
  const std::string& to = forward ? e.after : e.before;
  doc.edit(e.at, e.at + static_cast<std::uint32_t>(from.size()), to);
}

// Checks that the document agrees with a fresh analysis after the edit and after its inverse.
bool incremental_identical(const line_edit& e) {
  asynclift::document doc(large_module());
  asynclift::analyser engine;
  (void)doc.result();
  bool same = true;
  for (int round = 0; round < 4; ++round) {
    apply(doc, e, round % 2 == 0);
    same = same && same_analysis(doc.result(), engine.analyse_text(doc.text()));
  }
  return same;
}

void bm_incremental(benchmark::State& state, const line_edit* e) {
  bool identical = incremental_identical(*e);
  asynclift::document doc(large_module());
  (void)doc.result();
  bool forward = true;
  double seconds = timed_loop(state, [&] {
    apply(doc, *e, forward);
    forward = !forward;
    const asynclift::analysis& a = doc.result();
    benchmark::DoNotOptimize(a.needs_async);
  });
  measured& m = results["incremental/" + e->name];
  m.value = seconds;
  m.extra["identical"] = identical ? 1 : 0;
  auto fresh = results.find("incremental/fresh");
  if (fresh != results.end()) state.counters["x_fresh"] = fresh->second.value / seconds;
  state.counters["us"] = seconds * 1e6;
  state.counters["identical"] = identical ? 1 : 0;
}

void bm_fresh(benchmark::State& state) {
  asynclift::analyser engine;
  const std::string& text = large_module();
  double seconds = timed_loop(state, [&] {
    asynclift::analysis a = engine.analyse_text(text);
    benchmark::DoNotOptimize(a.needs_async);
  });
  results["incremental/fresh"].value = seconds;
  state.counters["ms"] = seconds * 1e3;
}

// ---- peak RSS -------------------------------------------------------------------------------

// The child: analyse every file of `stdlib` on `jobs` threads, reading each from disk and
// dropping its analysis, as a checker streaming through a tree would; print the peak RSS (KB)
// of this process image. VmHWM counts only the memory mapped since exec; ru_maxrss would also
// count the benchmark process this child was spawned from.
long vm_hwm_kb() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  return 0;
}

int rss_child(const std::string& stdlib, unsigned jobs) {
  std::vector<std::string> paths = corpus_paths(stdlib);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    asynclift::analyser engine;
    for (std::size_t i = next++; i < paths.size(); i = next++) {
      asynclift::analysis a = engine.analyse_bytes(read_file(paths[i]));
      benchmark::DoNotOptimize(a.needs_async);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned j = 0; j < jobs; ++j) pool.emplace_back(work);
  for (std::thread& t : pool) t.join();
  std::printf("%ld\n", vm_hwm_kb());
  return 0;
}

struct rss_figures {
  long cli_kb = 0;
  double cli_seconds = 0;
  long library_kb = 0;
};

// Peak RSS of a command, by /usr/bin/time (which forks it from a small process: a child
// spawned from this benchmark would inherit this process's own peak in ru_maxrss).
std::optional<long> peak_rss_kb(std::vector<std::string> argv, double& seconds) {
  const char* time_exe = "/usr/bin/time";
  if (!fs::exists(time_exe)) return std::nullopt;
  std::string out = (fs::temp_directory_path() / "asynclift-bench-rss.txt").string();
  argv.insert(argv.begin(), {time_exe, "-f", "%M", "-o", out});
  child_result r = run_child(argv, /*capture=*/false);
  seconds = r.seconds;
  // The last line is the figure (a line before it may say the command exited non-zero, as
  // `check` does when it finds errors).
  std::ifstream in(out);
  std::optional<long> kb;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && std::isdigit(static_cast<unsigned char>(line[0]))) kb = std::strtol(line.c_str(), nullptr, 10);
  return kb;
}

std::optional<rss_figures> measure_rss() {
  const interpreter* py = interpreter_for(13);
  if (!py) return std::nullopt;
  rss_figures f;
  if (!opts.cli.empty() && fs::exists(opts.cli)) {
    if (auto kb = peak_rss_kb({opts.cli, "check", "--jobs", std::to_string(opts.jobs), "--format", "json",
                               "--target-version", "3.13", py->stdlib},
                              f.cli_seconds))
      f.cli_kb = *kb;
    else
      std::cerr << "note: /usr/bin/time not found, the CLI's peak RSS is not measured\n";
  }
  child_result r = run_child({opts.self, "--rss_child=" + py->stdlib, "--jobs=" + std::to_string(opts.jobs)});
  if (r.status == 0) f.library_kb = std::strtol(r.out.c_str(), nullptr, 10);
  return f;
}

// ---- summary --------------------------------------------------------------------------------

struct target_check {
  std::string what;
  double measured = 0;
  std::string unit;
  double target = 0;
  bool higher_is_better = true;
  bool available = false;
};

std::string fixed(double v, int digits) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << v;
  return s.str();
}

double geomean(const std::vector<double>& v) {
  if (v.empty()) return 0;
  double log_sum = 0;
  for (double x : v) log_sum += std::log(x);
  return std::exp(log_sum / static_cast<double>(v.size()));
}

void print_summary(const std::optional<rss_figures>& rss) {
  std::vector<target_check> checks;
  std::cout << "\n==== asynclift vs CPython (machine: " << std::thread::hardware_concurrency()
            << " hardware threads; all cores = --jobs " << opts.jobs << "; single-threaded runs timed by "
            << clock_name(true) << " time on both sides, runs on all cores by wall time) ====\n";

  // Corpus.
  std::cout << "\nCorpus `check` throughput (each CPython's own Lib/, asynclift --target-version = "
               "that CPython; CPython: compile(..., PyCF_ALLOW_TOP_LEVEL_AWAIT))\n";
  std::cout << "  corpus  files    MB   | asynclift 1 job    | asynclift " << opts.jobs
            << " jobs   | CPython 1 proc | CPython " << opts.jobs << " procs | ratio 1/1  "
            << opts.jobs << "j/1p  " << opts.jobs << "j/" << opts.jobs << "p\n";
  for (const interpreter& py : interpreters) {
    std::string key = "corpus/3." + std::to_string(py.minor);
    auto one = results.find(key + "/jobs:1");
    auto all = results.find(key + "/jobs:" + std::to_string(opts.jobs));
    if (one == results.end()) continue;
    double mb = one->second.extra["bytes"] / 1e6, files = one->second.extra["files"];
    auto rate = [&](double seconds) { return fixed(mb / seconds, 2) + " MB/s " + fixed(files / seconds, 0) + " f/s"; };
    double py1 = one->second.cpython;
    double pyn = all != results.end() ? all->second.extra["cpython_nproc"] : 0;
    std::cout << "  3." << py.minor << (py.minor < 10 ? " " : "") << "    " << std::setw(5)
              << static_cast<int>(files) << " " << std::setw(6) << fixed(mb, 1) << " | "
              << rate(one->second.value) << " | "
              << (all != results.end() ? rate(all->second.value) : std::string("-")) << " | "
              << (py1 > 0 ? fixed(mb / py1, 2) + " MB/s" : std::string("-")) << "     | "
              << (pyn > 0 ? fixed(mb / pyn, 2) + " MB/s" : std::string("-")) << "      | "
              << (py1 > 0 ? fixed(py1 / one->second.value, 2) + "x" : "-") << "  "
              << (py1 > 0 && all != results.end() ? fixed(py1 / all->second.value, 2) + "x" : "-") << "  "
              << (pyn > 0 ? fixed(pyn / all->second.value, 2) + "x" : "-") << "\n";
    if (py.minor == 13) {
      checks.push_back({"corpus 3.13, 1 job: asynclift vs CPython 3.13 compile", py1 > 0 ? py1 / one->second.value : 0,
                        "x", 1.3, true, py1 > 0});
      if (all != results.end())
        checks.push_back({"corpus 3.13, all cores: asynclift vs CPython 3.13 compile (1 process)",
                          py1 > 0 ? py1 / all->second.value : 0, "x", 2.2, true, py1 > 0});
    }
  }
  if (auto p = results.find("parse/3.13"); p != results.end()) {
    auto one = results.find("corpus/3.13/jobs:1");
    std::cout << "  tree-sitter parse alone (3.13 corpus, 1 job): "
              << fixed(one->second.extra["bytes"] / 1e6 / p->second.value, 2) << " MB/s = "
              << fixed(p->second.cpython / p->second.value, 2) << "x CPython 3.13 compile; "
              << "full check takes " << fixed(one->second.value / p->second.value, 2)
              << "x the parse time\n";
  }
  if (auto l = results.find("lift/3.13"); l != results.end())
    std::cout << "  lift (3.13 corpus, files without errors, 1 job): "
              << fixed(l->second.extra["bytes"] / 1e6 / l->second.value, 2) << " MB/s, "
              << fixed(l->second.extra["files"] / l->second.value, 0) << " files/s ("
              << l->second.extra["lifted"] << " of " << l->second.extra["files"] << " lifted)\n";

  // Cells.
  if (!cells.empty()) {
    std::cout << "\nSmall cells (CPython 3.13 compile per call vs asynclift, target 3.13)\n";
    std::cout << "  cell                   bytes async | CPython us | needs_async us  ratio | "
                 "analyse_text us ratio | analyser us ratio | lift us ratio\n";
    std::vector<double> plain_needs, async_needs, plain_analyse, async_analyse;
    double plain_min = 1e300, async_min = 1e300;
    for (const cell& c : cells) {
      auto get = [&](const std::string& kind) -> const measured* {
        auto it = results.find("cell/" + kind + "/" + c.name);
        return it == results.end() ? nullptr : &it->second;
      };
      const measured* na = get("needs_async");
      const measured* at = get("analyse_text");
      const measured* an = get("analyser");
      const measured* li = get("lift");
      double py = cpython_cell_seconds.count(c.name) ? cpython_cell_seconds[c.name] : 0;
      auto col = [&](const measured* m) {
        if (!m) return std::string("      -       -");
        std::string s = fixed(m->value * 1e6, 2);
        std::string r = py > 0 ? fixed(py / m->value, 1) + "x" : "-";
        return std::string(10 - std::min<std::size_t>(10, s.size()), ' ') + s + " " +
               std::string(7 - std::min<std::size_t>(7, r.size()), ' ') + r;
      };
      std::cout << "  " << std::left << std::setw(22) << c.name << std::right << std::setw(6)
                << c.text.size() << (c.has_async_bytes ? "  yes " : "  no  ") << "| " << std::setw(10)
                << (py > 0 ? fixed(py * 1e6, 2) : "-") << " | " << col(na) << " | " << col(at)
                << " | " << col(an) << " | " << col(li) << "\n";
      if (py > 0 && na) {
        double r = py / na->value;
        (c.has_async_bytes ? async_needs : plain_needs).push_back(r);
        (c.has_async_bytes ? async_min : plain_min) = std::min(c.has_async_bytes ? async_min : plain_min, r);
      }
      if (py > 0 && at) (c.has_async_bytes ? async_analyse : plain_analyse).push_back(py / at->value);
    }
    std::cout << "  geometric mean, needs_async vs CPython: without async/await bytes "
              << fixed(geomean(plain_needs), 1) << "x, with " << fixed(geomean(async_needs), 2)
              << "x; analyse_text: without " << fixed(geomean(plain_analyse), 2) << "x, with "
              << fixed(geomean(async_analyse), 2) << "x\n";
    checks.push_back({"cells without async/await bytes: needs_async vs CPython 3.13 (slowest cell)",
                      plain_needs.empty() ? 0 : plain_min, "x", 20, true, !plain_needs.empty()});
    checks.push_back({"cells with async/await bytes: needs_async vs CPython 3.13 (slowest cell)",
                      async_needs.empty() ? 0 : async_min, "x", 1, true, !async_needs.empty()});
  }

  // Incremental.
  if (auto fresh = results.find("incremental/fresh"); fresh != results.end()) {
    std::cout << "\nIncremental re-check, 10,000-line module (" << large_module().size() / 1024
              << " KB): fresh analysis " << fixed(fresh->second.value * 1e3, 2) << " ms\n";
    double worst = 1e300;
    bool all_identical = true;
    for (const line_edit& e : incremental_edits()) {
      auto it = results.find("incremental/" + e.name);
      if (it == results.end()) continue;
      double ratio = fresh->second.value / it->second.value;
      bool identical = it->second.extra["identical"] > 0;
      all_identical = all_identical && identical;
      worst = std::min(worst, ratio);
      std::cout << "  " << std::left << std::setw(18) << e.name << std::right << " edit + result "
                << std::setw(9) << fixed(it->second.value * 1e6, 1) << " us  = " << std::setw(7)
                << fixed(ratio, 1) << "x faster than fresh; identical to fresh: "
                << (identical ? "yes" : "NO") << "\n";
    }
    if (worst < 1e300) {
      checks.push_back({"incremental one-line edit vs fresh analysis (slowest edit)", worst, "x", 50, true, true});
      checks.push_back({"incremental results identical to fresh", all_identical ? 1.0 : 0.0, "", 1, true, true});
    }
  }

  // RSS.
  if (rss) {
    std::cout << "\nPeak RSS, 3.13 corpus on " << opts.jobs << " threads:\n";
    if (rss->cli_kb)
      std::cout << "  asynclift check --jobs " << opts.jobs << " --format json: "
                << fixed(static_cast<double>(rss->cli_kb) / 1024, 1) << " MB ("
                << fixed(rss->cli_seconds, 2) << " s wall)\n";
    if (rss->library_kb)
      std::cout << "  library, streaming (read, analyse, drop): "
                << fixed(static_cast<double>(rss->library_kb) / 1024, 1) << " MB\n";
    long worst = std::max(rss->cli_kb, rss->library_kb);
    checks.push_back({"peak RSS, corpus on all cores (the larger of the two)",
                      static_cast<double>(worst) / 1024, " MB", 100, false, worst > 0});
  }

  std::cout << "\nTargets (issue 6):\n";
  int failed = 0;
  for (const target_check& c : checks) {
    std::string verdict = !c.available ? "SKIP"
                          : (c.higher_is_better ? c.measured >= c.target : c.measured < c.target) ? "PASS"
                                                                                                  : "FAIL";
    if (verdict == "FAIL") ++failed;
    std::string measured = c.unit == "" ? (c.measured > 0 ? "yes" : "no") : fixed(c.measured, 2) + c.unit;
    std::string target = c.unit == "" ? "yes" : (c.higher_is_better ? ">= " : "< ") + fixed(c.target, 1) + c.unit;
    std::cout << "  " << verdict << "  " << std::left << std::setw(76) << c.what << std::right
              << std::setw(10) << measured << "   target " << target << "\n";
  }
  std::cout << (failed ? "\n" + std::to_string(failed) + " target(s) not met.\n" : "\nAll targets met.\n");
}

// ---- main -----------------------------------------------------------------------------------

bool take_flag(std::string_view arg, std::string_view name, std::string& value) {
  std::string prefix = "--" + std::string(name) + "=";
  if (arg.substr(0, prefix.size()) != prefix) return false;
  value = std::string(arg.substr(prefix.size()));
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  opts.self = argv[0];
  std::vector<char*> rest{argv[0]};
  std::string rss_child_dir;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    std::string v;
    if (take_flag(a, "corpus_versions", v)) {
      std::stringstream s(v);
      for (std::string item; std::getline(s, item, ',');) opts.corpus_versions.push_back(item);
    } else if (take_flag(a, "corpus_passes", v)) {
      opts.corpus_passes = std::max(1, std::atoi(v.c_str()));
    } else if (take_flag(a, "jobs", v)) {
      opts.jobs = static_cast<unsigned>(std::max(1, std::atoi(v.c_str())));
    } else if (take_flag(a, "clock", v)) {
      opts.cpu_clock = v != "wall";
    } else if (a == "--skip_rss") {
      opts.skip_rss = true;
    } else if (a == "--no_cpython") {
      opts.no_cpython = true;
    } else if (take_flag(a, "cli", v)) {
      opts.cli = v;
    } else if (take_flag(a, "cells_dir", v)) {
      opts.cells_dir = v;
    } else if (take_flag(a, "cpython_reference", v)) {
      opts.cpython_reference = v;
    } else if (take_flag(a, "rss_child", v)) {
      rss_child_dir = v;
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (!rss_child_dir.empty()) return rss_child(rss_child_dir, opts.jobs);

  int rest_argc = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_argc, rest.data())) return 2;

  interpreters = find_interpreters();
  load_cells();
  measure_cpython_cells();

  // Registration order is run order: cells, incremental, then the corpora (one in memory at a
  // time), newest CPython first so the figures the targets name come early.
  for (const cell& c : cells) {
    benchmark::RegisterBenchmark(("cell/needs_async/" + c.name).c_str(), bm_cell_needs_async, &c);
    benchmark::RegisterBenchmark(("cell/analyse_text/" + c.name).c_str(), bm_cell_analyse_text, &c);
    benchmark::RegisterBenchmark(("cell/analyser/" + c.name).c_str(), bm_cell_analyser, &c);
#if ASYNCLIFT_BENCH_HAVE_LIFT
    if (c.has_async_bytes)
      benchmark::RegisterBenchmark(("cell/lift/" + c.name).c_str(), bm_cell_lift, &c);
#endif
  }
  benchmark::RegisterBenchmark("incremental/fresh", bm_fresh)->Unit(benchmark::kMillisecond);
  static const std::vector<line_edit> edits = incremental_edits();
  for (const line_edit& e : edits)
    benchmark::RegisterBenchmark(("incremental/" + e.name).c_str(), bm_incremental, &e)
        ->Unit(benchmark::kMicrosecond);

  std::vector<const interpreter*> order;
  for (const interpreter& py : interpreters) order.push_back(&py);
  std::reverse(order.begin(), order.end());
  for (const interpreter* py : order) {
    std::string v = "3." + std::to_string(py->minor);
    if (!opts.corpus_versions.empty() &&
        std::find(opts.corpus_versions.begin(), opts.corpus_versions.end(), v) == opts.corpus_versions.end())
      continue;
    int minor = py->minor;
    benchmark::RegisterBenchmark(("corpus/" + v + "/jobs:1").c_str(), bm_corpus, minor, 1u)
        ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(opts.corpus_passes);
    if (opts.jobs > 1)
      benchmark::RegisterBenchmark(("corpus/" + v + "/jobs:" + std::to_string(opts.jobs)).c_str(), bm_corpus,
                                   minor, opts.jobs)
          ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(opts.corpus_passes);
    if (minor == 13) {
      benchmark::RegisterBenchmark(("parse/" + v).c_str(), bm_corpus_parse, minor)
          ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(opts.corpus_passes);
#if ASYNCLIFT_BENCH_HAVE_LIFT
      benchmark::RegisterBenchmark(("lift/" + v).c_str(), bm_corpus_lift, minor)
          ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(opts.corpus_passes);
#endif
    }
  }

  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();

  std::optional<rss_figures> rss;
  if (!opts.skip_rss) rss = measure_rss();
  print_summary(rss);
  return 0;
}
