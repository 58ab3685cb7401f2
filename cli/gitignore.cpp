// .gitignore parsing and matching, as git's dir.c does it (add_patterns_from_buffer,
// parse_path_pattern, match_basename, match_pathname, last_matching_pattern_from_list).
#include "gitignore.hpp"

#include <fstream>
#include <iterator>

#include "wildmatch.hpp"

namespace asynclift::cli {
namespace fs = std::filesystem;
namespace {

// git's trim_trailing_spaces: trailing spaces go unless escaped with a backslash.
std::string_view trim_trailing_spaces(std::string_view s) {
  std::size_t last_space = std::string_view::npos;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ') {
      if (last_space == std::string_view::npos) last_space = i;
    } else if (s[i] == '\\') {
      if (++i >= s.size()) return s;
      last_space = std::string_view::npos;
    } else {
      last_space = std::string_view::npos;
    }
  }
  return last_space == std::string_view::npos ? s : s.substr(0, last_space);
}

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return {};
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

std::string_view basename(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

ignore_file::ignore_file(std::string_view text, std::string base) : base_(std::move(base)) {
  std::size_t b = 0;
  while (b < text.size()) {
    std::size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(b, e - b);
    b = e + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    line = trim_trailing_spaces(line);
    pattern p;
    if (!line.empty() && line[0] == '!') {
      p.negated = true;
      line.remove_prefix(1);
    }
    if (!line.empty() && line.back() == '/') {
      p.dir_only = true;
      line.remove_suffix(1);
    }
    if (line.empty()) continue;
    p.anchored = line.find('/') != std::string_view::npos;
    if (p.anchored && line[0] == '/') line.remove_prefix(1);
    p.glob = std::string(line);
    patterns_.push_back(std::move(p));
  }
}

ignore_file::verdict ignore_file::match(std::string_view path, bool is_dir) const {
  for (auto it = patterns_.rbegin(); it != patterns_.rend(); ++it) {
    const pattern& p = *it;
    if (p.dir_only && !is_dir) continue;
    bool hit;
    if (!p.anchored) {
      hit = wildmatch(p.glob, basename(path), false);
    } else {
      std::string_view name = path;
      if (!base_.empty()) {
        if (path.size() < base_.size() + 1 || path.substr(0, base_.size()) != base_ || path[base_.size()] != '/')
          continue;
        name = path.substr(base_.size() + 1);
      }
      hit = wildmatch(p.glob, name, true);
    }
    if (hit) return p.negated ? verdict::included : verdict::ignored;
  }
  return verdict::none;
}

ignore_stack::ignore_stack(const fs::path& start) {
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(start, ec), ec);
  if (ec) return;
  fs::path root;
  for (fs::path d = abs;; d = d.parent_path()) {
    if (fs::exists(d / ".git", ec)) {
      root = d;
      break;
    }
    if (d == d.parent_path()) break;
  }
  if (root.empty()) return;
  start_ = abs.lexically_relative(root).generic_string();
  if (start_ == ".") start_.clear();
  if (fs::is_directory(root / ".git", ec)) {
    std::string text = read_file(root / ".git" / "info" / "exclude");
    if (!text.empty()) excludes_.emplace_back(text, "");
  }
  // .gitignore files above the start folder, from the top of the repository down.
  fs::path d = root;
  std::string rel;
  auto load = [&] {
    std::string text = read_file(d / ".gitignore");
    if (!text.empty()) files_.emplace_back(text, rel);
  };
  if (!start_.empty()) {
    load();
    fs::path parts(start_);
    std::size_t n = static_cast<std::size_t>(std::distance(parts.begin(), parts.end()));
    std::size_t k = 0;
    for (const fs::path& part : parts) {
      if (++k == n) break;  // the start folder itself is pushed by the walk
      d /= part;
      if (!rel.empty()) rel += '/';
      rel += part.string();
      load();
    }
  }
}

std::string ignore_stack::from_root(std::string_view rel) const {
  if (start_.empty()) return std::string(rel);
  if (rel.empty()) return start_;
  return start_ + "/" + std::string(rel);
}

void ignore_stack::push(const fs::path& folder, std::string_view rel) {
  std::string text = read_file(folder / ".gitignore");
  pushed_.push_back(!text.empty());
  if (!text.empty()) files_.emplace_back(text, from_root(rel));
}

void ignore_stack::pop() {
  if (pushed_.empty()) return;
  if (pushed_.back()) files_.pop_back();
  pushed_.pop_back();
}

bool ignore_stack::ignored(std::string_view rel, bool is_dir) const {
  std::string path = from_root(rel);
  for (auto it = files_.rbegin(); it != files_.rend(); ++it) {
    auto v = it->match(path, is_dir);
    if (v != ignore_file::verdict::none) return v == ignore_file::verdict::ignored;
  }
  for (const ignore_file& f : excludes_) {
    auto v = f.match(path, is_dir);
    if (v != ignore_file::verdict::none) return v == ignore_file::verdict::ignored;
  }
  return false;
}

}  // namespace asynclift::cli
