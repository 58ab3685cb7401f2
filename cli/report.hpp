// Output formats of `asynclift check`: text, concise, json, sarif, github.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "findings.hpp"

namespace asynclift::cli {

enum class output_format { text, concise, json, sarif, github };

struct report_options {
  output_format format = output_format::text;
  python_version target = default_python_version;
  bool color = false;
};

// Writes every report in the chosen format; returns the number of findings (error
// diagnostics, --fail-on-async findings included, and unreadable inputs).
std::size_t write_report(std::ostream& out, const std::vector<file_report>& files,
                         const report_options& options);

// One format each (report_*.cpp).
void write_text(std::ostream& out, const std::vector<file_report>& files, const report_options& o);
void write_json(std::ostream& out, const std::vector<file_report>& files, const report_options& o);
void write_sarif(std::ostream& out, const std::vector<file_report>& files, const report_options& o);
void write_github(std::ostream& out, const std::vector<file_report>& files, const report_options& o);

// "cell 3, line 2, column 5: " for a notebook finding, "" otherwise (SARIF, GitHub).
std::string cell_prefix(const diag_entry& d);

}  // namespace asynclift::cli
