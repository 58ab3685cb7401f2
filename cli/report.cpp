// The `text` and `concise` formats: one line per finding (`path:line:col: error: message [code]`,
// `path:cell N:line:col: …` in notebooks), in `text` also a source excerpt with a caret, then a
// summary line. Colour only when asked for (a terminal, or --color always).
#include "report.hpp"

#include <algorithm>

namespace asynclift::cli {
namespace {

const char* colour(bool on, const char* code) { return on ? code : ""; }

std::uint32_t code_points(std::string_view s) {
  std::uint32_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

void write_excerpt(std::ostream& out, const diag_entry& d, bool color) {
  std::string number = std::to_string(d.where.line);
  std::string pad(number.size(), ' ');
  out << colour(color, "\033[34m") << pad << " |\n" << number << " | " << colour(color, "\033[0m");
  // Tabs are shown as single spaces so the caret lines up.
  std::string shown = d.line_text;
  std::replace(shown.begin(), shown.end(), '\t', ' ');
  out << shown << '\n';
  const std::uint32_t len = code_points(d.line_text);
  const std::uint32_t column = std::min(d.excerpt_column, len + 1);
  std::uint32_t width = 1;
  if (d.where.end_line == d.where.line && d.where.end_column > d.where.column)
    width = d.where.end_column - d.where.column;
  if (d.where.end_line != d.where.line || column + width > len + 1)
    width = len >= column ? len - column + 1 : 1;
  out << colour(color, "\033[34m") << pad << " | " << colour(color, "\033[0m")
      << std::string(column - 1, ' ') << colour(color, "\033[31m") << std::string(width, '^')
      << colour(color, "\033[0m") << '\n';
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string cell_prefix(const diag_entry& d) {
  if (!d.cell) return {};
  return "cell " + std::to_string(*d.cell + 1) + ", line " + std::to_string(d.pos.line) + ", column " +
         std::to_string(d.pos.column) + ": ";
}

void write_text(std::ostream& out, const std::vector<file_report>& files, const report_options& o) {
  bool text = o.format == output_format::text;
  std::size_t errors = 0, files_with_errors = 0, async_files = 0, suppressed = 0, skipped = 0;
  for (const file_report& f : files) {
    std::size_t e = f.errors();
    errors += e;
    files_with_errors += e ? 1 : 0;
    async_files += f.readable && f.file.needs_async ? 1 : 0;
    suppressed += f.suppressed;
    skipped += f.skipped.empty() ? 0 : 1;
  }
  for (const file_report& f : files) {
    auto head = [&](const std::string& where, bool err, std::string_view level, std::string_view message,
                    std::string_view code) {
      out << colour(o.color, "\033[1m") << f.path << ':' << where << ": "
          << colour(o.color, err ? "\033[31m" : "\033[33m") << level << colour(o.color, "\033[0m")
          << colour(o.color, "\033[1m") << ": " << message << colour(o.color, "\033[0m") << " [" << code
          << "]\n";
    };
    if (!f.readable && f.file.diagnostics.empty()) {
      head("1:1", true, "error", f.read_error, f.read_error_code);
      continue;
    }
    if (!f.skipped.empty() && text) {
      out << colour(o.color, "\033[1m") << f.path << colour(o.color, "\033[0m") << ": note: not checked: "
          << f.skipped << '\n';
      continue;
    }
    for (const diag_entry& d : f.file.diagnostics) {
      std::string where = (d.cell ? "cell " + std::to_string(*d.cell + 1) + ":" : std::string()) +
                          std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column);
      head(where, d.level == severity::error, to_string(d.level), d.message, d.code);
      if (!text || !f.readable) continue;
      if (d.pos.line == 0)
        out << "  = note: CPython " << to_string(f.target)
            << " reports this error without a line number; it is here:\n";
      write_excerpt(out, d, o.color);
    }
  }
  std::size_t policy = 0;  // --fail-on-async findings
  for (const file_report& f : files) policy += f.findings() - f.errors();
  if (errors == 0 && policy == 0)
    out << "All checks passed: " << plural(files.size(), "file", "files") << " checked for Python "
        << to_string(o.target);
  else if (errors == 0)
    out << "No errors, but " << plural(policy, "construct needs", "constructs need")
        << " async execution (--fail-on-async) (" << files.size() << " checked, Python "
        << to_string(o.target) << ")";
  else
    out << "Found " << plural(errors, "error", "errors") << " in " << plural(files_with_errors, "file", "files")
        << " (" << files.size() << " checked, Python " << to_string(o.target) << ")";
  out << "; " << async_files << (async_files == 1 ? " file needs" : " files need") << " async execution.";
  if (skipped) out << ' ' << plural(skipped, "notebook", "notebooks") << " not in Python, not checked.";
  if (suppressed) out << ' ' << plural(suppressed, "finding", "findings") << " suppressed.";
  out << '\n';
}

std::size_t write_report(std::ostream& out, const std::vector<file_report>& files, const report_options& o) {
  std::size_t findings = 0;
  for (const file_report& f : files) findings += f.findings();
  switch (o.format) {
    case output_format::json: write_json(out, files, o); break;
    case output_format::sarif: write_sarif(out, files, o); break;
    case output_format::github: write_github(out, files, o); break;
    case output_format::text:
    case output_format::concise: write_text(out, files, o); break;
  }
  return findings;
}

}  // namespace asynclift::cli
