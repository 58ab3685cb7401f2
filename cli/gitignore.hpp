// .gitignore support for folder discovery, following gitignore(5): per-folder .gitignore files
// (deeper files take precedence over shallower ones, later lines over earlier ones), the
// repository's .git/info/exclude (lowest precedence), `!` re-inclusion, `/`-anchored and
// folder-only patterns, and git's wildmatch for `*`, `?`, `[...]` and `**`.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace asynclift::cli {

// The patterns of one ignore file, relative to the folder it applies to.
class ignore_file {
 public:
  // `base`: the folder's path relative to the repository (or walk) root, "" for the root itself.
  ignore_file(std::string_view text, std::string base);

  enum class verdict { none, ignored, included };
  // `path` is relative to the same root as `base`; the last matching pattern decides.
  verdict match(std::string_view path, bool is_dir) const;

 private:
  struct pattern {
    std::string glob;
    bool negated = false;
    bool dir_only = false;
    bool anchored = false;  // contains a slash: matched against the path below `base`
  };
  std::vector<pattern> patterns_;
  std::string base_;
};

// The ignore files in force while walking down from a start folder. When the start folder is
// inside a git repository, the .gitignore files from the repository's top folder down to the
// start folder and .git/info/exclude apply too; outside a repository, only the .gitignore files
// at and below the start folder do. Paths are given relative to the start folder, with `/`.
class ignore_stack {
 public:
  explicit ignore_stack(const std::filesystem::path& start);

  // Loads `folder`/.gitignore, `rel` being the folder relative to the start folder ("" for the
  // start folder). Call when entering a folder; pop() when leaving it.
  void push(const std::filesystem::path& folder, std::string_view rel);
  void pop();

  bool ignored(std::string_view rel, bool is_dir) const;

 private:
  std::string from_root(std::string_view rel) const;

  std::string start_;                   // the start folder relative to the root, "" or "a/b"
  std::vector<ignore_file> files_;      // .gitignore files, shallowest first
  std::vector<bool> pushed_;            // whether each push added a file
  std::vector<ignore_file> excludes_;   // .git/info/exclude
};

}  // namespace asynclift::cli
