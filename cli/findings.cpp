// Turning analyses into reports: positions to lines and columns, suppression comments, the
// --fail-on-async policy, and the per-cell layout of notebooks.
#include "findings.hpp"

#include <algorithm>

#include "suppressions.hpp"

namespace asynclift::cli {
namespace {

// Byte offsets to line and column. Columns are counted from the line start; for offsets that
// come in increasing order on one line (sorted diagnostics) the count continues from the last
// one, so many findings on one long line stay linear.
class locator {
 public:
  explicit locator(const source_text& s) : s_(s) {}
  location operator()(std::uint32_t offset) {
    const std::string& t = s_.text();
    if (offset > t.size()) offset = static_cast<std::uint32_t>(t.size());
    std::uint32_t line = s_.line_of(offset);
    if (line != line_ || offset < from_) {
      line_ = line;
      from_ = s_.line_start(line);
      column_ = 1;
    }
    for (; from_ < offset; ++from_)
      if ((static_cast<unsigned char>(t[from_]) & 0xC0) != 0x80) ++column_;
    return {line_, column_};
  }

 private:
  const source_text& s_;
  std::uint32_t line_ = 0, from_ = 0, column_ = 1;
};

struct positions {
  explicit positions(const source_text& s) : begins(s), ends(s) {}
  span_pos operator()(text_range r) {
    location b = begins(r.begin), e = ends(r.end);
    return {b.line, b.column, e.line, e.column};
  }
  locator begins, ends;
};

// The excerpt line: whole when short, else a window around the column.
void excerpt(diag_entry& d, std::string_view line) {
  constexpr std::uint32_t before = 60, width = 160;
  d.excerpt_column = d.where.column;
  if (line.size() <= width) {
    d.line_text = std::string(line);
    return;
  }
  std::size_t i = 0;
  std::uint32_t cp = 1;
  auto advance = [&] {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
    ++cp;
  };
  std::size_t start = 0;
  std::uint32_t start_cp = 1;
  while (i < line.size() && cp + before < d.where.column) advance();
  start = i;
  start_cp = cp;
  std::uint32_t shown = 0;
  while (i < line.size() && shown < width) {
    advance();
    ++shown;
  }
  d.line_text.clear();
  if (start > 0) d.line_text = "…";
  d.line_text.append(line.substr(start, i - start));
  if (i < line.size()) d.line_text += "…";
  d.excerpt_column = d.where.column - start_cp + 1 + (start > 0 ? 1 : 0);
}

// Fills `out` from one analysis; `suppress_text` is what comments are read from (the masked
// text for notebook cells, so IPython syntax cannot look like a comment).
void fill(unit_report& out, const analysis& a, std::string_view suppress_text, const report_policy& policy,
          bool is_python_file, std::size_t& suppressed) {
  suppressions sup(suppress_text, a.target);
  out.needs_async = a.needs_async && !a.has_errors();
  positions position(a.source);
  for (const async_site& s : a.async_sites) out.sites.push_back({std::string(to_string(s.kind)), position(s.range)});
  positions diagnostic_position(a.source);
  auto add = [&](diag_entry d) {
    if (sup.suppressed(d.where.line, d.code)) {
      ++suppressed;
      return;
    }
    excerpt(d, a.source.line_text(d.where.line));
    out.diagnostics.push_back(std::move(d));
  };
  for (const diagnostic& d : a.diagnostics) {
    diag_entry e;
    e.code = std::string(d.code);
    e.level = d.level;
    e.message = d.message;
    e.where = diagnostic_position(d.range);
    e.pos = e.where;
    if (d.unpositioned) e.pos = {0, 1, 0, 1};
    add(std::move(e));
  }
  if (is_python_file && policy.fail_on_async && out.needs_async) {
    for (const async_site& s : a.async_sites) {
      diag_entry e;
      e.code = std::string(needs_async_code);
      e.message = "top-level " + std::string(to_string(s.kind)) + " makes this code need async execution";
      e.where = e.pos = position(s.range);
      add(std::move(e));
    }
  }
}

}  // namespace

std::size_t file_report::errors() const {
  std::size_t n = 0;
  for (const diag_entry& d : file.diagnostics)
    if (d.level == severity::error && d.code != needs_async_code) ++n;
  return n ? n : readable ? 0 : 1;
}

std::size_t file_report::findings() const {
  std::size_t n = 0;
  for (const diag_entry& d : file.diagnostics)
    if (d.level == severity::error) ++n;
  return n ? n : readable ? 0 : 1;
}

file_report python_report(std::string path, const analysis& a, const report_policy& policy) {
  file_report r;
  r.path = std::move(path);
  r.kind = input_kind::python;
  r.target = a.target;
  fill(r.file, a, a.source.text(), policy, true, r.suppressed);
  return r;
}

file_report notebook_report(std::string path, const notebook& nb, const notebook_analysis& a,
                            python_version target) {
  file_report r;
  r.path = std::move(path);
  r.kind = input_kind::notebook;
  r.target = target;
  if (!a.python) {
    r.skipped = "the kernel language is " + a.language + ", not Python";
    return r;
  }
  for (std::size_t k = 0; k < a.cells.size(); ++k) {
    const cell_analysis& ca = a.cells[k];
    const notebook_cell& cell = nb.cells[k];
    cell_report c;
    c.index = ca.index;
    c.id = ca.id;
    if (ca.status == cell_status::checked) {
      // Comments are read from the masked cell, where IPython syntax is gone.
      fill(c, ca.result, ca.masked.text, {}, false, r.suppressed);
      for (diag_entry& d : c.diagnostics) {
        d.cell = ca.index;
        std::uint32_t l = d.where.line;
        if (l >= 1 && l <= cell.file_lines.size()) d.file_line = cell.file_lines[l - 1];
        else if (!cell.file_lines.empty()) d.file_line = cell.file_lines.back();
      }
    }
    r.file.needs_async = r.file.needs_async || c.needs_async;
    r.file.sites.insert(r.file.sites.end(), c.sites.begin(), c.sites.end());
    r.file.diagnostics.insert(r.file.diagnostics.end(), c.diagnostics.begin(), c.diagnostics.end());
    r.cells.push_back(std::move(c));
  }
  return r;
}

}  // namespace asynclift::cli
