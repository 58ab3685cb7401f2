// Text edits for the lift (internal), in the style of Ruff's fixes: the lifted source is the
// original text with a set of non-overlapping edits applied, so that everything no edit
// touches (comments, formatting, string literals) survives byte for byte.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace asynclift::detail {

// Replace [begin, end) by `text`; begin == end is an insertion.
struct edit {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string text;
  // Order of insertions at the same offset: lower first. Insertions at an offset come before
  // a replacement that starts there.
  int rank = 0;
};

// Insertion ranks, in the order they must appear at one offset.
enum : int {
  rank_header = 0,   // the wrapper header, before the first statement's line
  rank_indent = 1,   // the extra indentation of a logical line
  rank_close = 2,    // the end of a construct that ends here
  rank_open = 3,     // the start of a construct that starts here
  rank_trailer = 4,  // what follows the wrapper, at the end of the text
};

class edit_list {
 public:
  void insert(std::uint32_t at, std::string text, int rank) {
    edits_.push_back({at, at, std::move(text), rank});
  }
  void replace(std::uint32_t begin, std::uint32_t end, std::string text) {
    edits_.push_back({begin, end, std::move(text), rank_open});
  }
  // The text with every edit applied. Throws std::logic_error when two replacements
  // overlap (a bug in the lift, never a property of the input).
  std::string apply(std::string_view text) const;

 private:
  std::vector<edit> edits_;
};

// Number of line breaks (\n, \r\n, lone \r) in `s`.
std::uint32_t count_newlines(std::string_view s) noexcept;

}  // namespace asynclift::detail
