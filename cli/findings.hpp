// What `asynclift check` reports about one input, ready for every output format: positions
// already converted to lines and code-point columns, suppression comments and the async policy
// already applied.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "asynclift/analysis.hpp"
#include "asynclift/notebook.hpp"

namespace asynclift::cli {

struct span_pos {
  std::uint32_t line = 1, column = 1, end_line = 1, end_column = 1;
};

struct site_entry {
  std::string kind;  // "await", "async-for", …
  span_pos pos;
};

struct diag_entry {
  std::string code;
  severity level = severity::error;
  std::string message;
  span_pos pos;               // line 0 when CPython reports the error without a line
  span_pos where;             // where the error is, even when unpositioned (for excerpts)
  std::string line_text;      // the source line at where.line (a window of it when long)
  std::uint32_t excerpt_column = 1;  // where.column within line_text
  std::optional<std::size_t> cell;  // notebooks: the cell's index in the notebook
  std::uint32_t file_line = 0;      // notebooks: the line of the .ipynb holding where.line (0: unknown)
};

// Findings of one unit: a whole .py file, or one notebook cell.
struct unit_report {
  bool needs_async = false;
  std::vector<site_entry> sites;
  std::vector<diag_entry> diagnostics;  // sorted by position; suppressed ones removed
};

struct cell_report : unit_report {
  std::size_t index = 0;
  std::optional<std::string> id;
};

enum class input_kind { python, notebook };

struct file_report {
  std::string path;
  input_kind kind = input_kind::python;
  bool readable = true;         // false: could not be read, decoded or parsed as a notebook
  std::string read_error;       // why, when not readable (named on stderr)
  std::string read_error_code;  // "unreadable-input" or "invalid-notebook"
  std::string skipped;          // a notebook not in Python: why it was not checked
  python_version target = default_python_version;
  unit_report file;             // notebooks: every cell's findings, in cell order
  std::vector<cell_report> cells;  // notebooks only: every code cell
  std::size_t suppressed = 0;      // findings hidden by suppression comments
  std::size_t errors() const;      // error diagnostics (the needs-async policy findings excluded)
  std::size_t findings() const;    // error diagnostics, policy findings included
};

struct report_policy {
  bool fail_on_async = false;  // .py files: every top-level async site is a finding
};

// Builds the report of a Python file from its analysis.
file_report python_report(std::string path, const analysis& a, const report_policy& policy);

// Builds the report of a notebook from its analysis.
file_report notebook_report(std::string path, const notebook& nb, const notebook_analysis& a,
                            python_version target);

// The code of policy findings (`--fail-on-async`).
inline constexpr std::string_view needs_async_code = "needs-async";

}  // namespace asynclift::cli
