// One Python script from a notebook's code cells (for `asynclift lift nb.ipynb`). Each cell keeps
// its lines, after IPython's own cleanup; each piece of IPython syntax becomes a comment that
// starts with ipython_comment_marker, so the script is plain Python with the same statements in
// the same order, and every line remembers the cell and line it came from.
#include <algorithm>

#include "asynclift/notebook.hpp"
#include "ipython_mask.hpp"

namespace asynclift {
namespace {

using sv = std::string_view;

sv without_terminator(sv line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

class script_writer {
 public:
  explicit script_writer(notebook_script& out) : out_(out) {}

  void line(std::string_view text, std::size_t cell, std::uint32_t cell_line, sv terminator = "\n") {
    out_.source.append(text);
    out_.source.append(terminator.empty() ? sv("\n") : terminator);
    out_.origins.push_back({cell, cell_line});
  }

  void commented(const notebook_cell& cell) {
    auto lines = detail::split_lines(cell.source);
    for (std::size_t j = 0; j < lines.size(); ++j)
      line(std::string(ipython_comment_marker) + std::string(without_terminator(lines[j])), cell.index,
           static_cast<std::uint32_t>(j + 1));
  }

  void python(const notebook_cell& cell, const masked_cell& m) {
    auto lines = detail::split_lines(cell.source);
    std::vector<std::string> text(lines.size());
    std::vector<sv> terminators(lines.size());
    for (std::size_t j = 0; j < lines.size(); ++j) {
      sv l = lines[j];
      terminators[j] = l.substr(without_terminator(l).size());
      sv body = without_terminator(l);
      text[j] = std::string(body.substr(std::min<std::size_t>(j < m.line_shift.size() ? m.line_shift[j] : 0, body.size())));
    }
    auto line_of = [&](std::uint32_t offset) {
      auto it = std::upper_bound(m.original_line_starts.begin(), m.original_line_starts.end(), offset);
      return static_cast<std::size_t>(it - m.original_line_starts.begin()) - 1;
    };
    for (const masked_span& s : m.spans) {
      std::size_t first = line_of(s.statement), last = line_of(s.range.end);
      if (first >= lines.size()) continue;
      last = std::min(last, lines.size() - 1);
      if (s.kind == ipython_construct::cell_magic) {
        sv original = sv(cell.source).substr(s.range.begin, s.range.end - s.range.begin);
        text[first] = std::string(ipython_comment_marker) + std::string(original);
        continue;
      }
      // The statement's text from its first token on, then its continuation lines.
      std::uint32_t col = s.statement - m.original_line_starts[first];
      sv original_first = without_terminator(lines[first]);
      std::size_t indent_end = m.line_shift[first];
      std::string indent(original_first.substr(indent_end, col > indent_end ? col - indent_end : 0));
      std::string head = indent + (indent.empty() ? "" : "pass  ") + std::string(ipython_comment_marker) +
                         std::string(original_first.substr(std::min<std::size_t>(col, original_first.size())));
      text[first] = head;
      for (std::size_t k = first + 1; k <= last; ++k)
        text[k] = indent + std::string(ipython_comment_marker) + text[k];
    }
    for (std::size_t j = 0; j < lines.size(); ++j)
      line(text[j], cell.index, static_cast<std::uint32_t>(j + 1), terminators[j]);
  }

 private:
  notebook_script& out_;
};


}  // namespace

notebook_script notebook_to_script(const notebook& nb) {
  notebook_script out;
  script_writer w(out);
  bool first = true;
  for (const notebook_cell& cell : nb.cells) {
    if (!first) w.line("", cell.index, 0);
    first = false;
    w.line("# %% [cell " + std::to_string(cell.index + 1) + "]", cell.index, 0);
    if (!nb.is_python() || !cell.is_python()) {
      w.commented(cell);
      continue;
    }
    masked_cell m = mask_ipython(cell.source);
    if (m.kind == cell_kind::other) w.commented(cell);
    else w.python(cell, m);
  }
  return out;
}

}  // namespace asynclift
