// Output formats of `asynclift check`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "asynclift/analysis.hpp"

namespace asynclift::cli {

// One checked input.
struct file_report {
  std::string path;
  bool readable = true;      // false: could not be read or decoded (named on stderr)
  std::string read_error;    // why, when not readable
  analysis result;           // valid when readable
};

enum class output_format { text, concise, json, sarif, github };

struct report_options {
  output_format format = output_format::text;
  python_version target = default_python_version;
  bool color = false;
  bool fail_on_async = false;  // async sites are findings
};

// Writes every report; returns the number of findings (error diagnostics, plus async sites
// when fail_on_async).
std::size_t write_report(std::ostream& out, const std::vector<file_report>& files,
                         const report_options& options);

}  // namespace asynclift::cli
