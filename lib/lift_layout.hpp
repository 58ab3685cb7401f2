// The physical layout of the source, as the lift needs it (internal): its line terminator,
// and which lines start a logical line — those, and only those, get the wrapper's extra
// indentation. Lines inside a multi-line string, inside brackets or after a backslash
// continuation are left alone, so no string's content changes.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace asynclift::detail {

struct line_layout {
  std::string newline = "\n";  // the first line terminator of the text: \n, \r\n or \r
  // Offsets where the extra indentation of a logical line goes: the start of each non-blank
  // line after `from` that starts a logical line (comment lines included), or just after its
  // last leading form feed, since CPython's tokenizer restarts the column count there.
  std::vector<std::uint32_t> indent_at;
  // Some of those lines are indented with tabs: the extra indentation must then be a tab
  // (a width of 8 columns keeps CPython's tab/space consistency rules intact).
  bool tabs = false;
};

// `from` is the start of a statement at module level (bracket depth 0).
line_layout scan_lines(std::string_view text, TSNode root, std::uint32_t from);

// The offset just after the line terminator at or after `at`, or text.size().
std::uint32_t next_line_start(std::string_view text, std::uint32_t at) noexcept;

}  // namespace asynclift::detail
