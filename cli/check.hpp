// `asynclift check`.
#pragma once

#include <string>
#include <vector>

#include "report.hpp"

namespace asynclift::cli {

struct check_options {
  std::vector<std::string> paths;
  report_options report;
  unsigned jobs = 0;  // 0: all cores
  std::string stdin_filename;
  std::vector<std::string> excludes;
  bool force_exclude = false;
  std::string output_file;
};

// Runs the check; returns the exit status (0 clean, 1 findings, 2 unreadable input).
int run_check(const check_options& options);

}  // namespace asynclift::cli
