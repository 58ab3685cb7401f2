// Hidden developer subcommands (debug-tree, debug-mask, debug-comments).
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace asynclift::cli {

class debug_commands {
 public:
  explicit debug_commands(CLI::App& app);
  bool selected() const;
  int run();

 private:
  CLI::App* tree_;
  CLI::App* mask_;
  CLI::App* comments_;
  std::string path_;
  std::string target_ = "3.13";
};

}  // namespace asynclift::cli
