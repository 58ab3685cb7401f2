#include "inputs.hpp"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

namespace asynclift::cli {
namespace fs = std::filesystem;
namespace {

bool wanted_extension(const fs::path& p) {
  std::string e = p.extension().string();
  return e == ".py" || e == ".pyi" || e == ".ipynb";
}

bool skipped_folder(const fs::path& dir) {
  std::string name = dir.filename().string();
  if (name.size() > 1 && name[0] == '.') return true;  // hidden, .git, .venv, .tox, …
  if (name == "__pycache__" || name == "node_modules" || name == ".ipynb_checkpoints") return true;
  std::error_code ec;
  return fs::exists(dir / "pyvenv.cfg", ec);  // a virtualenv
}

bool excluded(const std::string& path, const discovery_options& o) {
  if (o.excludes.empty()) return false;
  fs::path p(path);
  for (const std::string& g : o.excludes) {
    if (glob_match(g, path)) return true;
    for (const fs::path& part : p)
      if (glob_match(g, part.string())) return true;
  }
  return false;
}

void walk(const fs::path& dir, const discovery_options& o, std::vector<std::string>& out) {
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    entries.push_back(*it);
  std::sort(entries.begin(), entries.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
  for (const fs::directory_entry& e : entries) {
    std::string s = e.path().string();
    std::error_code sec;
    if (e.is_directory(sec)) {
      if (e.is_symlink(sec)) continue;  // no cycles
      if (skipped_folder(e.path()) || excluded(s, o)) continue;
      walk(e.path(), o, out);
    } else if (wanted_extension(e.path()) && !excluded(s, o)) {
      out.push_back(s);
    }
  }
}

}  // namespace

bool glob_match(const std::string& pattern, const std::string& path) {
  return fnmatch(pattern.c_str(), path.c_str(), 0) == 0;
}

std::vector<input> discover(const std::vector<std::string>& paths, const discovery_options& o) {
  std::vector<input> out;
  for (const std::string& p : paths) {
    if (p == "-") {
      out.push_back({p, true, true});
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      walk(p, o, found);
      for (std::string& f : found) out.push_back({std::move(f), false, false});
    } else {
      if (o.force_exclude && excluded(p, o)) continue;
      out.push_back({p, false, true});
    }
  }
  return out;
}

std::optional<std::string> read_input(const input& in, std::string& error) {
  if (in.from_stdin) {
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (std::cin.bad()) {
      error = "cannot read standard input";
      return std::nullopt;
    }
    return data;
  }
  struct stat st {};
  if (::stat(in.path.c_str(), &st) != 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    error = "is a directory";
    return std::nullopt;
  }
  std::ifstream f(in.path, std::ios::binary);
  if (!f) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::string data;
  if (S_ISREG(st.st_mode) && st.st_size > 0) data.reserve(static_cast<std::size_t>(st.st_size));
  data.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  if (f.bad()) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  return data;
}

}  // namespace asynclift::cli
