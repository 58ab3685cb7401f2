// Is the text an unfinished statement that more lines could complete? What a console asks
// before it shows a continuation prompt (CPython's codeop). The text is unfinished when, at its
// end, a bracket is still open, a triple-quoted string is still open, the last line ends with
// a backslash continuation, the last logical line is a block header (`…:`) or a decorator, or
// a `try:` block has no `except`/`finally` yet — and no parser error stands before that
// unfinished tail (an earlier error is an error now; errors of CPython's later phases do not
// count, since its parser stops at the unfinished input first).
#include <string>
#include <string_view>
#include <vector>

#include "analysis_parts.hpp"

namespace asynclift::detail {
namespace {

struct tail {
  unfinished_kind why = unfinished_kind::none;
  std::size_t begin = std::string_view::npos;  // where the unfinished part starts
};

bool starts_word(std::string_view t, std::size_t at, std::string_view word) {
  if (t.compare(at, word.size(), word) != 0) return false;
  std::size_t after = at + word.size();
  if (after >= t.size()) return true;
  char c = t[after];
  return !(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
}

tail unfinished_tail(std::string_view t) {
  struct open_try {
    std::size_t indent, line;
  };
  std::vector<std::size_t> brackets;  // offsets of open brackets
  std::vector<open_try> tries;        // `try:` headers still waiting for a handler
  std::size_t logical_start = 0;      // start of the current logical line
  std::size_t string_start = 0;
  char quote = 0;
  bool triple = false;
  char last = 0;                      // last significant character outside strings and comments
  std::size_t last_logical = std::string_view::npos;  // start of the last non-blank logical line
  bool at_line_start = true;
  std::size_t indent = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (quote) {
      if (c == '\\') {
        ++i;
      } else if (triple) {
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
      const bool continued = i > 0 && t[i - 1] == '\\';
      if (brackets.empty() && !continued) {
        logical_start = i + 1;
        at_line_start = true;
        indent = 0;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\f') {
      if (at_line_start) indent += c == '\t' ? 8 - indent % 8 : 1;
      continue;
    }
    if (at_line_start) {
      at_line_start = false;
      last_logical = logical_start;
      // A line at or left of an open `try:` ends its wait: a handler completes it, anything
      // else breaks it (an error, not unfinished input).
      while (!tries.empty() && indent <= tries.back().indent) tries.pop_back();
      if (starts_word(t, i, "try")) tries.push_back({indent, logical_start});
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
  if (quote && triple) return {unfinished_kind::string, logical_start <= string_start ? logical_start : string_start};
  if (!brackets.empty()) return {unfinished_kind::bracket, logical_start};
  if (last == '\\') return {unfinished_kind::continuation, logical_start};
  if (last_logical == std::string_view::npos) return {};
  if (last == ':' || t[last_logical] == '@') return {unfinished_kind::block, last_logical};
  if (!tries.empty()) return {unfinished_kind::block, tries.front().line};
  return {};
}

}  // namespace

unfinished_kind unfinished(const analysis& a) {
  if (!a.has_errors()) return unfinished_kind::none;
  const tail t = unfinished_tail(a.source.text());
  if (t.why == unfinished_kind::none) return t.why;
  for (const diagnostic& d : a.diagnostics)
    if (d.level == severity::error && d.phase == phase::parser && d.range.begin < t.begin)
      return unfinished_kind::none;
  return t.why;
}

}  // namespace asynclift::detail
