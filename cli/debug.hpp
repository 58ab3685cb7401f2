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
  static std::string mask_json(const std::string& cell);

  std::string path_;
  bool jsonl_ = false;
  std::string target_ = "3.13";
};

}  // namespace asynclift::cli
