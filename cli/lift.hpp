// `asynclift lift`: its options and the run.
#pragma once

#include <string>

#include "asynclift/lift.hpp"

namespace CLI {
class App;
}

namespace asynclift::cli {

struct lift_cli_options {
  std::string path;
  std::string mode = "exec";
  std::string target = "3.13";
  std::string wrapper = std::string(default_wrapper_name);
  std::string runner = "none";
  std::string format = "text";
  std::string output;
  bool if_needed = false;
  bool force = false;
};

// Registers the `lift` subcommand on `app`.
class lift_command {
 public:
  explicit lift_command(CLI::App& app);
  bool selected() const;
  // Exit status: 0 lifted; 1 the input has errors (diagnostics on stderr); 2 usage error, an
  // unreadable input, or an output that cannot be written.
  int run() const;

 private:
  CLI::App* cmd_;
  lift_cli_options o_;
};

}  // namespace asynclift::cli
