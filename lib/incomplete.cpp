// Is the text an unfinished statement that more lines could complete? What a console asks
// before it shows a continuation prompt (CPython's codeop). The text is unfinished when, at its
// end, a bracket is still open, a triple-quoted string is still open, the last line ends with
// a backslash continuation, or the last logical line is a block header (`…:`) or a decorator —
// and no error stands before that unfinished tail (an earlier error is an error now).
#include <string>
#include <string_view>
#include <vector>

#include "analysis_parts.hpp"

namespace asynclift::detail {
namespace {

// Where the unfinished tail starts, or npos when the text ends complete.
std::size_t unfinished_tail(std::string_view t) {
  std::vector<std::size_t> brackets;  // offsets of open brackets
  std::size_t line_start = 0;         // start of the current physical line
  std::size_t logical_start = 0;      // start of the current logical line
  std::size_t string_start = 0;
  char quote = 0;
  bool triple = false;
  bool continued = false;   // the last line ended with a backslash
  char last = 0;            // last significant character outside strings and comments
  std::size_t last_logical = std::string_view::npos;  // start of the last non-blank logical line
  bool at_line_start = true;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (quote) {
      if (c == '\\') {
        ++i;
        continue;
      }
      if (triple) {
        if (t.compare(i, 3, std::string(3, quote)) == 0) {
          quote = 0;
          i += 2;
          last = '"';
        }
      } else if (c == quote) {
        quote = 0;
        last = '"';
      } else if (c == '\n' || c == '\r') {
        quote = 0;  // an unterminated single-quoted string is an error, not unfinished
      }
      continue;
    }
    if (c == '#') {
      while (i + 1 < t.size() && t[i + 1] != '\n' && t[i + 1] != '\r') ++i;
      continue;
    }
    if (c == '\n' || c == '\r') {
      continued = i > 0 && t[i - 1] == '\\';
      line_start = i + 1;
      if (brackets.empty() && !continued) {
        logical_start = line_start;
        at_line_start = true;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\f') continue;
    if (at_line_start) {
      last_logical = logical_start;
      at_line_start = false;
    }
    if (c == '\\') {
      last = c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      string_start = i;
      triple = t.compare(i, 3, std::string(3, c)) == 0;
      if (triple) i += 2;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') brackets.push_back(i);
    if ((c == ')' || c == ']' || c == '}') && !brackets.empty()) brackets.pop_back();
    last = c;
  }
  (void)line_start;
  if (quote && triple) return logical_start <= string_start ? logical_start : string_start;
  if (!brackets.empty()) return logical_start;
  if (last == '\\') return logical_start;
  if (last_logical == std::string_view::npos) return std::string_view::npos;
  if (last == ':') return last_logical;
  if (t[last_logical] == '@') return last_logical;
  return std::string_view::npos;
}

}  // namespace

bool input_incomplete(const analysis& a) {
  if (!a.has_errors()) return false;
  const std::size_t tail = unfinished_tail(a.source.text());
  if (tail == std::string_view::npos) return false;
  for (const diagnostic& d : a.diagnostics)
    if (d.level == severity::error && d.range.begin < tail && !d.unpositioned) return false;
  return true;
}

}  // namespace asynclift::detail
