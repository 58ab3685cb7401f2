// IPython masking internals: a tokenizer that reproduces what Python 3.11's pure-Python
// `tokenize.generate_tokens` yields (the module IPython's input transformer runs), including its
// ERRORTOKENs for `!`, `?` and stray characters, grouped into logical lines as IPython's
// `make_tokens_by_line` groups them.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace asynclift::detail {

enum class py_token : unsigned char {
  name, number, string, op, errortoken, comment, nl, newline, indent, dedent, endmarker
};

struct ipy_token {
  py_token type;
  std::uint32_t line;       // 0-based physical line
  std::uint32_t col;        // byte column in that line
  std::uint32_t end_line;
  std::uint32_t end_col;
  std::string_view text;    // the token's text (empty for DEDENT and ENDMARKER)
};

// Physical lines of a text: each element is one line including its terminator (\n, \r\n or \r).
std::vector<std::string_view> split_lines(std::string_view text);

// Where the tokenizer stands at the start of a logical line: enough to resume there.
struct tokenizer_state {
  std::uint32_t line = 0;                  // 0-based physical line
  std::vector<std::uint32_t> indents{0};   // tokenize's indentation stack
  int parenlev = 0;                        // tokenize's bracket depth (may be negative)
  int group_parens = 0;                    // make_tokens_by_line's own depth (never negative)
};

// Tokenizes lazily, one logical line at a time, from the start or from a saved state (the text
// before it must be unchanged), so a caller that stops at the first line it needs pays only for
// the lines up to it.
class ipy_tokenizer {
 public:
  explicit ipy_tokenizer(const std::vector<std::string_view>& lines, tokenizer_state start = {});
  ~ipy_tokenizer();
  ipy_tokenizer(const ipy_tokenizer&) = delete;
  ipy_tokenizer& operator=(const ipy_tokenizer&) = delete;

  // The next logical line's tokens and the state at its start; false at the end.
  bool next(std::vector<ipy_token>& group, tokenizer_state& at);

 private:
  class impl;
  std::unique_ptr<impl> impl_;
};

// The tokens of `lines`, grouped by logical line. Tokenizing stops, keeping what it has, where
// Python's tokenize raises (end of input inside a string or bracket, a dedent to no known
// indentation level). A final line without a terminator is tokenized as if it had one.
std::vector<std::vector<ipy_token>> tokens_by_line(const std::vector<std::string_view>& lines);

// True for the characters Python's `str.isspace` accepts that can appear in a cell (ASCII).
bool is_py_space(char c) noexcept;

}  // namespace asynclift::detail
