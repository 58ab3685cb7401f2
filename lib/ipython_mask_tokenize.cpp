// A tokenizer that yields what Python 3.11's pure-Python `tokenize.generate_tokens` yields for
// the same lines: the same token boundaries, NL versus NEWLINE, INDENT/DEDENT, and an ERRORTOKEN
// for each character its pseudo-token pattern cannot match (`!`, `?`, `$`, an unterminated
// quote, or the whitespace in front of one). IPython's input transformer decides where IPython
// syntax is by looking at these tokens, so masking must see exactly the same ones. Positions are
// byte columns (tokenize counts code points; only the boundaries matter here).
#include <algorithm>
#include <array>
#include <deque>
#include <memory>
#include <string>
#include <utility>

#include "ipython_mask.hpp"

namespace asynclift::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// `\w` of Python's re module; every non-ASCII byte counts as a word character.
bool is_word(char c) { return is_alpha(c) || is_digit(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }

using sv = std::string_view;

// `[0-9](?:_?[0-9])*`
std::size_t digits(sv s, std::size_t p, bool (*ok)(char) = is_digit) {
  if (p >= s.size() || !ok(s[p])) return 0;
  std::size_t i = p + 1;
  while (i < s.size()) {
    if (ok(s[i])) ++i;
    else if (s[i] == '_' && i + 1 < s.size() && ok(s[i + 1])) i += 2;
    else break;
  }
  return i - p;
}

std::size_t exponent(sv s, std::size_t p) {
  if (p >= s.size() || (s[p] != 'e' && s[p] != 'E')) return 0;
  std::size_t i = p + 1;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t d = digits(s, i);
  return d ? i + d - p : 0;
}

std::size_t pointfloat(sv s, std::size_t p) {
  std::size_t len = 0;
  if (std::size_t d = digits(s, p); d && p + d < s.size() && s[p + d] == '.') {
    len = d + 1 + digits(s, p + d + 1);
  } else if (p < s.size() && s[p] == '.') {
    std::size_t f = digits(s, p + 1);
    if (!f) return 0;
    len = 1 + f;
  } else {
    return 0;
  }
  return len + exponent(s, p + len);
}

std::size_t floatnumber(sv s, std::size_t p) {
  if (std::size_t n = pointfloat(s, p)) return n;
  std::size_t d = digits(s, p);
  if (!d) return 0;
  std::size_t e = exponent(s, p + d);
  return e ? d + e : 0;
}

bool is_j(sv s, std::size_t p) { return p < s.size() && (s[p] == 'j' || s[p] == 'J'); }

std::size_t based(sv s, std::size_t p, char lower, bool (*ok)(char)) {
  if (p + 1 >= s.size() || s[p] != '0' || (s[p + 1] | 0x20) != lower) return 0;
  std::size_t i = p + 2, n = 0;
  while (i < s.size()) {
    if (ok(s[i])) ++i, ++n;
    else if (s[i] == '_' && i + 1 < s.size() && ok(s[i + 1])) i += 2, ++n;
    else break;
  }
  return n ? i - p : 0;
}

// tokenize's Number: Imagnumber | Floatnumber | Intnumber, tried in that order.
std::size_t number(sv s, std::size_t p) {
  if (std::size_t d = digits(s, p); d && is_j(s, p + d)) return d + 1;
  if (std::size_t f = floatnumber(s, p); f && is_j(s, p + f)) return f + 1;
  if (std::size_t f = floatnumber(s, p)) return f;
  auto hex = [](char c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); };
  auto bin = [](char c) { return c == '0' || c == '1'; };
  auto oct = [](char c) { return c >= '0' && c <= '7'; };
  if (std::size_t n = based(s, p, 'x', hex)) return n;
  if (std::size_t n = based(s, p, 'b', bin)) return n;
  if (std::size_t n = based(s, p, 'o', oct)) return n;
  if (p < s.size() && s[p] == '0') {
    std::size_t i = p + 1;
    while (i < s.size()) {
      if (s[i] == '0') ++i;
      else if (s[i] == '_' && i + 1 < s.size() && s[i + 1] == '0') i += 2;
      else break;
    }
    return i - p;
  }
  if (p < s.size() && s[p] >= '1' && s[p] <= '9') return digits(s, p);
  return 0;
}

// Python 3.11's EXACT_TOKEN_TYPES; the longest one that matches wins.
constexpr std::array<sv, 47> operators = {
    "!=", "%",  "%=",  "&",  "&=", "(",  ")",  "*",  "**", "**=", "*=", "+",  "+=", ",",  "-",  "-=",
    "->", ".",  "...", "/",  "//", "//=", "/=", ":", ":=", ";",   "<",  "<<", "<<=", "<=", "=", "==",
    ">",  ">=", ">>",  ">>=", "@", "@=", "[",  "]",  "^",  "^=",  "{",  "|",  "|=", "}",  "~"};

std::size_t special(sv s, std::size_t p) {
  std::size_t best = 0;
  for (sv op : operators)
    if (op.size() > best && s.substr(p, op.size()) == op) best = op.size();
  return best;
}

// A valid string prefix (b, r, u, f, br, rb, fr, rf in any case), possibly empty, then a quote.
// Returns the prefix length, or npos when there is no string start at p.
std::size_t string_prefix(sv s, std::size_t p) {
  std::size_t i = p;
  while (i < s.size() && i - p < 3 && is_alpha(s[i])) ++i;
  if (i >= s.size() || (s[i] != '\'' && s[i] != '"')) return sv::npos;
  std::string pre;
  for (std::size_t k = p; k < i; ++k) pre += static_cast<char>(s[k] | 0x20);
  static constexpr std::array<sv, 9> valid = {"", "b", "r", "u", "f", "br", "rb", "fr", "rf"};
  return std::find(valid.begin(), valid.end(), sv(pre)) != valid.end() ? i - p : sv::npos;
}

// tokenize's ContStr: a one-line string, or one whose line ends in a backslash continuation.
// Returns its length (0: no match).
std::size_t cont_str(sv s, std::size_t p, std::size_t prefix) {
  std::size_t i = p + prefix;
  char q = s[i++];
  while (i < s.size()) {
    char c = s[i];
    if (c == q) return i + 1 - p;
    if (c == '\n') return 0;
    if (c == '\\') {
      if (i + 1 < s.size() && s[i + 1] == '\n') return i + 2 - p;
      if (i + 2 < s.size() && s[i + 1] == '\r' && s[i + 2] == '\n') return i + 3 - p;
      if (i + 1 < s.size()) {
        i += 2;
        continue;
      }
      return 0;
    }
    ++i;
  }
  return 0;
}

// End of a string's body from `p` on one line: Single/Double (`triple` false, newlines allowed)
// or Single3/Double3. Returns the offset just past the closing quote(s), or npos.
std::size_t string_end(sv s, std::size_t p, char q, bool triple) {
  std::size_t i = p;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\\') {
      if (i + 1 < s.size() && s[i + 1] != '\n') {
        i += 2;
        continue;
      }
      return sv::npos;
    }
    if (c == q) {
      if (!triple) return i + 1;
      if (i + 2 < s.size() && s[i + 1] == q && s[i + 2] == q) return i + 3;
    }
    ++i;
  }
  return sv::npos;
}

}  // namespace

class ipy_tokenizer::impl {
 public:
  impl(const std::vector<sv>& lines, tokenizer_state start)
      : lines_(lines), lnum_(start.line), parenlev_(start.parenlev), group_parens_(start.group_parens),
        indents_(start.indents) {
    if (indents_.empty()) indents_.push_back(0);
    open_group();
  }

  bool next(std::vector<ipy_token>& group, tokenizer_state& at) {
    while (done_.empty() && !finished_) step();
    if (done_.empty()) return false;
    group = std::move(done_.front().first);
    at = std::move(done_.front().second);
    done_.pop_front();
    return true;
  }

 private:
  // Processes one more line, or the end of the input.
  void step() {
    if (lnum_ < lines_.size() && !ended_) {
      if (line(lines_[lnum_])) {
        ++lnum_;
        return;
      }
      close(false);  // tokenize raised (a dedent to no known level): keep what there is
      return;
    }
    // End of input (tokenize raises TokenError inside a string or a bracket).
    if (!ended_ && (cont_ || parenlev_ != 0 || continued_)) {
      close(false);
      return;
    }
    auto l = static_cast<std::uint32_t>(lines_.size());
    for (std::size_t k = 1; k < indents_.size(); ++k) emit(py_token::dedent, l, 0, l, 0, {});
    emit(py_token::endmarker, l, 0, l, 0, {});
    close(true);
  }

  void close(bool) {
    if (!current_.empty()) done_.emplace_back(std::move(current_), current_start_);
    current_.clear();
    finished_ = true;
  }

  void open_group() {
    current_start_ = {static_cast<std::uint32_t>(lnum_), {indents_.begin(), indents_.end()}, parenlev_,
                      group_parens_};
  }

  void emit(py_token type, std::uint32_t line, std::uint32_t col, std::uint32_t end_line,
            std::uint32_t end_col, sv text) {
    current_.push_back({type, line, col, end_line, end_col, text});
    if (type == py_token::newline || (type == py_token::nl && group_parens_ <= 0)) {
      done_.emplace_back(std::move(current_), current_start_);
      current_.clear();
      // A logical line always ends with its physical line: the next group starts on the next.
      ++lnum_;
      open_group();
      --lnum_;
    } else if (text.size() == 1 && (text[0] == '(' || text[0] == '[' || text[0] == '{') &&
               type == py_token::op) {
      ++group_parens_;
    } else if (text.size() == 1 && (text[0] == ')' || text[0] == ']' || text[0] == '}') &&
               type == py_token::op) {
      if (group_parens_ > 0) --group_parens_;
    }
  }

  void tok(py_token type, std::size_t b, std::size_t e, sv s) {
    auto l = static_cast<std::uint32_t>(lnum_);
    emit(type, l, static_cast<std::uint32_t>(b), l, static_cast<std::uint32_t>(e), s.substr(b, e - b));
  }

  // One physical line; false when tokenize would raise.
  bool line(sv s) {
    std::size_t pos = 0, max = s.size();
    if (cont_) {
      std::size_t end = string_end(s, 0, cont_quote_, cont_triple_);
      if (end != sv::npos) {
        emit(py_token::string, cont_line_, cont_col_, static_cast<std::uint32_t>(lnum_),
             static_cast<std::uint32_t>(end), {});
        cont_ = false;
        pos = end;
      } else if (cont_needs_backslash_ && !(s.size() >= 2 && s.substr(s.size() - 2) == "\\\n") &&
                 !(s.size() >= 3 && s.substr(s.size() - 3) == "\\\r\n")) {
        emit(py_token::errortoken, cont_line_, cont_col_, static_cast<std::uint32_t>(lnum_),
             static_cast<std::uint32_t>(max), {});
        cont_ = false;
        return true;
      } else {
        return true;
      }
    } else if (parenlev_ == 0 && !continued_) {
      std::uint32_t column = 0;
      while (pos < max) {
        if (s[pos] == ' ') ++column;
        else if (s[pos] == '\t') column = (column / 8 + 1) * 8;
        else if (s[pos] == '\f') column = 0;
        else break;
        ++pos;
      }
      if (pos == max) {  // whitespace at the very end: tokenize stops there, normally
        ended_ = true;
        return true;
      }
      if (s[pos] == '#' || s[pos] == '\r' || s[pos] == '\n') {
        if (s[pos] == '#') {
          std::size_t e = pos;
          while (e < max && s[e] != '\r' && s[e] != '\n') ++e;
          tok(py_token::comment, pos, e, s);
          pos = e;
        }
        tok(py_token::nl, pos, max, s);
        return true;
      }
      if (column > indents_.back()) {
        indents_.push_back(column);
        tok(py_token::indent, 0, pos, s);
      }
      while (column < indents_.back()) {
        if (std::find(indents_.begin(), indents_.end(), column) == indents_.end()) return false;
        indents_.pop_back();
        tok(py_token::dedent, pos, pos, s);
      }
    } else {
      continued_ = false;
    }

    while (pos < max) {
      std::size_t start = pos;
      while (start < max && (s[start] == ' ' || s[start] == '\f' || s[start] == '\t')) ++start;
      if (start == max) break;  // `\Z`
      char c = s[start];
      std::size_t pre = string_prefix(s, start);
      std::size_t n = 0;
      // PseudoExtras: backslash continuation, comment, triple-quoted string start.
      if (c == '\\' && (s.substr(start, 2) == "\\\n" || s.substr(start, 3) == "\\\r\n")) {
        continued_ = true;
        pos = max;
        break;
      }
      if (c == '#') {
        std::size_t e = start;
        while (e < max && s[e] != '\r' && s[e] != '\n') ++e;
        tok(py_token::comment, start, e, s);
        pos = e;
        continue;
      }
      if (pre != sv::npos && start + pre + 2 < max && s[start + pre + 1] == s[start + pre] &&
          s[start + pre + 2] == s[start + pre]) {
        char q = s[start + pre];
        std::size_t body = start + pre + 3;
        std::size_t end = string_end(s, body, q, true);
        if (end != sv::npos) {
          tok(py_token::string, start, end, s);
          pos = end;
          continue;
        }
        begin_cont(start, q, true, false);
        return true;
      }
      if ((n = number(s, start))) {
        tok(py_token::number, start, start + n, s);
        pos = start + n;
        continue;
      }
      if (c == '\n' || (c == '\r' && start + 1 < max && s[start + 1] == '\n')) {
        tok(parenlev_ > 0 ? py_token::nl : py_token::newline, start, max, s);
        pos = max;
        continue;
      }
      if ((n = special(s, start))) {
        char o = s[start];
        if (o == '(' || o == '[' || o == '{') ++parenlev_;
        else if (o == ')' || o == ']' || o == '}') --parenlev_;
        tok(py_token::op, start, start + n, s);
        pos = start + n;
        continue;
      }
      if (pre != sv::npos && (n = cont_str(s, start, pre))) {
        if (s[start + n - 1] == '\n') {
          begin_cont(start, s[start + pre], false, true);
          return true;
        }
        tok(py_token::string, start, start + n, s);
        pos = start + n;
        continue;
      }
      if (is_word(c)) {
        std::size_t e = start;
        while (e < max && is_word(s[e])) ++e;
        // `\w+` matched; tokenize calls it a NAME when its first character starts an identifier
        // (digits never get here: Number matched them) and an OP otherwise.
        tok(py_token::name, start, e, s);
        pos = e;
        continue;
      }
      if (c == '\r' && start + 1 == max) {  // a bare carriage return ends the line
        tok(parenlev_ > 0 ? py_token::nl : py_token::newline, start, max, s);
        pos = max;
        continue;
      }
      // No pseudo-token: one ERRORTOKEN for the character at pos (whitespace included).
      tok(py_token::errortoken, pos, pos + 1, s);
      pos += 1;
    }
    return true;
  }

  void begin_cont(std::size_t start, char quote, bool triple, bool needs_backslash) {
    cont_ = true;
    cont_line_ = static_cast<std::uint32_t>(lnum_);
    cont_col_ = static_cast<std::uint32_t>(start);
    cont_quote_ = quote;
    cont_triple_ = triple;
    cont_needs_backslash_ = needs_backslash;
  }

  const std::vector<sv>& lines_;
  std::deque<std::pair<std::vector<ipy_token>, tokenizer_state>> done_;
  std::vector<ipy_token> current_;
  tokenizer_state current_start_;
  bool finished_ = false;
  std::size_t lnum_ = 0;
  int parenlev_ = 0;
  int group_parens_ = 0;
  bool continued_ = false;
  bool ended_ = false;
  std::vector<std::uint32_t> indents_{0};
  bool cont_ = false;
  bool cont_triple_ = false;
  bool cont_needs_backslash_ = false;
  char cont_quote_ = '"';
  std::uint32_t cont_line_ = 0, cont_col_ = 0;
};

ipy_tokenizer::ipy_tokenizer(const std::vector<std::string_view>& lines, tokenizer_state start)
    : impl_(std::make_unique<impl>(lines, std::move(start))) {}
ipy_tokenizer::~ipy_tokenizer() = default;

bool ipy_tokenizer::next(std::vector<ipy_token>& group, tokenizer_state& at) { return impl_->next(group, at); }

bool is_py_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
         (c >= '\x1c' && c <= '\x1f');
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t b = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out.push_back(text.substr(b, i + 1 - b));
      b = i + 1;
    }
  }
  if (b < text.size()) out.push_back(text.substr(b));
  return out;
}

std::vector<std::vector<ipy_token>> tokens_by_line(const std::vector<std::string_view>& lines) {
  std::vector<std::vector<ipy_token>> out;
  ipy_tokenizer t(lines);
  std::vector<ipy_token> g;
  tokenizer_state at;
  while (t.next(g, at)) out.push_back(std::move(g));
  return out;
}

}  // namespace asynclift::detail
