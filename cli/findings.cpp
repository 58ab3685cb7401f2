// Turning analyses into reports: positions to lines and columns, suppression comments, the
// --fail-on-async policy, and the per-cell layout of notebooks.
#include "findings.hpp"

#include <algorithm>

#include "suppressions.hpp"

namespace asynclift::cli {
namespace {

span_pos position(const source_text& src, text_range r) {
  location b = src.locate(r.begin), e = src.locate(r.end);
  return {b.line, b.column, e.line, e.column};
}

// Fills `out` from one analysis; `suppress_text` is what comments are read from (the masked
// text for notebook cells, so IPython syntax cannot look like a comment).
void fill(unit_report& out, const analysis& a, std::string_view suppress_text, const report_policy& policy,
          bool is_python_file, std::size_t& suppressed) {
  suppressions sup(suppress_text, a.target);
  out.needs_async = a.needs_async && !a.has_errors();
  for (const async_site& s : a.async_sites) out.sites.push_back({std::string(to_string(s.kind)), position(a.source, s.range)});
  auto add = [&](diag_entry d) {
    if (sup.suppressed(d.where.line, d.code)) {
      ++suppressed;
      return;
    }
    d.line_text = std::string(a.source.line_text(d.where.line));
    out.diagnostics.push_back(std::move(d));
  };
  for (const diagnostic& d : a.diagnostics) {
    diag_entry e;
    e.code = std::string(d.code);
    e.level = d.level;
    e.message = d.message;
    e.where = position(a.source, d.range);
    e.pos = e.where;
    if (d.unpositioned) e.pos = {0, 1, 0, 1};
    add(std::move(e));
  }
  if (is_python_file && policy.fail_on_async && out.needs_async) {
    for (const async_site& s : a.async_sites) {
      diag_entry e;
      e.code = std::string(needs_async_code);
      e.message = "top-level " + std::string(to_string(s.kind)) + " makes this code need async execution";
      e.where = e.pos = position(a.source, s.range);
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
