// The token pass, literals: numbers and strings as CPython's tokenizer reads them (underscores,
// digits of each base, `0777`, a letter glued to a number; quotes, prefixes, unterminated
// strings, non-ASCII bytes) and the escape sequences its codecs reject. Part of the lexer
// of syntax_lexer.cpp.
#include "syntax_lexer_impl.hpp"

namespace asynclift::detail::lexing {

// verify_end_of_number (3.10+): a letter glued to a number is an error, except the keywords
// that may follow one in valid code (`1if x else y`, deprecated).
bool lexer::end_of_number(std::uint32_t start, const char* kind) {
  int c = peek();
  if (minor_ < 10) return glued_name(start);
  auto follows = [&](std::string_view rest) {
    for (std::uint32_t i = 0; i < rest.size(); ++i)
      if (peek(1 + i) != static_cast<unsigned char>(rest[i])) return false;
    return !ident_char(peek(1 + static_cast<std::uint32_t>(rest.size())));
  };
  bool keyword = false;
  if (c == 'a') keyword = follows("nd");
  else if (c == 'e') keyword = follows("lse");
  else if (c == 'f') keyword = follows("or");
  else if (c == 'i') keyword = peek(1) == 'f' || peek(1) == 'n' || peek(1) == 's';
  else if (c == 'o') keyword = follows("r");
  else if (c == 'n') keyword = follows("ot");
  if (!keyword && c != eof && (minor_ == 10 ? ident_char(c) : c < 128 && ident_char(c)))
    return fail(msg::invalid_number, start, p_ + 1, kind, {}, false), false;
  return true;
}

// Before 3.10 a letter after a number starts a NAME; the parser accepts only a keyword there.
bool lexer::glued_name(std::uint32_t) {
  int c = peek();
  if (c == eof || !ident_start(c) || c >= 128) return true;
  std::uint32_t b = p_, e = p_;
  while (e < n_ && ident_char(static_cast<unsigned char>(t_[e]))) ++e;
  if (is_keyword(t_.substr(b, e - b))) return true;
  return fail(msg::invalid_syntax, b, e, {}, {}, false), false;
}

bool lexer::decimal_tail(std::uint32_t start) {
  for (;;) {
    while (is_digit(peek())) ++p_;
    if (peek() != '_') return true;
    ++p_;
    if (!is_digit(peek())) return fail(msg::invalid_number, start, p_, "decimal", {}, false), false;
  }
}

bool lexer::number_token(std::uint32_t start) {
  field_token(start, p_, false);
  note_token(start, p_, false, tok::number);
  return true;
}

bool lexer::number(std::uint32_t start) {
  if (peek() == '0') {
    ++p_;
    int c = peek();
    if (c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B') {
      ++p_;
      int base = (c | 0x20) == 'x' ? 16 : (c | 0x20) == 'o' ? 8 : 2;
      const char* kind = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
      auto in_base = [&](int d) {
        return base == 16 ? is_xdigit(d) : base == 8 ? d >= '0' && d < '8' : d == '0' || d == '1';
      };
      do {
        if (peek() == '_') ++p_;
        int d = peek();
        if (!in_base(d)) {
          if (base != 16 && is_digit(d)) {
            char digit = static_cast<char>(d);
            return fail(msg::invalid_digit, p_, p_ + 1, std::string_view(&digit, 1), kind, false), false;
          }
          return fail(msg::invalid_number, start, p_, kind, {}, false), false;
        }
        while (in_base(peek())) ++p_;
      } while (peek() == '_');
      if (base != 16 && is_digit(peek())) {
        char digit = static_cast<char>(peek());
        return fail(msg::invalid_digit, p_, p_ + 1, std::string_view(&digit, 1), kind, false), false;
      }
      if (!end_of_number(start, kind)) return false;
      return number_token(start);
    }
    bool nonzero = false;
    for (;;) {
      if (peek() == '_') {
        ++p_;
        if (!is_digit(peek())) return fail(msg::invalid_number, start, p_, "decimal", {}, false), false;
      }
      if (peek() != '0') break;
      ++p_;
    }
    std::uint32_t zeros_end = p_;
    if (is_digit(peek())) {
      nonzero = true;
      if (!decimal_tail(start)) return false;
    }
    c = peek();
    if (c == '.') {
      ++p_;
      return number_fraction(start);
    }
    if (c == 'e' || c == 'E') return number_exponent(start);
    if (c == 'j' || c == 'J') return number_imaginary(start);
    if (nonzero) return fail(msg::leading_zeros, start, zeros_end, {}, {}, false), false;
    if (!end_of_number(start, "decimal")) return false;
    return number_token(start);
  }
  if (!decimal_tail(start)) return false;
  if (peek() == '.') {
    ++p_;
    return number_fraction(start);
  }
  return number_after_fraction(start);
}

// After the '.' of a number.
bool lexer::number_fraction(std::uint32_t start) {
  if (is_digit(peek()) && !decimal_tail(start)) return false;
  return number_after_fraction(start);
}

bool lexer::number_after_fraction(std::uint32_t start) {
  int c = peek();
  if (c == 'e' || c == 'E') return number_exponent(start);
  if (c == 'j' || c == 'J') return number_imaginary(start);
  if (!end_of_number(start, "decimal")) return false;
  return number_token(start);
}

bool lexer::number_exponent(std::uint32_t start) {
  std::uint32_t e = p_;
  ++p_;
  int c = peek();
  if (c == '+' || c == '-') {
    ++p_;
    if (!is_digit(peek())) return fail(msg::invalid_number, start, p_, "decimal", {}, false), false;
  } else if (!is_digit(c)) {
    // `1e` is the number 1 followed by whatever `e...` is.
    p_ = e;
    if (minor_ >= 10) {
      if (!end_of_number(start, "decimal")) return false;
    } else if (!glued_name(start)) {
      return false;
    }
    return number_token(start);
  }
  if (!decimal_tail(start)) return false;
  c = peek();
  if (c == 'j' || c == 'J') return number_imaginary(start);
  if (!end_of_number(start, "decimal")) return false;
  return number_token(start);
}

bool lexer::number_imaginary(std::uint32_t start) {
  ++p_;
  if (!end_of_number(start, "imaginary")) return false;
  return number_token(start);
}

// A string literal; `quote` is the offset of its first quote character.
bool lexer::string(std::uint32_t start, std::uint32_t quote, bool bytes, bool raw, bool fstring) {
  p_ = quote;
  char q = t_[p_];
  std::uint8_t size = 1;
  if (peek(1) == q && peek(2) == q) size = 3;
  if (fstring && minor_ >= 12) return fstring_start(start, q, size, raw);
  p_ += size;
  std::uint32_t body = p_;
  if (size == 1 && peek() == q) {  // ''
    ++p_;
    return string_token(start, body, body, bytes, raw, fstring);
  }
  bool escaped_quote = false;
  int end_quotes = 0;
  while (end_quotes != size) {
    int c = peek();
    if (c == eof || (size == 1 && is_newline(c))) return unterminated(start, q, size, escaped_quote, false);
    if (is_newline(c)) {
      consume_newline();
      end_quotes = 0;
      continue;
    }
    ++p_;
    if (c == q) {
      ++end_quotes;
      continue;
    }
    end_quotes = 0;
    if (c == '\\') {
      int d = peek();
      if (d == eof) continue;
      if (d == q) escaped_quote = true;
      if (is_newline(d)) consume_newline();
      else ++p_;
    }
  }
  return string_token(start, body, p_ - size, bytes, raw, fstring);
}

bool lexer::unterminated(std::uint32_t start, char quote, std::uint8_t size, bool escaped_quote,
                  bool fstring) {
  // Inside a 3.12+ replacement field, a string that runs into the f-string's own closing
  // quote means the field was never closed.
  if (!fstring && mode_ > 0 && modes_[mode_].quote == quote && modes_[mode_].quote_size == size)
    return fail(msg::fstring_expecting_brace, start, start + 1), false;
  // The line where the end was met; at the end of the text CPython is still on the last line.
  std::uint32_t at = line_;
  if (p_ >= n_ && n_ > 0 && is_newline(static_cast<unsigned char>(t_[n_ - 1])) && at > 1) --at;
  std::string detected = std::to_string(at);
  msg id = fstring ? (size == 3 ? msg::unterminated_triple_fstring : msg::unterminated_fstring)
           : size == 3   ? msg::unterminated_triple_string
           : escaped_quote ? msg::unterminated_string_escaped_quote
                           : msg::unterminated_string;
  fail(id, start, start + 1, detected);
  return false;
}

bool lexer::string_token(std::uint32_t start, std::uint32_t body, std::uint32_t body_end, bool bytes,
                  bool raw, bool fstring) {
  if (!glued(start)) return false;
  if (bytes) {
    for (std::uint32_t i = body; i < body_end; ++i)
      if (static_cast<unsigned char>(t_[i]) >= 0x80) {
        defer(msg::bytes_non_ascii, start, p_);
        break;
      }
  }
  if (!raw && !fstring) escapes(start, body, body_end, bytes);
  if (fstring) legacy_fstring(start, body, body_end, raw);
  field_token(start, p_, true);
  note_token(start, p_, false, tok::string);
  return true;
}

// Escape sequences CPython's codecs reject (unicode_escape for str, escape_decode for
// bytes). Positions count as the codec sees its input: CPython first turns every non-ASCII
// character into `\U%08x` (10 bytes) and a backslash before one into `\u005c`. Unknown
// `\N{...}` names are not checked: ICU lacks the control and abbreviation aliases of
// NameAliases.txt that CPython accepts.
void lexer::escapes(std::uint32_t start, std::uint32_t b, std::uint32_t e, bool bytes) {
  std::uint32_t pos = 0;  // position in the codec's input
  for (std::uint32_t i = b; i < e;) {
    if (t_[i] == '\\') {
      if (!escape(start, i, e, pos, bytes)) return;
    } else {
      skip_char(i, e, pos, bytes);
    }
  }
}

void lexer::skip_char(std::uint32_t& i, std::uint32_t e, std::uint32_t& pos, bool bytes) {
  if (static_cast<unsigned char>(t_[i]) >= 0x80 && !bytes) {
    pos += 10;
    i += decode_utf8(t_.substr(i, e - i)).second;
  } else {
    ++pos;
    ++i;
  }
}

// The escape sequence at t_[i] == '\\'; false (after deferring CPython's error) when the
// codec rejects it.
bool lexer::escape(std::uint32_t start, std::uint32_t& i, std::uint32_t e, std::uint32_t& pos, bool bytes) {
  std::uint32_t at = pos;
  // 3.9-3.11 point at the end of the string, the others at its start.
  std::uint32_t where = minor_ >= 9 && minor_ <= 11 && p_ > start ? p_ - 1 : start;
  auto fail_range = [&](std::uint32_t last, const char* what) {
    defer(msg::unicode_escape, where, where + 1,
          "position " + std::to_string(at) + "-" + std::to_string(last) + ": " + what);
    return false;
  };
  if (i + 1 >= e) {
    ++i;
    ++pos;
    return true;
  }
  unsigned char d = static_cast<unsigned char>(t_[i + 1]);
  if (d >= 0x80) {  // a backslash before a non-ASCII character is no escape
    pos += bytes ? 1 : 6;
    ++i;
    return true;
  }
  i += 2;
  pos += 2;
  int digits = d == 'x' ? 2 : (d == 'u' && !bytes) ? 4 : (d == 'U' && !bytes) ? 8 : 0;
  if (digits > 0) {
    std::uint32_t value = 0;
    int n = 0;
    while (n < digits && i < e && is_xdigit(static_cast<unsigned char>(t_[i]))) {
      char h = t_[i];
      value = value * 16 + static_cast<std::uint32_t>(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
      ++n;
      ++i;
      ++pos;
    }
    if (n < digits) {
      if (bytes) {
        defer(msg::bytes_escape, start, p_, std::to_string(at));
        return false;
      }
      return fail_range(pos - 1, d == 'x' ? "truncated \\xXX escape"
                                 : d == 'u' ? "truncated \\uXXXX escape"
                                            : "truncated \\UXXXXXXXX escape");
    }
    if (!bytes && value > 0x10FFFF) return fail_range(pos - 1, "illegal Unicode character");
    return true;
  }
  if (d == 'N' && !bytes) {
    if (i >= e || t_[i] != '{') return fail_range(at + 1, "malformed \\N character escape");
    std::uint32_t j = i + 1;
    while (j < e && t_[j] != '}') ++j;
    if (j >= e) return fail_range(pos + (e - i) - 1, "malformed \\N character escape");
    if (j == i + 1) return fail_range(at + 2, "malformed \\N character escape");
    pos += j + 1 - i;
    i = j + 1;
    return true;
  }
  if (d == '\r' && i < e && t_[i] == '\n') {
    ++i;
    ++pos;
  }
  return true;
}

// A string right after a NAME that is not a prefix: the parser sees NAME STRING.
bool lexer::glued(std::uint32_t start) {
  if (glued_ != start) return true;
  glued_ = no_error;
  const fstring_mode* m = mode_ > 0 ? &modes_[mode_] : nullptr;
  if (m && !m->literal && m->expr_start_depth >= 0 && m->curly_depth - 1 == m->expr_start_depth &&
      m->fields[m->expr_start_depth].ph == phase::expression)
    return fail(msg::fstring_expecting_after_expr, start, start + 1), false;
  return generic_error(start, start + 1);
}

}  // namespace asynclift::detail::lexing
