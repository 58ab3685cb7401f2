// Analysing a notebook: each code cell on its own, as IPython compiles it. The cell is masked
// (lib/ipython_mask.cpp), analysed with PyCF_ALLOW_TOP_LEVEL_AWAIT unless the cell's magic or
// the kernel's %autoawait setting forbids top-level await, and every position is mapped back
// onto the cell as written.
#include <algorithm>
#include <cstdio>
#include <string>

#include "asynclift/notebook.hpp"
#include "messages.hpp"

namespace asynclift {

analysis analyse_cell(analyser& an, std::string_view cell, const masked_cell& masked,
                      python_version target, bool top_level_await) {
  analyse_options options;
  options.target = target;
  options.allow_top_level_await = top_level_await;
  analysis inner = an.analyse_text(masked.text, options);

  analysis out;
  out.source = source_text::from_utf8(std::string(cell));
  out.target = inner.target;
  out.needs_async = inner.needs_async;
  out.module_bindings = std::move(inner.module_bindings);
  auto map = [&](text_range r) {
    return text_range{masked.original_offset(r.begin), masked.original_offset(r.end)};
  };
  for (const async_site& s : inner.async_sites) out.async_sites.push_back({s.kind, map(s.range)});
  for (diagnostic& d : inner.diagnostics) {
    d.range = map(d.range);
    out.diagnostics.push_back(std::move(d));
  }
  return out;
}

namespace {

// CPython cannot compile a str holding a lone surrogate: it fails to encode it to UTF-8.
analysis refuse_surrogate(const notebook_cell& cell, python_version target) {
  analysis out;
  out.source = source_text::from_utf8(cell.source);
  out.target = target;
  const lone_surrogate& first = cell.lone_surrogates.front();
  std::size_t position = 0;  // in code points, as Python counts a str
  for (std::size_t i = 0; i < first.offset; ++i)
    if ((static_cast<unsigned char>(cell.source[i]) & 0xC0) != 0x80) ++position;
  char unit[8];
  std::snprintf(unit, sizeof unit, "%04x", static_cast<unsigned>(first.code_unit));
  diagnostic d;
  d.code = detail::message_code(detail::msg::lone_surrogate);
  d.message = detail::message_text(detail::msg::lone_surrogate, target, unit, std::to_string(position));
  d.range = {first.offset, first.offset + 3};
  d.phase = detail::message_phase(detail::msg::lone_surrogate, target);
  out.diagnostics.push_back(std::move(d));
  return out;
}

}  // namespace

bool notebook_analysis::needs_async() const noexcept {
  return std::any_of(cells.begin(), cells.end(), [](const cell_analysis& c) {
    return c.status == cell_status::checked && c.result.needs_async && !c.result.has_errors();
  });
}

bool notebook_analysis::has_errors() const noexcept {
  return std::any_of(cells.begin(), cells.end(), [](const cell_analysis& c) { return c.result.has_errors(); });
}

notebook_analysis analyse_notebook(analyser& an, const notebook& nb, const notebook_options& options) {
  notebook_analysis out;
  out.language = nb.language;
  out.python = nb.is_python();
  if (!out.python) return out;
  bool autoawait = options.autoawait;
  for (const notebook_cell& cell : nb.cells) {
    cell_analysis ca;
    ca.index = cell.index;
    ca.id = cell.id;
    if (!cell.is_python()) {
      ca.status = cell_status::skipped_language;
      ca.result.source = source_text::from_utf8(cell.source);
      ca.result.target = options.target;
      out.cells.push_back(std::move(ca));
      continue;
    }
    masked_cell m = mask_ipython(cell.source);
    ca.cell_magic = m.cell_magic;
    if (m.kind == cell_kind::other) {
      ca.masked = std::move(m);
      ca.status = cell_status::skipped_magic;
      ca.result.source = source_text::from_utf8(cell.source);
      ca.result.target = options.target;
      out.cells.push_back(std::move(ca));
      continue;
    }
    if (m.autoawait) autoawait = *m.autoawait;
    ca.top_level_await = m.top_level_await && autoawait;
    if (!cell.lone_surrogates.empty())
      ca.result = refuse_surrogate(cell, options.target);
    else
      ca.result = analyse_cell(an, cell.source, m, options.target, ca.top_level_await);
    ca.masked = std::move(m);
    out.cells.push_back(std::move(ca));
  }
  return out;
}

notebook_analysis analyse_notebook(const notebook& nb, const notebook_options& options) {
  analyser an;
  return analyse_notebook(an, nb, options);
}

}  // namespace asynclift
