// Fuzz target: bytes → notebook cells, and cell text → masked IPython cell.
//
// Input layout: byte 0 chooses the run — bit 0 clear: the rest is an .ipynb file: read it,
// then analyse every cell and turn the notebook into one script; bit 0 set: the rest is the
// text of one cell: mask its IPython syntax and analyse it as a cell (which reaches the
// masking code far more directly than through JSON). (byte 0 / 2) modulo 6 is the target
// version.
//
// Checked: no crash, hang or sanitizer report; a refused notebook says why; the masked text
// keeps the cell's lines; every analysis satisfies the invariants of fuzz_support.hpp; the
// script has one origin per line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "asynclift/notebook.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace asynclift;

// Lines as file_lines counts them: a line starts at 0 and after every LF, if any byte follows.
std::size_t lf_lines_of(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (i == 0 || text[i - 1] == '\n') ++n;
  return n;
}

// Line terminators: LF, CR LF and a lone CR each end one line.
std::size_t terminators_of(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) ++n;
  return n;
}

void check_masked(const masked_cell& m, std::string_view cell) {
  ASYNCLIFT_FUZZ_CHECK(m.original_size == cell.size(), "original_size is the cell's size");
  ASYNCLIFT_FUZZ_CHECK(m.line_shift.size() == m.line_starts.size(), "one shift per masked line");
  for (const masked_span& s : m.spans)
    ASYNCLIFT_FUZZ_CHECK(fuzz::range_inside(s.range, cell.size()), "masked span inside the cell");
  for (std::uint32_t off = 0; off <= m.text.size(); off += 1 + static_cast<std::uint32_t>(m.text.size() / 64))
    ASYNCLIFT_FUZZ_CHECK(m.original_offset(off) <= cell.size(), "original_offset maps into the cell");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const python_version target = fuzz::version_from(static_cast<std::uint8_t>(data[0] / 2));
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  static analyser an;

  if (data[0] & 1) {
    masked_cell m = mask_ipython(rest);
    check_masked(m, rest);
    analysis a = analyse_cell(an, rest, m, target, m.top_level_await);
    analyse_options ao;
    ao.target = target;
    ao.allow_top_level_await = m.top_level_await;
    if (m.kind != cell_kind::other) fuzz::check_analysis(a, ao);
    return 0;
  }

  std::string error;
  std::optional<notebook> nb = read_notebook(rest, error);
  if (!nb) {
    ASYNCLIFT_FUZZ_CHECK(!error.empty(), "a refused notebook says why");
    return 0;
  }
  ASYNCLIFT_FUZZ_CHECK(nb->cells.size() <= nb->cell_count, "code cells are among all cells");
  for (const notebook_cell& c : nb->cells) {
    const std::size_t lines = lf_lines_of(c.source);
    ASYNCLIFT_FUZZ_CHECK(c.file_lines.size() == lines,
                         "one file line per line of the cell");
  }
  notebook_options options;
  options.target = target;
  notebook_analysis na = analyse_notebook(an, *nb, options);
  ASYNCLIFT_FUZZ_CHECK(na.cells.size() == nb->cells.size() || !nb->is_python(), "every code cell is analysed");
  for (const cell_analysis& ca : na.cells) {
    if (ca.status != cell_status::checked) continue;
    analyse_options ao;
    ao.target = target;
    ao.allow_top_level_await = ca.top_level_await;
    fuzz::check_analysis(ca.result, ao);
  }
  notebook_script script = notebook_to_script(*nb);
  ASYNCLIFT_FUZZ_CHECK(script.origins.size() == terminators_of(script.source), "one origin per script line");
  return 0;
}
