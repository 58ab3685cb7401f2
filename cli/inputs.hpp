// Finding and reading the inputs of `asynclift check` and `asynclift lift`.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace asynclift::cli {

struct input {
  std::string path;         // as shown in output: as given, or discovered under a folder
  bool from_stdin = false;  // read from standard input (`-`)
  bool explicit_ = false;   // named on the command line (not found by discovery)
};

struct discovery_options {
  std::vector<std::string> excludes;  // globs matched against the path and each component
  bool force_exclude = false;         // apply excludes to explicitly named files too
};

// Expands folders recursively (*.py, *.pyi, *.ipynb; skipping hidden folders, virtualenvs,
// __pycache__, .ipynb_checkpoints, node_modules), in sorted order. Paths that do not exist are
// kept, so that reading them reports the error. `-` stays as stdin.
std::vector<input> discover(const std::vector<std::string>& paths, const discovery_options& o);

// Reads a whole file or stdin. On failure returns nullopt and sets `error` to a sentence.
std::optional<std::string> read_input(const input& in, std::string& error);

// fnmatch-style glob (`*`, `?`, `[...]`, `**` across slashes).
bool glob_match(const std::string& pattern, const std::string& path);

}  // namespace asynclift::cli
