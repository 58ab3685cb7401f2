// The asynclift command line: a thin layer over the library. Each subcommand registers its
// options on the app and runs when parsed (check.cpp, debug.cpp, …).
#include <CLI/CLI.hpp>
#include <string>

#include "asynclift/version.hpp"
#include "check.hpp"
#include "debug.hpp"
#include "lift.hpp"

int main(int argc, char** argv) {
  using namespace asynclift;
  CLI::App app{"asynclift: does this Python need to run as async code? Decided exactly as CPython "
               "decides, with CPython's own errors, for .py files and Jupyter notebooks."};
  app.set_version_flag("--version", std::string("asynclift ") + std::string(library_version()));
  app.require_subcommand(1);
  app.footer("Run `asynclift COMMAND --help` for a command's options.");

  cli::check_command check(app);
  cli::debug_commands debug(app);
  cli::lift_command lift(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }

  if (check.selected()) return check.run();
  if (debug.selected()) return debug.run();
  if (lift.selected()) return lift.run();
  return 2;
}
