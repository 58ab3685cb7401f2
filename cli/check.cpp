// `asynclift check`: finds the inputs, checks them in parallel (one analyser per thread, results
// kept in input order so the output is the same for any --jobs), and writes the report.
#include "check.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include "asynclift/asynclift.hpp"
#include "inputs.hpp"
#include "report.hpp"

namespace asynclift::cli {
namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string versions() {
  std::string s;
  for (int v = minor(oldest_python_version); v <= minor(newest_python_version); ++v)
    s += (s.empty() ? "" : ", ") + std::string("3.") + std::to_string(v);
  return s;
}

struct job {
  input in;
  std::string shown;   // path in the output
  bool notebook = false;
  std::string data;    // standard input, read up front
  std::string data_error;
};

file_report check_one(analyser& an, job& j, python_version target, const report_policy& policy) {
  std::string bytes;
  if (j.in.from_stdin && j.data_error.empty()) {
    bytes = std::move(j.data);
  } else {
    std::string error = j.data_error;
    auto data = j.in.from_stdin ? std::nullopt : read_input(j.in, error);
    if (!data) {
      file_report r;
      r.path = j.shown;
      r.target = target;
      r.readable = false;
      r.read_error = "cannot read: " + error;
      r.read_error_code = "unreadable-input";
      return r;
    }
    bytes = std::move(*data);
  }
  if (j.notebook) {
    std::string error;
    auto nb = read_notebook(bytes, error);
    if (!nb) {
      file_report r;
      r.path = j.shown;
      r.kind = input_kind::notebook;
      r.target = target;
      r.readable = false;
      r.read_error = "invalid notebook: " + error;
      r.read_error_code = "invalid-notebook";
      return r;
    }
    notebook_options no;
    no.target = target;
    return notebook_report(j.shown, *nb, analyse_notebook(an, *nb, no), target);
  }
  analyse_options ao;
  ao.target = target;
  analysis a = an.analyse_bytes(bytes, ao);
  file_report r = python_report(j.shown, a, policy);
  if (!a.source.ok()) {
    r.readable = false;
    // The message as worded for the target version (the diagnostic's), else the decoder's.
    r.read_error = a.diagnostics.empty() ? a.source.error().message : a.diagnostics.front().message;
    r.read_error_code = "unreadable-input";
  }
  return r;
}

}  // namespace

check_command::check_command(CLI::App& app) {
  cmd_ = app.add_subcommand("check", "Check .py, .pyi and .ipynb files and folders");
  cmd_->add_option("paths", o_.paths, "Files, folders, or - for standard input");
  cmd_->add_option("--format", o_.format,
                   "Output format: text, concise (one line per finding), json, sarif (SARIF 2.1.0), "
                   "github (workflow annotations)")
      ->check(CLI::IsMember({"text", "concise", "json", "sarif", "github"}))
      ->capture_default_str();
  cmd_->add_option("--target-version", o_.target, "CPython version to check against: " + versions())
      ->capture_default_str();
  CLI::Option* fail = cmd_->add_flag("--fail-on-async", o_.fail_on_async,
                                     "Policy for .py files: code that needs async execution (top-level "
                                     "await, async for/with, async comprehensions) is a finding");
  CLI::Option* allow = cmd_->add_flag("--allow-top-level-await", o_.allow_top_level_await,
                                      "Policy for .py files: top-level async code is fine (the default); "
                                      "it is only reported in JSON's needs_async");
  fail->excludes(allow);
  cmd_->add_option("--jobs,-j", o_.jobs, "Files checked in parallel (default: all cores)");
  cmd_->add_option("--stdin-filename", o_.stdin_filename,
                   "Name of the file read from standard input (`-`); a name ending in .ipynb reads a notebook");
  cmd_->add_option("--exclude", o_.excludes,
                   "Skip paths matching this glob (repeatable); a glob without / matches any file or "
                   "folder name")
      ->allow_extra_args(false);
  cmd_->add_flag("--force-exclude", o_.force_exclude,
                 "Apply --exclude and the skipped folders to files named on the command line too "
                 "(for pre-commit)");
  cmd_->add_flag("--no-respect-gitignore", o_.no_respect_gitignore,
                 "Also check files that .gitignore files ignore");
  cmd_->add_flag("--show-files", o_.show_files, "List the files that would be checked, and stop");
  cmd_->add_option("--output-file,-o", o_.output_file, "Write the report to this file");
  cmd_->add_option("--color", o_.color, "Colour the text output: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd_->add_flag("--no-color", o_.no_color, "Same as --color never");
  cmd_->footer(
      "Findings: CPython's own errors for the target version (scope errors, 'await' outside "
      "function, …), as if each .py file were compiled with PyCF_ALLOW_TOP_LEVEL_AWAIT and each "
      "notebook cell run by IPython.\n"
      "Suppress a finding with a comment on its line: # asynclift: ignore   or   "
      "# asynclift: ignore[code, …]\n"
      "Exit status: 0 no findings, 1 findings, 2 usage error or an input that could not be read.\n"
      "Examples:\n"
      "  asynclift check src/ notebooks/\n"
      "  asynclift check --format sarif -o asynclift.sarif .\n"
      "  cat nb.ipynb | asynclift check --stdin-filename nb.ipynb -");
}

bool check_command::selected() const { return cmd_->parsed(); }

int check_command::run() {
  check_options& o = o_;
  auto target = parse_python_version(o.target);
  if (!target) {
    std::cerr << "asynclift: unsupported --target-version " << o.target << " (supported: " << versions()
              << ")\n";
    return 2;
  }
  if (o.paths.empty()) {
    if (o.stdin_filename.empty()) {
      std::cerr << "asynclift: check: name at least one file or folder, or - for standard input\n"
                << "Run with --help for more information.\n";
      return 2;
    }
    o.paths.push_back("-");
  }
  discovery_options d{o.excludes, o.force_exclude, !o.no_respect_gitignore};
  std::vector<input> inputs = discover(o.paths, d);
  std::vector<job> jobs;
  bool unreadable = false;
  for (input& in : inputs) {
    if (!in.error.empty()) {
      std::cerr << "asynclift: " << in.path << ": " << in.error << '\n';
      unreadable = true;
      continue;
    }
    job j;
    j.shown = in.from_stdin && !o.stdin_filename.empty() ? o.stdin_filename : in.path;
    if (in.from_stdin && o.force_exclude && !o.stdin_filename.empty() && force_excluded(o.stdin_filename, d))
      continue;
    j.notebook = ends_with(j.shown, ".ipynb");
    j.in = std::move(in);
    jobs.push_back(std::move(j));
  }
  if (o.show_files) {
    for (const job& j : jobs) std::cout << j.shown << '\n';
    return unreadable ? 2 : 0;
  }
  // Standard input is read up front, on this thread.
  for (job& j : jobs)
    if (j.in.from_stdin) {
      std::string error;
      auto data = read_input(j.in, error);
      if (data) j.data = std::move(*data);
      else j.data_error = error;
    }

  report_policy policy{o.fail_on_async};
  std::vector<file_report> reports(jobs.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    analyser an;
    for (std::size_t i = next++; i < jobs.size(); i = next++) reports[i] = check_one(an, jobs[i], *target, policy);
  };
  unsigned threads = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, jobs.size())));
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
    for (std::thread& t : pool) t.join();
  }

  for (const file_report& r : reports)
    if (!r.readable) {
      unreadable = true;
      std::cerr << "asynclift: " << r.path << ": " << r.read_error << '\n';
    }

  report_options ro;
  ro.target = *target;
  if (o.format == "json") ro.format = output_format::json;
  else if (o.format == "concise") ro.format = output_format::concise;
  else if (o.format == "sarif") ro.format = output_format::sarif;
  else if (o.format == "github") ro.format = output_format::github;
  std::string color = o.no_color ? "never" : o.color;
  const char* no_color_env = std::getenv("NO_COLOR");  // https://no-color.org
  bool no_color = no_color_env && *no_color_env;
  ro.color = color == "always" ||
             (color == "auto" && !no_color && o.output_file.empty() && isatty(STDOUT_FILENO));

  std::size_t findings;
  if (!o.output_file.empty()) {
    std::ofstream out(o.output_file, std::ios::binary);
    if (!out) {
      std::cerr << "asynclift: cannot write " << o.output_file << '\n';
      return 2;
    }
    findings = write_report(out, reports, ro);
    if (!out.flush()) {
      std::cerr << "asynclift: cannot write " << o.output_file << '\n';
      return 2;
    }
  } else {
    findings = write_report(std::cout, reports, ro);
  }
  if (unreadable) return 2;
  return findings ? 1 : 0;
}

}  // namespace asynclift::cli
