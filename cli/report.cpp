#include "report.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace asynclift::cli {
namespace {

using json = nlohmann::ordered_json;

struct span {
  location begin, end;
};

span where(const analysis& a, text_range r) {
  return {a.source.locate(r.begin), a.source.locate(r.end)};
}

json position(const analysis& a, text_range r, bool unpositioned, json obj) {
  span s = where(a, r);
  if (unpositioned) {
    obj["line"] = 0;
    obj["column"] = 1;
    obj["end_line"] = 0;
    obj["end_column"] = 1;
  } else {
    obj["line"] = s.begin.line;
    obj["column"] = s.begin.column;
    obj["end_line"] = s.end.line;
    obj["end_column"] = s.end.column;
  }
  return obj;
}

json file_json(const file_report& f) {
  json o;
  o["path"] = f.path;
  const analysis& a = f.result;
  o["needs_async"] = f.readable && !a.has_errors() && a.needs_async;
  json sites = json::array();
  for (const async_site& s : a.async_sites) {
    json j;
    j["kind"] = std::string(to_string(s.kind));
    sites.push_back(position(a, s.range, false, std::move(j)));
  }
  o["async_sites"] = std::move(sites);
  json diags = json::array();
  for (const diagnostic& d : a.diagnostics) {
    json j;
    j["code"] = std::string(d.code);
    j["severity"] = std::string(to_string(d.level));
    j["message"] = d.message;
    diags.push_back(position(a, d.range, d.unpositioned, std::move(j)));
  }
  if (!f.readable && a.diagnostics.empty()) {
    json j;
    j["code"] = "unreadable-input";
    j["severity"] = "error";
    j["message"] = f.read_error;
    j["line"] = 1;
    j["column"] = 1;
    j["end_line"] = 1;
    j["end_column"] = 1;
    diags.push_back(std::move(j));
  }
  o["diagnostics"] = std::move(diags);
  return o;
}

const char* colour(bool on, const char* code) { return on ? code : ""; }

void write_excerpt(std::ostream& out, const analysis& a, text_range r, bool color) {
  span s = where(a, r);
  std::string_view line = a.source.line_text(s.begin.line);
  std::string number = std::to_string(s.begin.line);
  std::string pad(number.size(), ' ');
  out << colour(color, "\033[34m") << pad << " |\n" << number << " | " << colour(color, "\033[0m");
  // Tabs are shown as single spaces so the caret lines up.
  std::string shown(line);
  std::replace(shown.begin(), shown.end(), '\t', ' ');
  out << shown << '\n';
  std::uint32_t width = 1;
  if (s.end.line == s.begin.line && s.end.column > s.begin.column) width = s.end.column - s.begin.column;
  if (s.end.line != s.begin.line) {
    std::uint32_t line_len = 0;
    for (unsigned char ch : line)
      if ((ch & 0xC0) != 0x80) ++line_len;
    width = line_len >= s.begin.column ? line_len - s.begin.column + 1 : 1;
  }
  out << colour(color, "\033[34m") << pad << " | " << colour(color, "\033[0m")
      << std::string(s.begin.column - 1, ' ') << colour(color, "\033[31m") << std::string(width, '^')
      << colour(color, "\033[0m") << '\n';
}

}  // namespace

std::size_t write_report(std::ostream& out, const std::vector<file_report>& files,
                         const report_options& o) {
  std::size_t findings = 0, errors = 0, files_with_errors = 0, async_files = 0;
  for (const file_report& f : files) {
    std::size_t e = f.readable ? 0 : 1;
    for (const diagnostic& d : f.result.diagnostics)
      if (d.level == severity::error) ++e;
    if (f.readable && e == 0 && f.result.needs_async) ++async_files;
    errors += e;
    if (e) ++files_with_errors;
    findings += e;
    if (o.fail_on_async && f.readable && e == 0 && f.result.needs_async)
      findings += f.result.async_sites.size();
  }

  if (o.format == output_format::json) {
    json root;
    root["version"] = 1;
    root["target_version"] = to_string(o.target);
    json arr = json::array();
    for (const file_report& f : files) arr.push_back(file_json(f));
    root["files"] = std::move(arr);
    out << root.dump() << '\n';
    return findings;
  }

  for (const file_report& f : files) {
    const analysis& a = f.result;
    auto emit = [&](text_range r, bool unpositioned, std::string_view level, std::string_view message,
                    std::string_view code) {
      span s = where(a, r);
      std::uint32_t line = unpositioned ? 0 : s.begin.line, column = unpositioned ? 1 : s.begin.column;
      bool err = level == "error";
      if (o.format == output_format::github) {
        out << "::" << (err ? "error" : "warning") << " title=asynclift (" << code << "),file=" << f.path
            << ",line=" << std::max<std::uint32_t>(line, 1) << ",col=" << column << "::" << message << '\n';
        return;
      }
      out << colour(o.color, "\033[1m") << f.path << ':' << line << ':' << column << ": "
          << colour(o.color, err ? "\033[31m" : "\033[33m") << level << colour(o.color, "\033[0m")
          << colour(o.color, "\033[1m") << ": " << message << colour(o.color, "\033[0m") << " ["
          << code << "]\n";
      if (o.format == output_format::text && f.readable) {
        if (unpositioned)
          out << "  = note: CPython " << to_string(a.target)
              << " reports this error without a line number; it is here:\n";
        write_excerpt(out, a, r, o.color);
      }
    };
    if (!f.readable && a.diagnostics.empty()) emit({0, 0}, false, "error", f.read_error, "unreadable-input");
    for (const diagnostic& d : a.diagnostics)
      emit(d.range, d.unpositioned, to_string(d.level), d.message, d.code);
    if (o.fail_on_async && f.readable && !a.has_errors())
      for (const async_site& s : a.async_sites)
        emit(s.range, false, "error",
             "top-level " + std::string(to_string(s.kind)) + " makes this code need async execution",
             "needs-async");
  }
  if (o.format == output_format::text || o.format == output_format::concise) {
    if (errors == 0)
      out << "All checks passed: " << files.size() << (files.size() == 1 ? " file" : " files")
          << " checked for Python " << to_string(o.target);
    else
      out << "Found " << errors << (errors == 1 ? " error" : " errors") << " in " << files_with_errors
          << (files_with_errors == 1 ? " file" : " files") << " (" << files.size() << " checked, Python "
          << to_string(o.target) << ")";
    out << "; " << async_files << (async_files == 1 ? " file needs" : " files need")
        << " async execution.\n";
  }
  return findings;
}

}  // namespace asynclift::cli
