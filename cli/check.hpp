// `asynclift check`: its options and the run over every input.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace asynclift::cli {

struct check_options {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string target = "3.13";
  std::string color = "auto";
  bool no_color = false;
  bool fail_on_async = false;
  bool allow_top_level_await = false;  // the default policy, stated explicitly
  unsigned jobs = 0;                   // 0: all cores
  std::string stdin_filename;
  std::vector<std::string> excludes;
  bool force_exclude = false;
  bool no_respect_gitignore = false;
  bool show_files = false;
  std::string output_file;
};

// Registers the `check` subcommand on `app`.
class check_command {
 public:
  explicit check_command(CLI::App& app);
  bool selected() const;
  // Runs the check; returns the exit status (0 clean, 1 findings, 2 usage error or an
  // unreadable or invalid input).
  int run();

 private:
  CLI::App* cmd_;
  check_options o_;
};

}  // namespace asynclift::cli
