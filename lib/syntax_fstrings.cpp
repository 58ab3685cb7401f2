// The token pass, f-strings. Before 3.12 an f-string is one STRING token and CPython parses
// its inside afterwards (string_parser.c): no backslash or '#' in an expression part, format
// specs nested at most twice, conversions `!s`, `!r`, `!a`. Since 3.12 (PEP 701) the tokenizer
// itself enters the replacement fields, nested quotes of any kind are allowed, and the parser
// checks the shape `{expr [=] [!conv] [:spec]}`, which is followed here token by token. Part
// of the lexer of syntax_lexer.cpp.
#include "syntax_lexer_impl.hpp"

namespace asynclift::detail::lexing {

bool lexer::legacy_fstring(std::uint32_t start, std::uint32_t b, std::uint32_t e, bool raw) {
  fs_start_ = start;
  fs_end_ = p_;
  std::uint32_t s = b;
  return legacy_parse(s, e, raw, 0);
}

bool lexer::legacy_fail(msg id, std::uint32_t at, std::string_view arg, std::string_view arg2) {
  // 3.8 points at the string, 3.9-3.11 at its end (the parser has moved past it).
  (void)at;
  std::uint32_t pos = minor_ < 9 ? fs_start_ : fs_end_ - 1;
  defer(id, pos, pos + 1, arg, arg2);
  return false;
}

// fstring_find_literal_and_expr in a loop; a format spec is parsed at recurse_lvl + 1.
bool lexer::legacy_parse(std::uint32_t& s, std::uint32_t end, bool raw, int lvl) {
  for (;;) {
    // The literal part (its escapes are decoded piece by piece).
    std::uint32_t pos = 0;
    while (s < end) {
      if (!raw && t_[s] == '\\' && s + 1 < end) {
        std::uint32_t before = s;
        if (!escape(fs_start_, s, end, pos, false)) return false;
        if (t_[before + 1] == 'N') continue;  // \N{...}: its braces are no field
        char ch = t_[s - 1];
        if (ch != '{' && ch != '}') continue;
        --s;  // `\{` is a backslash, then a brace
        --pos;
      }
      char ch = t_[s];
      skip_char(s, end, pos, false);
      if (ch == '{' || ch == '}') {
        if (lvl == 0) {
          if (s < end && t_[s] == ch) {
            ++s;
            pos = 0;
            continue;
          }
          if (ch == '}') return legacy_fail(msg::fstring_single_brace, s - 1);
        }
        --s;
        break;
      }
    }
    if (s >= end || t_[s] == '}') return true;
    if (!legacy_expr(s, end, raw, lvl)) return false;
  }
}

// fstring_find_expr: s is at '{'.
bool lexer::legacy_expr(std::uint32_t& s, std::uint32_t end, bool raw, int lvl) {
  if (lvl >= 2) return legacy_fail(msg::fstring_nested_too_deeply, s);
  ++s;
  std::uint32_t expr_start = s;
  char quote = 0;
  int string_type = 0, depth = 0;
  char stack[max_level];
  for (; s < end; ++s) {
    char ch = t_[s];
    if (ch == '\\') return legacy_fail(msg::fstring_backslash, s);
    if (quote) {
      if (ch == quote) {
        if (string_type == 3) {
          if (s + 2 < end && t_[s + 1] == ch && t_[s + 2] == ch) {
            s += 2;
            string_type = 0;
            quote = 0;
          }
        } else {
          string_type = 0;
          quote = 0;
        }
      }
      continue;
    }
    if (ch == '\'' || ch == '"') {
      if (s + 2 < end && t_[s + 1] == ch && t_[s + 2] == ch) {
        string_type = 3;
        s += 2;
      } else {
        string_type = 1;
      }
      quote = ch;
    } else if (ch == '[' || ch == '{' || ch == '(') {
      if (depth >= max_level) return legacy_fail(msg::fstring_too_many_parens, s);
      stack[depth++] = ch;
    } else if (ch == '#') {
      return legacy_fail(msg::fstring_hash, s);
    } else if (depth == 0 && (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
      if (s + 1 < end) {
        char next = t_[s + 1];
        if (next == '=' && (ch == '!' || ch == '=' || ch == '<' || ch == '>')) {
          ++s;
          continue;
        }
        if (ch == '>' || ch == '<') continue;
      }
      break;
    } else if (ch == ']' || ch == '}' || ch == ')') {
      if (depth == 0) return legacy_fail(msg::fstring_unmatched, s, std::string_view(&t_[s], 1));
      char open = stack[--depth];
      if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') || (open == '{' && ch == '}')))
        return legacy_fail(msg::fstring_paren_mismatch, s, std::string_view(&t_[s], 1),
                           std::string_view(&stack[depth], 1));
    }
  }
  std::uint32_t expr_end = s;
  if (quote) return legacy_fail(msg::fstring_unterminated_string, s);
  if (depth) return legacy_fail(msg::fstring_unmatched, s, std::string_view(&stack[depth - 1], 1));
  if (s >= end) return legacy_fail(msg::fstring_expecting_brace, s);
  std::uint32_t first = expr_start;
  while (first < expr_end && (t_[first] == ' ' || t_[first] == '\t' || t_[first] == '\f' ||
                              is_newline(static_cast<unsigned char>(t_[first]))))
    ++first;
  if (first == expr_end) {
    char term = t_[s];
    if (term == '}') return legacy_fail(msg::fstring_empty, s);
    return legacy_fail(msg::fstring_empty_before, s, std::string_view(&t_[s], 1));
  }
  if (t_[s] == ':' && expr_end - first >= 6 && t_.substr(first, 6) == "lambda" &&
      (expr_end - first == 6 || !ident_char(static_cast<unsigned char>(t_[first + 6]))))
    return legacy_fail(msg::fstring_lambda, first);
  if (t_[s] == '=') {
    ++s;
    while (s < end && (t_[s] == ' ' || t_[s] == '\t' || t_[s] == '\f' || is_newline(static_cast<unsigned char>(t_[s])))) ++s;
  }
  if (s < end && t_[s] == '!') {
    ++s;
    if (s >= end) return legacy_fail(msg::fstring_expecting_brace, s);
    char conversion = t_[s++];
    if (conversion != 's' && conversion != 'r' && conversion != 'a')
      return legacy_fail(msg::fstring_invalid_conversion, s - 1);
  }
  if (s >= end) return legacy_fail(msg::fstring_expecting_brace, s);
  if (t_[s] == ':') {
    ++s;
    if (s >= end) return legacy_fail(msg::fstring_expecting_brace, s);
    if (!legacy_parse(s, end, raw, lvl + 1)) return false;
  }
  if (s >= end || t_[s] != '}') return legacy_fail(msg::fstring_expecting_brace, s);
  ++s;
  return true;
}

bool lexer::fstring_start(std::uint32_t start, char q, std::uint8_t size, bool raw) {
  if (mode_ + 1 >= max_fstring_level)
    return fail(msg::too_many_nested_fstrings, start, p_), false;
  if (!glued(p_)) return false;
  field_token(start, p_ + size, true);  // a nested f-string is part of an outer expression
  note_token(start, p_ + size, false, tok::string);
  p_ += size;
  fstring_mode& m = modes_[++mode_];
  m = fstring_mode{};
  m.quote = q;
  m.quote_size = size;
  m.raw = raw;
  m.start = start;
  m.start_line = line_;
  return true;
}

// tok_get_fstring_mode: literal text or a format spec, up to a replacement field or the end.
void lexer::fstring_literal() {
  fstring_mode& m = modes_[mode_];
  if (peek() == '{' && peek(1) != '{') {
    open_field(m);
    return;
  }
  // The end of the f-string?
  bool at_end = true;
  for (std::uint32_t i = 0; i < m.quote_size; ++i)
    if (peek(i) != static_cast<unsigned char>(m.quote)) at_end = false;
  if (at_end) {
    if (m.expr_start_depth >= 0) {
      fail(msg::fstring_expecting_format_spec, p_, p_ + m.quote_size);
      return;
    }
    std::uint32_t start = p_;
    p_ += m.quote_size;
    --mode_;
    note_token(start, p_, false, tok::string);  // FSTRING_END
    return;
  }
  bool unicode_escape = false;
  int end_quotes = 0;
  std::uint32_t pos = 0;  // in the codec's input, for escape errors
  while (end_quotes != m.quote_size) {
    int c = peek();
    bool in_spec = m.in_format_spec && m.expr_start_depth >= 0;
    if (c == eof || (m.quote_size == 1 && is_newline(c))) {
      if (in_spec && c != eof) {  // a newline ends a single-quoted format spec
        m.literal = false;
        m.in_format_spec = false;
        return;
      }
      unterminated(m.start, m.quote, m.quote_size, false, true);
      return;
    }
    if (is_newline(c)) {
      consume_newline();
      end_quotes = 0;
      continue;
    }
    ++p_;
    pos += c < 0x80 ? 1 : c >= 0xC0 ? 10 : 0;
    if (c == static_cast<unsigned char>(m.quote)) {
      ++end_quotes;
      continue;
    }
    end_quotes = 0;
    if (c == '{') {
      if (peek() != '{' || in_spec) {
        --p_;
        open_field(m);
        return;
      }
      ++p_;
    } else if (c == '}') {
      if (unicode_escape) {
        unicode_escape = false;
        continue;
      }
      if (peek() == '}' && !in_spec && m.curly_depth == 0) {
        ++p_;
      } else {
        --p_;
        m.literal = false;
        m.in_format_spec = false;
        return;
      }
    } else if (c == '\\') {
      int d = peek();
      if (d == '{' || d == '}') continue;
      if (d == eof) continue;
      if (is_newline(d)) {
        consume_newline();
        continue;
      }
      if (m.raw) {
        ++p_;
        continue;
      }
      // The escape, within this line and before the closing quote.
      std::uint32_t bound = p_ + 1;  // past the escaped character (it may be a quote)
      while (bound < n_ && !is_newline(static_cast<unsigned char>(t_[bound])) &&
             t_[bound] != m.quote)
        ++bound;
      std::uint32_t i = p_ - 1;
      --pos;
      if (d == 'N' && peek(1) == '{') {
        std::uint32_t j = p_ + 2;
        while (j < bound && t_[j] != '}') ++j;
        if (j >= bound) {  // the '}' that ends the f-string's part ends the name
          p_ += 2;
          pos += 3;
          unicode_escape = true;
          continue;
        }
      }
      escape(m.start, i, bound, pos, false);
      p_ = i;
    }
  }
  p_ -= m.quote_size;  // the closing quotes are read by the next call
}

void lexer::open_field(fstring_mode& m) {
  ++m.expr_start_depth;
  if (m.expr_start_depth >= max_expr_nesting) {
    fail(msg::fstring_nested_too_deeply, p_, p_ + 1);
    return;
  }
  m.fields[m.expr_start_depth] = replacement_field{};
  m.literal = false;
  m.in_format_spec = false;
  // The '{' itself is read by normal_token() as a bracket.
  std::uint32_t start = p_;
  if (level_ >= max_level) {
    fail(msg::too_many_parens, start, start + 1);
    return;
  }
  parens_[level_++] = {'{', start, line_};
  ++p_;
  ++m.curly_depth;
  note_token(start, p_, false, tok::open);
}

// The shape of a replacement field, token by token (3.12+; before that string_parser.c
// checked it, see legacy_expr). `name` is set for NAME tokens.
void lexer::field_token(std::uint32_t begin, std::uint32_t end, bool is_string,
                 std::string_view name) {
  if (mode_ == 0 || failed_) return;
  fstring_mode& m = modes_[mode_];
  if (m.literal || m.expr_start_depth < 0) return;
  replacement_field& f = m.fields[m.expr_start_depth];
  bool top = m.curly_depth - 1 == m.expr_start_depth;
  char c = end - begin == 1 && !is_string ? t_[begin] : '\0';
  switch (f.ph) {
    case phase::expression:
      if (!top) {
        ++f.tokens;
        return;
      }
      if (c == '=' || c == '!' || c == ':') {
        if (f.tokens == 0) return void(fail(msg::fstring_empty_before, begin, end, std::string_view(&t_[begin], 1)));
        if (c == ':' && f.lambda) return void(fail(msg::fstring_lambda, begin, end));
        f.ph = c == '=' ? phase::after_debug : c == '!' ? phase::conversion : phase::spec;
        f.bang_end = end;
        return;
      }
      if (f.tokens == 0 && !is_string && !can_start_expression(t_.substr(begin, end - begin), !name.empty()))
        return void(fail(msg::fstring_expecting_expression, begin, end));
      if (name == "lambda") f.lambda = true;
      ++f.tokens;
      return;
    case phase::after_debug:
      if (c == '!') {
        f.ph = phase::conversion;
        f.bang_end = end;
      } else if (c == ':') {
        f.ph = phase::spec;
      } else {
        fail(msg::fstring_expecting_after_debug, begin, end);
      }
      return;
    case phase::conversion:
      if (c == ':' || c == '}') return void(fail(msg::fstring_missing_conversion, begin, end));
      if (name.empty()) return void(fail(msg::fstring_conversion_not_name, begin, end));
      if (begin != f.bang_end) return void(fail(msg::fstring_conversion_space, begin, end));
      if (name != "s" && name != "r" && name != "a")
        return void(fail(msg::fstring_invalid_conversion, begin, end, name));
      f.ph = phase::after_conversion;
      return;
    case phase::after_conversion:
      if (c == ':') f.ph = phase::spec;
      else fail(msg::fstring_expecting_after_conversion, begin, end);
      return;
    case phase::spec:
      if (top) fail(msg::fstring_expecting_format_spec, begin, end);
      return;
  }
}

// Whether a token may begin an expression (annotated_rhs): `f'{.}'` cannot.
bool lexer::can_start_expression(std::string_view s, bool name) {
  if (name) {
    static constexpr std::string_view no[] = {"in", "is", "and", "or", "if", "else", "for", "as",
                                              "from", "import", "elif", "except", "finally",
                                              "with", "while", "def", "class", "return",
                                              "pass", "break", "continue", "del", "global",
                                              "nonlocal", "raise", "try", "assert"};
    for (std::string_view w : no)
      if (s == w) return false;
    return true;
  }
  if (s.empty()) return true;
  char c = s[0];
  if (c == '(' || c == '[' || c == '{' || c == '\'' || c == '"' || is_digit(static_cast<unsigned char>(c)))
    return true;
  if (s == "-" || s == "+" || s == "~" || s == "*" || s == "..." || s == "**") return s != "**";
  return c == '.' && s.size() > 1 && is_digit(static_cast<unsigned char>(s[1]));
}

// The '}' that closes a replacement field (3.12+).
bool lexer::close_field(std::uint32_t at) {
  fstring_mode& m = modes_[mode_];
  replacement_field& f = m.fields[m.expr_start_depth];
  if (f.ph == phase::expression && f.tokens == 0) return fail(msg::fstring_empty, at, at + 1), false;
  if (f.ph == phase::conversion) return fail(msg::fstring_missing_conversion, at, at + 1), false;
  return true;
}

}  // namespace asynclift::detail::lexing
