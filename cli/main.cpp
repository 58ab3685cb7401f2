// The asynclift command line: a thin layer over the library.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "asynclift/asynclift.hpp"
#include "check.hpp"
#include "inputs.hpp"

namespace asynclift {
std::string debug_tree(std::string_view bytes);
}

namespace {

std::string version_help() {
  std::string s;
  for (int v = asynclift::minor(asynclift::oldest_python_version);
       v <= asynclift::minor(asynclift::newest_python_version); ++v)
    s += (s.empty() ? "" : ", ") + std::string("3.") + std::to_string(v);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace asynclift;
  CLI::App app{"asynclift: does this Python need to run as async code? Decided exactly as CPython "
               "decides, with CPython's own errors."};
  app.set_version_flag("--version", std::string("asynclift ") + std::string(library_version()));
  app.require_subcommand(1);

  cli::check_options check;
  std::string format = "text", target = "3.13", color = "auto";
  CLI::App* cmd_check = app.add_subcommand("check", "Check .py, .pyi and .ipynb files and folders");
  cmd_check->add_option("paths", check.paths, "Files, folders, or - for standard input")->required();
  cmd_check->add_option("--format", format, "Output format")
      ->check(CLI::IsMember({"text", "concise", "json", "sarif", "github"}))
      ->capture_default_str();
  cmd_check->add_option("--target-version", target, "CPython version to check against: " + version_help())
      ->capture_default_str();
  cmd_check->add_flag("--fail-on-async", check.report.fail_on_async,
                      "Report code that needs async execution as a finding");
  cmd_check->add_option("--jobs,-j", check.jobs, "Files checked in parallel (default: all cores)");
  cmd_check->add_option("--stdin-filename", check.stdin_filename, "Name to show for standard input");
  cmd_check->add_option("--exclude", check.excludes, "Skip paths matching this glob (repeatable)");
  cmd_check->add_flag("--force-exclude", check.force_exclude,
                      "Apply --exclude to files named on the command line too");
  cmd_check->add_option("--output-file,-o", check.output_file, "Write the report here");
  cmd_check->add_option("--color", color, "Colour the text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  bool no_color = false;
  cmd_check->add_flag("--no-color", no_color, "Same as --color never");

  std::string tree_path;
  CLI::App* cmd_tree = app.add_subcommand("debug-tree", "Print tree-sitter's tree (for developers)");
  cmd_tree->add_option("path", tree_path)->required();
  cmd_tree->group("");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }

  auto parse_target = [&](python_version& out) {
    auto v = parse_python_version(target);
    if (!v) {
      std::cerr << "asynclift: unsupported --target-version " << target << " (supported: "
                << version_help() << ")\n";
      return false;
    }
    out = *v;
    return true;
  };

  if (*cmd_check) {
    if (!parse_target(check.report.target)) return 2;
    if (format == "json") check.report.format = cli::output_format::json;
    else if (format == "concise") check.report.format = cli::output_format::concise;
    else if (format == "sarif") check.report.format = cli::output_format::sarif;
    else if (format == "github") check.report.format = cli::output_format::github;
    if (no_color) color = "never";
    check.report.color = color == "always" ||
                         (color == "auto" && check.output_file.empty() && isatty(STDOUT_FILENO));
    return cli::run_check(check);
  }
  if (*cmd_tree) {
    std::string error;
    auto data = cli::read_input({tree_path, tree_path == "-", true}, error);
    if (!data) {
      std::cerr << "asynclift: " << tree_path << ": " << error << '\n';
      return 2;
    }
    std::cout << debug_tree(*data);
    return 0;
  }
  return 2;
}
