// Finding and reading the inputs of `asynclift check` (and `asynclift lift`).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace asynclift::cli {

struct input {
  std::string path;         // as shown in output: as given, or discovered under a folder
  bool from_stdin = false;  // read from standard input (`-`)
  bool explicit_ = false;   // named on the command line (not found by discovery)
  std::string error;        // set when discovery itself failed (a folder that cannot be listed)
};

struct discovery_options {
  std::vector<std::string> excludes;  // --exclude globs (see exclude_match)
  bool force_exclude = false;         // apply excludes and skipped folders to named files too
  bool respect_gitignore = true;
};

// Expands folders recursively: *.py, *.pyi and *.ipynb files, in sorted order, skipping hidden
// folders, virtualenvs (a pyvenv.cfg or conda-meta inside), __pycache__, .ipynb_checkpoints,
// node_modules, what .gitignore files ignore, and what --exclude matches. Named files are kept
// whatever their extension (unless --force-exclude excludes them); paths that do not exist are
// kept so that reading them reports the error. `-` stays as standard input.
std::vector<input> discover(const std::vector<std::string>& paths, const discovery_options& o);

// Whether an --exclude glob matches a path: a glob without `/` matches any single component (a
// folder or file name); a glob with `/` matches the whole path relative to the current folder
// (or an absolute path), `**` crossing folders; a trailing `/` limits it to folders. Globs use
// git's wildmatch syntax.
bool exclude_match(const std::string& glob, const std::string& path, bool is_dir);

// True when `path` (a file named on the command line) is excluded under --force-exclude: by a
// glob, or by lying in a folder that discovery skips.
bool force_excluded(const std::string& path, const discovery_options& o);

// Reads a whole file or stdin. On failure returns nullopt and sets `error` to a sentence.
std::optional<std::string> read_input(const input& in, std::string& error);

}  // namespace asynclift::cli
