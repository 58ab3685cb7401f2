// The `github` format: GitHub Actions workflow commands (`::error file=…,line=…::message`), one
// per finding, escaped as the runner expects. Notebook findings point at the line of the .ipynb
// file that holds the cell's line and say which cell, line and column in the message.
#include "report.hpp"

namespace asynclift::cli {
namespace {

std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

}  // namespace

void write_github(std::ostream& out, const std::vector<file_report>& files, const report_options&) {
  for (const file_report& f : files) {
    if (!f.readable && f.file.diagnostics.empty()) {
      out << "::error title=" << escape_property("asynclift (" + f.read_error_code + ")")
          << ",file=" << escape_property(f.path) << "::" << escape_data(f.read_error) << '\n';
      continue;
    }
    for (const diag_entry& d : f.file.diagnostics) {
      out << "::" << (d.level == severity::error ? "error" : "warning")
          << " title=" << escape_property("asynclift (" + d.code + ")") << ",file=" << escape_property(f.path);
      if (d.cell) {
        if (d.file_line) out << ",line=" << d.file_line;
      } else {
        out << ",line=" << std::max<std::uint32_t>(d.where.line, 1) << ",col=" << d.where.column
            << ",endLine=" << d.where.end_line << ",endColumn=" << d.where.end_column;
      }
      out << "::" << escape_data(cell_prefix(d) + d.message) << '\n';
    }
  }
}

}  // namespace asynclift::cli
