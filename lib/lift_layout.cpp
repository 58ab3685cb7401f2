// Which lines start a logical line. A small scan of the text, in the manner of CPython's
// tokenizer: it counts brackets, skips comments, notes backslash continuations, and jumps
// over string literals, whose extents come from the tree (so that f-strings with nested
// quotes, which the 3.12 tokenizer accepts, need no tokenizer of their own here).
#include "lift_layout.hpp"

#include <algorithm>

#include "syntax_tree.hpp"

namespace asynclift::detail {
namespace {

struct span {
  std::uint32_t begin, end;
};

// Every string literal's extent, in order (strings nested in f-strings are inside these).
std::vector<span> string_spans(TSNode root) {
  std::vector<span> out;
  const grammar& g = grammar::get();
  TSTreeCursor c = ts_tree_cursor_new(root);
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    bool descend = true;
    if (g.kind_of(n) == kind::string) {
      out.push_back({ts_node_start_byte(n), ts_node_end_byte(n)});
      descend = false;
    }
    if (descend && ts_tree_cursor_goto_first_child(&c)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (!ts_tree_cursor_goto_parent(&c)) {
        ts_tree_cursor_delete(&c);
        return out;
      }
    }
  }
}

bool is_eol(char c) { return c == '\n' || c == '\r'; }

std::uint32_t skip_newline(std::string_view t, std::uint32_t i) {
  if (t[i] == '\r' && i + 1 < t.size() && t[i + 1] == '\n') return i + 2;
  return i + 1;
}

}  // namespace

std::uint32_t next_line_start(std::string_view text, std::uint32_t at) noexcept {
  std::uint32_t i = at;
  while (i < text.size() && !is_eol(text[i])) ++i;
  return i < text.size() ? skip_newline(text, i) : static_cast<std::uint32_t>(text.size());
}

line_layout scan_lines(std::string_view text, TSNode root, std::uint32_t from) {
  line_layout out;
  if (std::size_t nl = text.find_first_of("\r\n"); nl != std::string_view::npos)
    out.newline = text[nl] == '\r' ? (nl + 1 < text.size() && text[nl + 1] == '\n' ? "\r\n" : "\r") : "\n";

  const std::vector<span> strings = string_spans(root);
  auto next_string = std::lower_bound(strings.begin(), strings.end(), from,
                                      [](const span& s, std::uint32_t at) { return s.begin < at; });
  const auto n = static_cast<std::uint32_t>(text.size());
  int depth = 0;
  auto line_start = [&](std::uint32_t p) {
    if (depth > 0) return;
    std::uint32_t q = p, after_ff = p;
    while (q < n && (text[q] == ' ' || text[q] == '\t' || text[q] == '\f')) {
      if (text[q] == '\f') after_ff = q + 1;
      ++q;
    }
    if (q == n || is_eol(text[q])) return;  // blank line
    for (std::uint32_t k = after_ff; k < q; ++k)
      if (text[k] == '\t') out.tabs = true;
    out.indent_at.push_back(after_ff);
  };

  std::uint32_t i = from;
  while (i < n) {
    while (next_string != strings.end() && next_string->end <= i) ++next_string;
    if (next_string != strings.end() && next_string->begin == i) {
      i = next_string->end;
      continue;
    }
    char c = text[i];
    if (c == '#') {
      while (i < n && !is_eol(text[i])) ++i;
      continue;
    }
    if (is_eol(c)) {
      i = skip_newline(text, i);
      line_start(i);
      continue;
    }
    if (c == '\\' && i + 1 < n && is_eol(text[i + 1])) {
      i = skip_newline(text, i + 1);  // the next line continues this one
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
    ++i;
  }
  return out;
}

}  // namespace asynclift::detail
