// Discovery of the files `asynclift check` looks at, and reading them.
#include "inputs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "gitignore.hpp"
#include "wildmatch.hpp"

namespace asynclift::cli {
namespace fs = std::filesystem;
namespace {

bool wanted_extension(const fs::path& p) {
  std::string e = p.extension().string();
  return e == ".py" || e == ".pyi" || e == ".ipynb";
}

bool skipped_name(const std::string& name) {
  if (name.size() > 1 && name[0] == '.' && name != "..") return true;  // hidden: .git, .venv, .tox, …
  return name == "__pycache__" || name == "node_modules" || name == ".ipynb_checkpoints";
}

bool skipped_folder(const fs::path& dir) {
  if (skipped_name(dir.filename().string())) return true;
  std::error_code ec;
  return fs::exists(dir / "pyvenv.cfg", ec) || fs::is_directory(dir / "conda-meta", ec);
}

// The path as globs see it: normalised, relative to the current folder when it is below it.
std::string glob_path(const std::string& path) {
  fs::path p = fs::path(path).lexically_normal();
  if (p.is_absolute()) {
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    if (!ec) {
      fs::path rel = p.lexically_relative(cwd);
      if (!rel.empty() && *rel.begin() != "..") p = rel;
    }
  }
  std::string s = p.generic_string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s == "." ? std::string() : s;
}

bool excluded(const std::string& path, bool is_dir, const discovery_options& o) {
  for (const std::string& g : o.excludes)
    if (exclude_match(g, path, is_dir)) return true;
  return false;
}

struct walker {
  const discovery_options& o;
  std::vector<input>& out;

  void walk(const fs::path& dir, const std::string& rel, ignore_stack* ignores) {
    if (ignores) ignores->push(dir, rel);
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
      out.push_back({dir.string(), false, false, "cannot list folder: " + ec.message()});
    } else {
      for (; !ec && it != end; it.increment(ec)) entries.push_back(*it);
      if (ec) out.push_back({dir.string(), false, false, "cannot list folder: " + ec.message()});
    }
    std::sort(entries.begin(), entries.end(), [](const fs::directory_entry& a, const fs::directory_entry& b) {
      return a.path().filename().native() < b.path().filename().native();
    });
    for (const fs::directory_entry& e : entries) {
      std::string name = e.path().filename().string();
      std::string child_rel = rel.empty() ? name : rel + "/" + name;
      std::string shown = e.path().lexically_normal().string();
      std::error_code sec;
      bool is_dir = e.is_directory(sec);
      if (is_dir) {
        if (e.is_symlink(sec)) continue;  // no cycles
        if (skipped_folder(e.path()) || excluded(shown, true, o)) continue;
        if (ignores && ignores->ignored(child_rel, true)) continue;
        walk(e.path(), child_rel, ignores);
      } else if (wanted_extension(e.path()) && !excluded(shown, false, o) &&
                 !(ignores && ignores->ignored(child_rel, false))) {
        out.push_back({shown, false, false, {}});
      }
    }
    if (ignores) ignores->pop();
  }
};

}  // namespace

bool exclude_match(const std::string& glob_in, const std::string& path, bool is_dir) {
  std::string glob = glob_in;
  bool dir_only = glob.size() > 1 && glob.back() == '/';
  if (dir_only) {
    if (!is_dir) return false;
    glob.pop_back();
  }
  while (glob.rfind("./", 0) == 0) glob.erase(0, 2);
  if (glob.empty()) return false;
  std::string p = glob_path(path);
  if (glob.find('/') == std::string::npos) {
    std::size_t slash = p.rfind('/');
    return wildmatch(glob, slash == std::string::npos ? p : p.substr(slash + 1), true);
  }
  if (glob[0] == '/') {
    std::error_code ec;
    return wildmatch(glob, fs::absolute(path, ec).lexically_normal().generic_string(), true);
  }
  return wildmatch(glob, p, true);
}

bool force_excluded(const std::string& path, const discovery_options& o) {
  std::string p = glob_path(path);
  if (excluded(path, false, o)) return true;
  // Every folder on the way: skipped by discovery, or excluded by a glob.
  fs::path prefix;
  fs::path rel(p);
  std::size_t n = static_cast<std::size_t>(std::distance(rel.begin(), rel.end())), k = 0;
  for (const fs::path& part : rel) {
    if (++k == n) break;
    prefix /= part;
    if (skipped_folder(prefix) || excluded(prefix.string(), true, o)) return true;
  }
  return false;
}

std::vector<input> discover(const std::vector<std::string>& paths, const discovery_options& o) {
  std::vector<input> out;
  for (const std::string& p : paths) {
    if (p == "-") {
      out.push_back({p, true, true, {}});
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<input> found;
      walker w{o, found};
      if (o.respect_gitignore) {
        ignore_stack ignores(p);
        w.walk(p, "", &ignores);
      } else {
        w.walk(p, "", nullptr);
      }
      for (input& f : found) out.push_back(std::move(f));
    } else {
      if (o.force_exclude && force_excluded(p, o)) continue;
      out.push_back({p, false, true, {}});
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
  // Opened without blocking: a FIFO with nothing writing to it would hang open() forever.
  const int fd = ::open(in.path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    struct stat link {};
    const bool broken_link = errno == ENOENT && ::lstat(in.path.c_str(), &link) == 0 && S_ISLNK(link.st_mode);
    error = broken_link ? "broken symbolic link (its target does not exist)" : std::strerror(errno);
    return std::nullopt;
  }
  struct closer {
    int fd;
    ~closer() { ::close(fd); }
  } close_at_end{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    error = "is a directory";
    return std::nullopt;
  }
  std::string data;
  if (!S_ISREG(st.st_mode)) {
    // Only a FIFO or a character device named on the command line is read (`<(cmd)`,
    // /dev/stdin); a FIFO, socket or device found in a folder is never opened for reading.
    const char* what = S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISSOCK(st.st_mode) ? "a socket" : "a device";
    if (!in.explicit_ || !(S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) {
      error = std::string("not a regular file (") + what + "): not read";
      return std::nullopt;
    }
    if (S_ISFIFO(st.st_mode)) {
      char first[4096];
      const ssize_t n = ::read(fd, first, sizeof first);
      if (n == 0) {
        error = "a FIFO with nothing writing to it: not read";
        return std::nullopt;
      }
      if (n > 0) data.append(first, static_cast<std::size_t>(n));
    }
  } else {
    data.reserve(static_cast<std::size_t>(st.st_size));  // one allocation for big notebooks
  }
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      return std::nullopt;
    }
    data.append(buffer, static_cast<std::size_t>(n));
  }
  return data;
}

}  // namespace asynclift::cli
