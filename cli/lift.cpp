// `asynclift lift`: read one file (or stdin, or a notebook turned into one script), lift it,
// write the result to stdout or, with -o, to a file — through a temporary file in the same
// folder and a rename, so a reader never sees half a file and a failure leaves the old file.
#include "lift.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "asynclift/notebook.hpp"
#include "inputs.hpp"
#include "report.hpp"

namespace asynclift::cli {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string newline_of(std::string_view text) {
  std::size_t nl = text.find_first_of("\r\n");
  if (nl == std::string_view::npos || text[nl] == '\n') return "\n";
  return nl + 1 < text.size() && text[nl + 1] == '\n' ? "\r\n" : "\r";
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {}, sb {};
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

// Writes `data` to what is already there and is not a regular file (`/dev/null`, a FIFO, a
// terminal): renaming a file over it would replace the device.
bool write_in_place(const std::string& path, std::string_view data, std::string& error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  bool ok = fd >= 0;
  for (std::size_t done = 0; ok && done < data.size();) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  if (!ok) error = "cannot write " + path + ": " + std::strerror(errno);
  if (fd >= 0 && ::close(fd) != 0 && ok) {
    error = "cannot write " + path + ": " + std::strerror(errno);
    ok = false;
  }
  return ok;
}

// Writes `data` to `path` atomically: a temporary file in the same folder, written, flushed to
// disk and renamed over `path` (through a symbolic link to its target, which stays a link). On
// failure returns false with `error` set, and `path` is as it was. What exists and is not a
// regular file (a device, a FIFO) is written in place instead.
bool write_atomically(const std::string& given, std::string_view data, std::string& error) {
  std::string path = given;
  struct stat link {};
  if (::lstat(given.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
    char* target = ::realpath(given.c_str(), nullptr);
    if (!target) {
      error = "cannot write " + given + ": a symbolic link whose target cannot be resolved: " + std::strerror(errno);
      return false;
    }
    path = target;
    std::free(target);
  }
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode) && !S_ISDIR(existing.st_mode))
    return write_in_place(path, data, error);
  std::size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string tmp = (slash == std::string::npos ? "" : dir) + "." + base + ".asynclift-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    error = "cannot create a temporary file next to " + path + ": " + std::strerror(errno);
    return false;
  }
  struct stat st {};
  mode_t mode;
  if (::stat(path.c_str(), &st) == 0) {
    mode = st.st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  bool ok = ::fchmod(fd, mode) == 0;
  for (std::size_t done = 0; ok && done < data.size();) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (ok) ok = ::rename(tmp.c_str(), path.c_str()) == 0;
  if (!ok) {
    error = "cannot write " + path + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
  }
  return ok;
}

void print_warnings(const std::string& path, const lift_result& r) {
  for (const diagnostic& d : r.diagnostics) {
    location at = r.analysis.source.locate(d.range.begin);
    std::cerr << path << ':' << at.line << ':' << at.column << ": " << to_string(d.level) << ": "
              << d.message << " [" << d.code << "]\n";
  }
}

std::string json_report(const std::string& path, const lift_result& r, const std::string& code) {
  using json = nlohmann::ordered_json;
  json o;
  o["version"] = 1;
  o["path"] = path;
  o["target_version"] = to_string(r.analysis.target);
  o["ok"] = r.ok;
  o["needs_async"] = !r.analysis.has_errors() && r.analysis.needs_async;
  o["line_offset"] = r.line_offset;
  json diags = json::array();
  auto add = [&](const diagnostic& d) {
    location b = r.analysis.source.locate(d.range.begin), e = r.analysis.source.locate(d.range.end);
    diags.push_back({{"code", std::string(d.code)},
                     {"severity", std::string(to_string(d.level))},
                     {"message", d.message},
                     {"line", d.unpositioned ? 0 : b.line},
                     {"column", d.unpositioned ? 1 : b.column},
                     {"end_line", d.unpositioned ? 0 : e.line},
                     {"end_column", d.unpositioned ? 1 : e.column}});
  };
  for (const diagnostic& d : r.analysis.diagnostics) add(d);
  for (const diagnostic& d : r.diagnostics) add(d);
  o["diagnostics"] = std::move(diags);
  if (r.ok) o["code"] = code;
  return o.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

lift_command::lift_command(CLI::App& app) {
  cmd_ = app.add_subcommand(
      "lift", "Rewrite module code into an equivalent `async def` that any event loop can await");
  cmd_->add_option("path", o_.path, "A .py file, a notebook, or - for standard input")->required();
  cmd_->add_option("--mode", o_.mode, "exec: module semantics; interactive: expression statements "
                                      "go to sys.displayhook; last-expr: return the last expression")
      ->check(CLI::IsMember({"exec", "interactive", "last-expr"}))
      ->capture_default_str();
  cmd_->add_option("--target-version", o_.target, "CPython version: 3.8 … 3.13")->capture_default_str();
  cmd_->add_option("--wrapper", o_.wrapper, "Name of the async def")->capture_default_str();
  cmd_->add_option("--runner", o_.runner, "Append the lines that run the wrapper")
      ->check(CLI::IsMember({"none", "asyncio", "trio"}))
      ->capture_default_str();
  cmd_->add_flag("--if-needed", o_.if_needed, "Leave source that needs no async execution unchanged");
  cmd_->add_option("--format", o_.format, "text: the lifted code; json: code, line_offset, diagnostics")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd_->add_option("-o,--output", o_.output, "Write here instead of standard output");
  cmd_->add_flag("--force", o_.force, "Allow -o to overwrite the input file");
}

bool lift_command::selected() const { return cmd_->parsed(); }

namespace {

// Reads the input (a notebook becomes one script) and lifts it. `original` is the source as
// lifted. Returns nullopt, after naming the problem on stderr, when the input is unreadable.
std::optional<lift_result> read_and_lift(const lift_cli_options& o, const lift_options& options,
                                         std::string& original) {
  std::string error;
  input in;
  in.path = o.path;
  in.from_stdin = o.path == "-";
  in.explicit_ = true;
  auto data = read_input(in, error);
  if (!data) {
    std::cerr << "asynclift: " << o.path << ": " << error << '\n';
    return std::nullopt;
  }
  original = std::move(*data);
  if (in.from_stdin || !ends_with(o.path, ".ipynb")) return lift(original, options);
  auto nb = read_notebook(original, error);
  if (!nb) {
    std::cerr << "asynclift: " << o.path << ": " << error << '\n';
    return std::nullopt;
  }
  if (!nb->is_python()) {
    std::cerr << "asynclift: " << o.path << ": not a Python notebook (" << nb->language << ")\n";
    return std::nullopt;
  }
  original = notebook_to_script(*nb).source;
  return lift_text(original, options);
}

// CPython's errors (and the lift's own), as `asynclift check` prints them.
void report_refusal(const std::string& path, const lift_result& r) {
  analysis shown = r.analysis;
  shown.diagnostics.insert(shown.diagnostics.end(), r.diagnostics.begin(), r.diagnostics.end());
  report_options ro;
  ro.target = r.analysis.target;
  write_report(std::cerr, {python_report(path, shown, {})}, ro);
}

}  // namespace

int lift_command::run() const {
  const lift_cli_options& o = o_;
  lift_options options;
  auto target_version = parse_python_version(o.target);
  if (!target_version) {
    std::cerr << "asynclift: unsupported --target-version " << o.target << " (supported: 3.8 … 3.13)\n";
    return 2;
  }
  options.target = *target_version;
  options.mode = *parse_lift_mode(o.mode);
  options.wrapper = o.wrapper;
  if (!o.output.empty() && o.path != "-" && !o.force && same_file(o.path, o.output)) {
    std::cerr << "asynclift: -o " << o.output << " is the input file; add --force to overwrite it\n";
    return 2;
  }

  std::string original;
  std::optional<lift_result> lifted = read_and_lift(o, options, original);
  if (!lifted) return 2;
  const lift_result& r = *lifted;
  if (!r.analysis.source.ok()) {
    std::cerr << "asynclift: " << o.path << ": " << r.analysis.source.error().message << '\n';
    return 2;
  }
  for (const diagnostic& d : r.diagnostics)
    if (d.code == "lift-invalid-wrapper") {
      std::cerr << "asynclift: --wrapper: " << d.message << '\n';
      return 2;
    }
  if (!r.ok && o.format != "json") {
    report_refusal(o.path, r);
    return 1;
  }

  std::string out;
  if (r.ok && o.if_needed && !r.analysis.needs_async) {
    out = original;
  } else if (r.ok) {
    const std::string nl = newline_of(original);
    out = r.code;
    std::string run_lines = runner_lines(o.runner, options, nl);
    if (!run_lines.empty() && !out.empty() && out.back() != '\n' && out.back() != '\r') out += nl;
    out += run_lines;
  }
  if (o.format == "json") out = json_report(o.path, r, out);
  else print_warnings(o.path, r);

  std::string error;
  if (o.output.empty()) {
    std::cout << out;
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "asynclift: cannot write standard output\n";
      return 2;
    }
  } else if (!write_atomically(o.output, out, error)) {
    std::cerr << "asynclift: " << error << '\n';
    return 2;
  }
  return r.ok ? 0 : 1;
}

}  // namespace asynclift::cli
