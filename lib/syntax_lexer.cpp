// The token pass: CPython's tokenizer, re-enacted for the errors it raises.
//
// tree-sitter-python lexes leniently (its identifiers, numbers and strings are regular
// expressions, its scanner keeps no bracket stack and never compares tabs with spaces), so
// everything CPython rejects while *tokenizing* has to be found again. This pass walks the
// text once, character by character, the way CPython's tokenizer does (Parser/tokenizer.c
// up to 3.11, Parser/lexer/ from 3.12; the differences between versions are noted where they
// matter) and reports what that tokenizer would report:
//
//  - indentation: columns are counted twice, tabs to multiples of 8 and tabs as 1, and a line
//    whose two counts disagree with the enclosing block is a TabError; a dedent must land on
//    an enclosing level; at most 100 levels. The parser's two indentation errors are decided
//    here too, because they only need the token stream: a compound statement's header ends
//    its logical line with ':' and the next logical line must then be indented further
//    ("expected an indented block", since 3.10 naming the statement), and a line may only be
//    indented further after such a header ("unexpected indent");
//  - brackets: unmatched and mismatched closers, openers never closed, more than 200 deep;
//  - numbers: underscores, digits of the base, old octal `0777`, and since 3.10 a letter glued
//    to a number ("invalid decimal literal"); before 3.10 such a letter starts a NAME that the
//    parser rejects;
//  - names: characters that are not XID_Start/XID_Continue (Unicode properties from ICU), and
//    a name glued to a string that is not a string prefix (`ub''`, `t''`);
//  - strings: unterminated ones, non-ASCII characters in bytes, line continuation misuse;
//  - f-strings: before 3.12 an f-string is one STRING token and CPython parses its inside
//    afterwards (string_parser.c: no backslash or '#' in the expression part, nesting of
//    format specs, conversions); since 3.12 (PEP 701) the tokenizer itself enters the
//    replacement fields, nested quotes of any kind are allowed, and the parser checks the
//    shape `{expr [=] [!conv] [:spec]}`, which this pass follows token by token.
//
// Like CPython's tokenizer it stops at the first error: after it the text cannot be split into
// tokens the same way. Expressions inside replacement fields are parsed by tree-sitter as part
// of the tree, so their own errors are the tree pass's business.
//
// No allocation: the bracket, indentation and f-string stacks have CPython's own fixed sizes.
#include "syntax_lexer.hpp"

#include <unicode/uchar.h>

#include <cstdio>
#include <string>

#include "messages.hpp"

namespace asynclift::detail {
namespace {

constexpr int max_indent = 100;        // MAXINDENT
constexpr int max_level = 200;         // MAXLEVEL
constexpr int max_fstring_level = 150;  // MAXFSTRINGLEVEL
constexpr int max_expr_nesting = 3;    // MAX_EXPR_NESTING (3.12+)
constexpr int tab_size = 8;
constexpr int eof = -1;

constexpr bool is_digit(int c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_xdigit(int c) noexcept {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr bool is_letter(int c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// is_potential_identifier_start / _char: any byte of a non-ASCII character qualifies.
constexpr bool ident_start(int c) noexcept { return is_letter(c) || c == '_' || c >= 128; }
constexpr bool ident_char(int c) noexcept { return ident_start(c) || is_digit(c); }
constexpr bool is_newline(int c) noexcept { return c == '\n' || c == '\r'; }

bool is_keyword(std::string_view s) noexcept {
  static constexpr std::string_view keywords[] = {
      "False", "None",   "True",    "and",      "as",       "assert", "async", "await",
      "break", "class",  "continue", "def",     "del",      "elif",   "else",  "except",
      "finally", "for",  "from",    "global",   "if",       "import", "in",    "is",
      "lambda", "nonlocal", "not",  "or",       "pass",     "raise",  "return", "try",
      "while", "with",   "yield"};
  for (std::string_view k : keywords)
    if (k == s) return true;
  return false;
}

// Code point at s[0] and its length in bytes; an invalid sequence reads as U+FFFD, 1 byte.
std::pair<char32_t, std::uint32_t> decode_utf8(std::string_view s) noexcept {
  auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = b(0);
  if (c < 0x80) return {c, 1};
  std::uint32_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (n == 0 || n > s.size()) return {0xFFFD, 1};
  char32_t cp = c & (0x7F >> n);
  for (std::uint32_t i = 1; i < n; ++i) {
    if ((b(i) & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (b(i) & 0x3F);
  }
  return {cp, n};
}

// Py_UNICODE_ISPRINTABLE: not Cc, Cf, Cs, Co, Cn, Zl, Zp, or Zs other than the space.
bool is_printable(char32_t c) noexcept {
  if (c == ' ') return true;
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_SURROGATE:
    case U_PRIVATE_USE_CHAR:
    case U_UNASSIGNED:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_SPACE_SEPARATOR:
      return false;
    default:
      return true;
  }
}

std::string hex4(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(c));
  return buf;
}

// The statement a logical line opens, when its first tokens say so.
enum class header : std::uint8_t {
  none,       // a simple statement
  ambiguous,  // ends with ':' but opens no block CPython would accept (`x = lambda:`)
  if_, elif_, else_, for_, while_, try_, except_, except_star, finally_, with_, def_, class_,
  match_, case_
};

header header_of(std::string_view name) noexcept {
  struct entry {
    std::string_view name;
    header h;
  };
  static constexpr entry table[] = {
      {"if", header::if_},       {"elif", header::elif_},     {"else", header::else_},
      {"for", header::for_},     {"while", header::while_},   {"try", header::try_},
      {"except", header::except_}, {"finally", header::finally_}, {"with", header::with_},
      {"def", header::def_},     {"class", header::class_},   {"match", header::match_},
      {"case", header::case_}};
  for (const entry& e : table)
    if (e.name == name) return e.h;
  return header::none;
}

// How CPython 3.10+ names the statement in "expected an indented block after %s".
std::string_view header_name(header h) noexcept {
  switch (h) {
    case header::if_: return "'if' statement";
    case header::elif_: return "'elif' statement";
    case header::else_: return "'else' statement";
    case header::for_: return "'for' statement";
    case header::while_: return "'while' statement";
    case header::try_: return "'try' statement";
    case header::except_: return "'except' statement";
    case header::except_star: return "'except*' statement";
    case header::finally_: return "'finally' statement";
    case header::with_: return "'with' statement";
    case header::def_: return "function definition";
    case header::class_: return "class definition";
    case header::match_: return "'match' statement";
    case header::case_: return "'case' statement";
    default: return "";
  }
}

// What note_token is told about a token.
enum class tok : std::uint8_t { name, number, string, op, open, close };

struct bracket {
  char c;
  std::uint32_t offset;
  std::uint32_t line;
};

// A 3.12+ replacement field, as far as its tokens tell: `{ expr [=] [!name] [:spec] }`.
enum class phase : std::uint8_t { expression, after_debug, conversion, after_conversion, spec };
struct field {
  phase ph = phase::expression;
  bool lambda = false;         // the expression starts with `lambda`
  std::uint32_t tokens = 0;    // tokens of the expression so far
  std::uint32_t bang_end = 0;  // end of the '!' of a conversion
};

// A 3.12+ f-string being tokenized (CPython's tokenizer_mode).
struct fstring_mode {
  bool literal = true;  // TOK_FSTRING_MODE: scanning literal text or a format spec
  char quote = '\'';
  std::uint8_t quote_size = 1;
  bool raw = false;
  bool in_format_spec = false;
  std::uint32_t start = 0;       // offset of the prefix
  std::uint32_t start_line = 0;
  int curly_depth = 0;           // brackets of any kind opened inside the f-string
  int expr_start_depth = -1;     // nesting of replacement fields (format specs hold fields)
  field fields[max_expr_nesting];
};

class lexer {
 public:
  lexer(std::string_view text, diagnostic_sink& sink)
      : t_(text), n_(static_cast<std::uint32_t>(text.size())), sink_(sink),
        minor_(minor(sink.version())) {}

  token_facts run() {
    while (!failed_) {
      if (mode_ > 0 && modes_[mode_].literal) {
        fstring_literal();
      } else if (!normal_token()) {
        break;
      }
    }
    return facts_;
  }

 private:
  // --- characters -------------------------------------------------------------------------
  int peek(std::uint32_t ahead = 0) const noexcept {
    std::uint32_t i = p_ + ahead;
    return i < n_ ? static_cast<unsigned char>(t_[i]) : eof;
  }
  // Consumes a line terminator (LF, CR LF or CR) at p_, counting the line.
  void consume_newline() noexcept {
    if (t_[p_] == '\r' && p_ + 1 < n_ && t_[p_ + 1] == '\n') ++p_;
    ++p_;
    ++line_;
    line_begin_ = p_;
  }

  // --- errors -----------------------------------------------------------------------------
  void fail(msg id, std::uint32_t begin, std::uint32_t end, std::string_view arg = {},
            std::string_view arg2 = {}, bool desync = true) {
    sink_.report(id, begin, end, arg, false, arg2);
    stop(begin, desync);
  }
  void fail3(msg id, std::uint32_t begin, std::uint32_t end, std::string_view a,
             std::string_view b, std::string_view c) {
    sink_.report(msg::invalid_token, begin, end, message_text(id, sink_.version(), a, b, c));
    stop(begin, true);
  }
  // An error of CPython's parser found while tokenizing (string contents): the parser raises it
  // only once it has read the tokens after the string, so a tokenizer error there wins.
  void defer(msg id, std::uint32_t begin, std::uint32_t end, std::string_view arg = {},
             std::string_view arg2 = {}) {
    if (pending_.set) return;
    pending_ = {true, id, begin, end, std::string(arg), std::string(arg2)};
  }
  void flush() {
    if (!pending_.set || failed_) return;
    pending_.set = false;
    fail(pending_.id, pending_.begin, pending_.end, pending_.arg, pending_.arg2, false);
  }
  void stop(std::uint32_t at, bool desync) {
    failed_ = true;
    facts_.first_error = at;
    facts_.desynchronised = desync;
  }

  // --- logical lines and indentation --------------------------------------------------------
  void note_token(std::uint32_t begin, std::uint32_t end, bool colon, tok kind = tok::op) {
    if (kind != tok::string) flush();
    type_param_token(begin, end, kind);
    if (line_tokens_ < 3) line_first_[line_tokens_] = {begin, end};
    if (line_tokens_ == 0) {
      line_header_ = header::none;
      header_line_ = line_;
      std::string_view s = t_.substr(begin, end - begin);
      if (ident_start(static_cast<unsigned char>(s[0]))) {
        line_header_ = s == "async" ? header::none : header_of(s);
        line_async_ = s == "async";
        if ((line_header_ == header::match_ || line_header_ == header::case_) && minor_ < 10)
          line_header_ = header::ambiguous;
      }
    } else if (line_tokens_ == 1) {
      std::string_view s = t_.substr(begin, end - begin);
      if (line_async_) {
        header h = header_of(s);
        if (h == header::def_ || h == header::for_ || h == header::with_) line_header_ = h;
      } else if (line_header_ == header::except_ && s == "*") {
        line_header_ = minor_ >= 11 ? header::except_star : header::ambiguous;
      }
    }
    // `def name` must go on with '(' (or '[' for type parameters).
    if (line_header_ == header::def_ && line_tokens_ == (line_async_ ? 3u : 2u))
      def_paren_ = t_.substr(begin, end - begin) == "(" || t_.substr(begin, end - begin) == "[";
    if (colon && level_ == 0 && mode_ == 0) top_colon_ = true;
    ++line_tokens_;
    last_colon_ = colon;
  }

  // --- type parameter lists -----------------------------------------------------------------
  // Follows `def f[`, `async def f[`, `class C[` and `type A[` to the matching ']', splitting
  // the parameters at top-level commas and noting each one's parts.
  void type_param_token(std::uint32_t begin, std::uint32_t end, tok kind) {
    std::string_view s = t_.substr(begin, end - begin);
    if (!tp_active_) {
      if (kind != tok::open || s != "[" || level_ != 1 || mode_ > 0) return;
      auto word = [&](std::uint32_t i) {
        return t_.substr(line_first_[i].begin, line_first_[i].end - line_first_[i].begin);
      };
      auto is_name = [&](std::uint32_t i) {
        std::string_view w = word(i);
        return !w.empty() && ident_start(static_cast<unsigned char>(w[0])) && !is_keyword(w);
      };
      type_param_list::owner of;
      if (line_tokens_ == 2 && word(0) == "def" && is_name(1)) of = type_param_list::owner::function;
      else if (line_tokens_ == 3 && word(0) == "async" && word(1) == "def" && is_name(2))
        of = type_param_list::owner::function;
      else if (line_tokens_ == 2 && word(0) == "class" && is_name(1)) of = type_param_list::owner::klass;
      else if (line_tokens_ == 2 && word(0) == "type" && is_name(1)) of = type_param_list::owner::alias;
      else return;
      tp_active_ = true;
      type_param_list l;
      l.of = of;
      l.statement = line_first_[0].begin;
      l.open = begin;
      l.first = static_cast<std::uint32_t>(facts_.params.size());
      facts_.type_param_lists.push_back(l);
      tp_phase_ = 0;
      return;
    }
    type_param_list& l = facts_.type_param_lists.back();
    int depth = kind == tok::open ? level_ - 1 : level_;
    if (kind == tok::close && depth == 0) {  // the ']'
      tp_phase_ = 0;
      l.close = begin;
      l.closed = true;
      tp_active_ = false;
      return;
    }
    if (tp_phase_ == 0) {  // a new parameter
      facts_.params.emplace_back();
      ++l.count;
      tp_phase_ = 1;
    }
    type_param& tp = facts_.params.back();
    if (depth > 1) {
      if (tp_phase_ == 3) {
        ++tp.bound_tokens;
        if (s == "," && depth == 2 && tp_group_open_) tp.constraints = true;
      } else if (tp_phase_ == 4) {
        ++tp.default_tokens;
      } else {
        tp.well_formed = false;
      }
      return;
    }
    // A token at the top of the list.
    if (kind == tok::op && s == ",") {
      tp_phase_ = 0;
      return;
    }
    switch (tp_phase_) {
      case 1:  // before the name
        if (kind == tok::op && (s == "*" || s == "**") && tp.stars == 0) {
          tp.stars = static_cast<std::uint8_t>(s.size());
        } else if (kind == tok::name && !is_keyword(s)) {
          tp.named = true;
          tp.name_begin = begin;
          tp.name_end = end;
          tp_phase_ = 2;
        } else {
          tp.well_formed = false;
        }
        return;
      case 2:  // after the name
        if (kind == tok::op && s == ":") {
          tp.bound = true;
          tp.bound_begin = end;
          tp_phase_ = 3;
          tp_group_open_ = false;
          tp_group_done_ = false;
        } else if (kind == tok::op && s == "=") {
          tp.has_default = true;
          tp.equals = begin;
          tp_phase_ = 4;
        } else {
          tp.well_formed = false;
        }
        return;
      case 3:  // the bound
        if (kind == tok::op && s == "=") {
          tp.has_default = true;
          tp.equals = begin;
          tp_phase_ = 4;
          return;
        }
        if (tp.bound_tokens == 0 && kind == tok::open && s == "(") {
          tp_group_open_ = true;
        } else if (tp_group_open_ && kind == tok::close) {
          tp_group_open_ = false;
          tp_group_done_ = true;
        } else if (tp_group_done_) {
          tp.constraints = false;  // `(a, b) + c` is no tuple
        }
        ++tp.bound_tokens;
        return;
      case 4:  // the default
        if (tp.default_tokens == 0 && kind == tok::op && s == "*") tp.default_starred = true;
        ++tp.default_tokens;
        return;
      default:
        return;
    }
  }

  // The NEWLINE token at `nl` ends a logical line.
  void end_logical_line(std::uint32_t nl) {
    // A compound statement's header without its ':' (`match` and `case` may also start an
    // expression statement, so they are left to the tree).
    header h = line_header_;
    if (line_tokens_ > 0 && h == header::def_ && !def_paren_) {
      std::uint32_t name = line_async_ ? 2 : 1;
      std::uint32_t at = line_tokens_ > name ? line_first_[name].end : nl;
      return fail(minor_ >= 11 ? msg::expected_lparen : msg::invalid_syntax, at, at + 1, {}, {}, false);
    }
    if (line_tokens_ > 0 && !top_colon_ && h != header::none && h != header::ambiguous &&
        h != header::match_ && h != header::case_)
      return fail(minor_ >= 10 ? msg::expected_colon : msg::invalid_syntax, nl, nl + 1, {}, {}, false);
    top_colon_ = false;
    def_paren_ = false;
    if (line_tokens_ > 0 && last_colon_) {
      bool opens = line_header_ != header::none && line_header_ != header::ambiguous;
      // Only a compound statement's header may end with ':' (`x = lambda:` may not).
      if (!opens) return fail(msg::invalid_syntax, nl, nl + 1, {}, {}, false);
      expect_block_ = line_header_;
      after_colon_ = true;
      block_line_ = header_line_;
    } else {
      expect_block_ = header::none;
      after_colon_ = false;
    }
    line_tokens_ = 0;
  }

  void expected_block(std::uint32_t at) {
    if (minor_ >= 10)
      fail(msg::expected_indented_block, at, at + 1, header_name(expect_block_),
           std::to_string(block_line_), false);
    else
      fail(msg::expected_indented_block, at, at + 1, {}, {}, false);
  }

  // Indentation of a new logical line at p_; false after an error.
  bool indentation(bool& blankline) {
    int col = 0, altcol = 0;
    std::uint32_t begin = p_;
    for (;;) {
      int c = peek();
      if (c == ' ') {
        ++col, ++altcol;
      } else if (c == '\t') {
        col = (col / tab_size + 1) * tab_size;
        ++altcol;
      } else if (c == '\f') {
        col = altcol = 0;
      } else {
        break;
      }
      ++p_;
    }
    int c = peek();
    blankline = c == '#' || c == eof || is_newline(c);
    if (blankline || level_ > 0) return true;
    std::uint32_t end = p_;
    if (col == indstack_[indent_]) {
      if (altcol != altindstack_[indent_]) return fail(msg::inconsistent_tabs, begin, end, {}, {}, false), false;
      if (expect_block_ != header::none) return expected_block(p_), false;
    } else if (col > indstack_[indent_]) {
      if (indent_ + 1 >= max_indent)
        return fail(msg::too_many_indent_levels, begin, end, {}, {}, false), false;
      if (altcol <= altindstack_[indent_])
        return fail(msg::inconsistent_tabs, begin, end, {}, {}, false), false;
      if (expect_block_ == header::none && !after_colon_)
        return fail(msg::unexpected_indent, begin, end, {}, {}, false), false;
      ++indent_;
      indstack_[indent_] = col;
      altindstack_[indent_] = altcol;
    } else {
      while (indent_ > 0 && col < indstack_[indent_]) --indent_;
      if (col != indstack_[indent_])
        return fail(msg::unindent_mismatch, begin, end, {}, {}, false), false;
      if (altcol != altindstack_[indent_])
        return fail(msg::inconsistent_tabs, begin, end, {}, {}, false), false;
      if (expect_block_ != header::none) return expected_block(p_), false;
    }
    expect_block_ = header::none;
    after_colon_ = false;
    return true;
  }

  void at_eof() {
    if (level_ == 0 && expect_block_ == header::none) flush();
    if (level_ > 0) {
      const bracket& b = parens_[level_ - 1];
      if (minor_ >= 10)
        fail(msg::never_closed, b.offset, b.offset + 1, std::string_view(&b.c, 1));
      else
        fail(msg::never_closed, eof_offset(), eof_offset());
      return;
    }
    if (expect_block_ != header::none) {
      std::uint32_t at = eof_offset();
      if (minor_ < 9)
        fail(msg::unexpected_eof, at, at, {}, {}, false);
      else
        expected_block(at);
    }
  }

  // Where CPython reports an error at the end of the text: the last line, not the one after.
  std::uint32_t eof_offset() const noexcept {
    std::uint32_t at = n_;
    if (at > 0 && t_[at - 1] == '\n') --at;
    if (at > 0 && t_[at - 1] == '\r') --at;
    return at;
  }

  // --- tokens -----------------------------------------------------------------------------
  // One token of CPython's regular mode; false at the end of the text.
  bool normal_token() {
    bool blankline = false;
    if (atbol_) {
      atbol_ = false;
      if (!indentation(blankline)) return false;
    }
    for (;;) {
      int c = peek();
      while (c == ' ' || c == '\t' || c == '\f') {
        ++p_;
        c = peek();
      }
      std::uint32_t start = p_;
      if (c == '#') {
        while (p_ < n_ && !is_newline(static_cast<unsigned char>(t_[p_]))) ++p_;
        c = peek();
      }
      if (c == eof) {
        at_eof();
        return false;
      }
      start = p_;
      if (ident_start(c)) return name_or_string(start);
      if (is_newline(c)) {
        std::uint32_t nl = p_;
        consume_newline();
        atbol_ = true;
        if (!blankline && level_ == 0) {
          flush();
          if (!failed_) end_logical_line(nl);
        }
        return !failed_;
      }
      if (c == '.') {
        if (is_digit(peek(1))) {
          ++p_;
          return number_fraction(start);
        }
        p_ += (peek(1) == '.' && peek(2) == '.') ? 3 : 1;
        return operator_token(start, false);
      }
      if (is_digit(c)) return number(start);
      if (c == '\'' || c == '"') return string(start, start, false, false, false);
      if (c == '\\') {
        ++p_;
        if (!continuation(start)) return false;
        continue;  // the logical line goes on
      }
      return punctuation(start, c);
    }
  }

  // `\` then a newline; anything else is an error.
  bool continuation(std::uint32_t start) {
    int c = peek();
    if (c == eof) return fail(msg::unexpected_eof, start, start + 1), false;
    if (!is_newline(c)) return fail(msg::line_continuation, p_, p_ + 1), false;
    consume_newline();
    if (peek() == eof) return fail(msg::unexpected_eof, start, start + 1), false;
    return true;
  }

  bool operator_token(std::uint32_t start, bool colon) {
    field_token(start, p_, false);
    note_token(start, p_, colon);
    return true;
  }

  bool punctuation(std::uint32_t start, int c) {
    fstring_mode* m = mode_ > 0 ? &modes_[mode_] : nullptr;
    // Inside a 3.12+ replacement field, ':' at its top level starts the format spec.
    if (c == ':' && m && m->expr_start_depth >= 0 && m->curly_depth - 1 == m->expr_start_depth) {
      ++p_;
      field_token(start, p_, false);
      m->literal = true;
      m->in_format_spec = true;
      note_token(start, p_, false);
      return true;
    }
    std::uint32_t len = operator_length(c);
    if (len > 0) {
      p_ += len;
      if (len == 1 && c == '=' && m && m->expr_start_depth >= 0) {
        // debug '=' of a replacement field
      }
      return operator_token(start, len == 1 && c == ':');
    }
    switch (c) {
      case '(':
      case '[':
      case '{':
        if (level_ >= max_level) return fail(msg::too_many_parens, start, start + 1), false;
        parens_[level_++] = {static_cast<char>(c), start, line_};
        ++p_;
        if (m) ++m->curly_depth;
        field_token(start, p_, false);
        note_token(start, p_, false, tok::open);
        return true;
      case ')':
      case ']':
      case '}':
        return closer(start, static_cast<char>(c));
      default:
        break;
    }
    if (c < 128) {
      // `$`, `?`, a backquote, `!` alone before 3.12, control characters.
      bool printable = c >= 0x20 && c < 0x7F;
      if (!printable && minor_ >= 11)
        return fail(msg::invalid_nonprintable, start, start + 1, hex4(static_cast<char32_t>(c))), false;
      if (c == '!' && minor_ >= 12) {
        ++p_;
        return operator_token(start, false);
      }
      return fail(msg::invalid_syntax, start, start + 1, {}, {}, false), false;
    }
    return true;  // not reached: bytes >= 128 start names
  }

  // Length of the operator at p_ (1-3), or 0 for brackets and characters that are none.
  std::uint32_t operator_length(int c) const noexcept {
    int c2 = peek(1), c3 = peek(2);
    switch (c) {
      case '+': case '%': case '&': case '|': case '^': case '@':
        return c2 == '=' ? 2 : 1;
      case '-':
        return c2 == '=' || c2 == '>' ? 2 : 1;
      case '*':
        if (c2 == '*') return c3 == '=' ? 3 : 2;
        return c2 == '=' ? 2 : 1;
      case '/':
        if (c2 == '/') return c3 == '=' ? 3 : 2;
        return c2 == '=' ? 2 : 1;
      case '<':
        if (c2 == '<') return c3 == '=' ? 3 : 2;
        return c2 == '=' || c2 == '>' ? 2 : 1;
      case '>':
        if (c2 == '>') return c3 == '=' ? 3 : 2;
        return c2 == '=' ? 2 : 1;
      case '=':
        return c2 == '=' ? 2 : 1;
      case '!':
        return c2 == '=' ? 2 : 0;
      case ':':
        return c2 == '=' ? 2 : 1;
      case ',': case ';': case '~':
        return 1;
      default:
        return 0;
    }
  }

  bool closer(std::uint32_t start, char c) {
    fstring_mode* m = mode_ > 0 ? &modes_[mode_] : nullptr;
    if (m && m->curly_depth == 0 && c == '}')
      return fail(msg::fstring_single_brace, start, start + 1), false;
    if (level_ == 0) return fail(msg::unmatched_paren, start, start + 1, std::string_view(&c, 1)), false;
    --level_;
    const bracket& open = parens_[level_];
    char want = open.c == '(' ? ')' : open.c == '[' ? ']' : '}';
    if (c != want) {
      if (m && open.c == '{' && m->curly_depth - 1 == m->expr_start_depth)
        return fail(msg::fstring_unmatched, start, start + 1, std::string_view(&c, 1)), false;
      if (open.line != line_)
        return fail3(msg::paren_mismatch_line, start, start + 1, std::string_view(&c, 1),
                     std::string_view(&open.c, 1), std::to_string(open.line)),
               false;
      return fail(msg::paren_mismatch, start, start + 1, std::string_view(&c, 1),
                  std::string_view(&open.c, 1)),
             false;
    }
    ++p_;
    if (m) {
      --m->curly_depth;
      if (c == '}' && m->curly_depth == m->expr_start_depth) {
        if (!close_field(start)) return false;
        --m->expr_start_depth;
        m->literal = true;
        m->in_format_spec = false;
        note_token(start, p_, false, tok::close);
        return true;
      }
    }
    field_token(start, p_, false);
    note_token(start, p_, false, tok::close);
    return true;
  }

  // A name, or the prefix of a string.
  bool name_or_string(std::uint32_t start) {
    bool nonascii = false;
    while (p_ < n_ && ident_char(static_cast<unsigned char>(t_[p_]))) {
      if (static_cast<unsigned char>(t_[p_]) >= 128) nonascii = true;
      ++p_;
    }
    std::string_view name = t_.substr(start, p_ - start);
    int c = peek();
    if ((c == '\'' || c == '"') && !nonascii) {
      bool b = false, r = false, u = false, f = false, valid = name.size() <= 2;
      for (char ch : name) {
        char l = static_cast<char>(ch | 0x20);
        if (l == 'b' && !b && !u && !f) b = true;
        else if (l == 'u' && !b && !u && !r && !f) u = true;
        else if (l == 'r' && !r && !u) r = true;
        else if (l == 'f' && !f && !b && !u) f = true;
        else valid = false;
      }
      if (valid) return string(start, p_, b, r, f);
      // A NAME glued to a STRING: only a keyword may precede a string (`else''`); print and
      // exec are left to the tree pass, which names the Python 2 statement.
      if (!is_keyword(name) && name != "print" && name != "exec" && name != "match" &&
          name != "case")
        glued_ = p_;
    }
    if (nonascii && !verify_identifier(start)) return false;
    field_token(start, p_, false, name);
    note_token(start, p_, false, tok::name);
    return true;
  }

  // _PyUnicode_ScanIdentifier: XID_Start (or '_') then XID_Continue.
  bool verify_identifier(std::uint32_t start) {
    std::uint32_t i = start;
    bool first = true;
    while (i < p_) {
      auto [cp, len] = decode_utf8(t_.substr(i, p_ - i));
      bool ok = cp == '_' || u_hasBinaryProperty(static_cast<UChar32>(cp),
                                                 first ? UCHAR_XID_START : UCHAR_XID_CONTINUE);
      if (!ok) {
        if (minor_ < 9) {
          fail(msg::invalid_character, i, i + len, {}, {}, false);
        } else if (is_printable(cp)) {
          fail(msg::invalid_character, i, i + len, t_.substr(i, len), hex4(cp), false);
        } else {
          fail(msg::invalid_nonprintable, i, i + len, hex4(cp), {}, false);
        }
        return false;
      }
      first = false;
      i += len;
    }
    return true;
  }

  // --- numbers ------------------------------------------------------------------------------
  // verify_end_of_number (3.10+): a letter glued to a number is an error, except the keywords
  // that may follow one in valid code (`1if x else y`, deprecated).
  bool end_of_number(std::uint32_t start, const char* kind) {
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
  bool glued_name(std::uint32_t) {
    int c = peek();
    if (c == eof || !ident_start(c) || c >= 128) return true;
    std::uint32_t b = p_, e = p_;
    while (e < n_ && ident_char(static_cast<unsigned char>(t_[e]))) ++e;
    if (is_keyword(t_.substr(b, e - b))) return true;
    return fail(msg::invalid_syntax, b, e, {}, {}, false), false;
  }

  bool decimal_tail(std::uint32_t start) {
    for (;;) {
      while (is_digit(peek())) ++p_;
      if (peek() != '_') return true;
      ++p_;
      if (!is_digit(peek())) return fail(msg::invalid_number, start, p_, "decimal", {}, false), false;
    }
  }

  bool number_token(std::uint32_t start) {
    field_token(start, p_, false);
    note_token(start, p_, false, tok::number);
    return true;
  }

  bool number(std::uint32_t start) {
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
  bool number_fraction(std::uint32_t start) {
    if (is_digit(peek()) && !decimal_tail(start)) return false;
    return number_after_fraction(start);
  }

  bool number_after_fraction(std::uint32_t start) {
    int c = peek();
    if (c == 'e' || c == 'E') return number_exponent(start);
    if (c == 'j' || c == 'J') return number_imaginary(start);
    if (!end_of_number(start, "decimal")) return false;
    return number_token(start);
  }

  bool number_exponent(std::uint32_t start) {
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

  bool number_imaginary(std::uint32_t start) {
    ++p_;
    if (!end_of_number(start, "imaginary")) return false;
    return number_token(start);
  }

  // --- strings ------------------------------------------------------------------------------
  // A string literal; `quote` is the offset of its first quote character.
  bool string(std::uint32_t start, std::uint32_t quote, bool bytes, bool raw, bool fstring) {
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

  bool unterminated(std::uint32_t start, char quote, std::uint8_t size, bool escaped_quote,
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

  bool string_token(std::uint32_t start, std::uint32_t body, std::uint32_t body_end, bool bytes,
                    bool raw, bool fstring) {
    if (!glued(start)) return false;
    if (bytes) {
      for (std::uint32_t i = body; i < body_end; ++i)
        if (static_cast<unsigned char>(t_[i]) >= 0x80) {
          defer(msg::bytes_non_ascii, start, p_);
          break;
        }
    }
    if (fstring) legacy_fstring(start, body, body_end, raw);
    field_token(start, p_, true);
    note_token(start, p_, false, tok::string);
    return true;
  }

  // A string right after a NAME that is not a prefix: the parser sees NAME STRING.
  bool glued(std::uint32_t start) {
    if (glued_ != start) return true;
    glued_ = no_error;
    const fstring_mode* m = mode_ > 0 ? &modes_[mode_] : nullptr;
    if (m && !m->literal && m->expr_start_depth >= 0 && m->curly_depth - 1 == m->expr_start_depth &&
        m->fields[m->expr_start_depth].ph == phase::expression)
      return fail(msg::fstring_expecting_after_expr, start, start + 1), false;
    return fail(msg::invalid_syntax, start, start + 1, {}, {}, false), false;
  }

  // --- f-strings before 3.12 (string_parser.c) -------------------------------------------------
  bool legacy_fstring(std::uint32_t start, std::uint32_t b, std::uint32_t e, bool raw) {
    fs_start_ = start;
    fs_end_ = p_;
    std::uint32_t s = b;
    return legacy_parse(s, e, raw, 0);
  }

  bool legacy_fail(msg id, std::uint32_t at, std::string_view arg = {}, std::string_view arg2 = {}) {
    // 3.8 points at the string, 3.9-3.11 at its end (the parser has moved past it).
    (void)at;
    std::uint32_t pos = minor_ < 9 ? fs_start_ : fs_end_ - 1;
    defer(id, pos, pos + 1, arg, arg2);
    return false;
  }

  // fstring_find_literal_and_expr in a loop; a format spec is parsed at recurse_lvl + 1.
  bool legacy_parse(std::uint32_t& s, std::uint32_t end, bool raw, int lvl) {
    for (;;) {
      // The literal part.
      while (s < end) {
        char ch = t_[s++];
        if (!raw && ch == '\\' && s < end) {
          ch = t_[s++];
          if (ch == 'N') {
            if (s < end && t_[s++] == '{') {
              while (s < end && t_[s++] != '}') {
              }
            }
            continue;
          }
        }
        if (ch == '{' || ch == '}') {
          if (lvl == 0) {
            if (s < end && t_[s] == ch) {
              ++s;
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
  bool legacy_expr(std::uint32_t& s, std::uint32_t end, bool raw, int lvl) {
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

  // --- f-strings since 3.12 (PEP 701) -------------------------------------------------------
  bool fstring_start(std::uint32_t start, char q, std::uint8_t size, bool raw) {
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
  void fstring_literal() {
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
      p_ += m.quote_size;
      --mode_;
      return;
    }
    bool unicode_escape = false;
    int end_quotes = 0;
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
        ++p_;
        if (!m.raw && d == 'N' && peek() == '{') {
          ++p_;
          unicode_escape = true;
        }
      }
    }
    p_ -= m.quote_size;  // the closing quotes are read by the next call
  }

  void open_field(fstring_mode& m) {
    ++m.expr_start_depth;
    if (m.expr_start_depth >= max_expr_nesting) {
      fail(msg::fstring_nested_too_deeply, p_, p_ + 1);
      return;
    }
    m.fields[m.expr_start_depth] = field{};
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
  void field_token(std::uint32_t begin, std::uint32_t end, bool is_string,
                   std::string_view name = {}) {
    if (mode_ == 0 || failed_) return;
    fstring_mode& m = modes_[mode_];
    if (m.literal || m.expr_start_depth < 0) return;
    field& f = m.fields[m.expr_start_depth];
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
        if (f.tokens == 0 && name == "lambda") f.lambda = true;
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

  // The '}' that closes a replacement field (3.12+).
  bool close_field(std::uint32_t at) {
    fstring_mode& m = modes_[mode_];
    field& f = m.fields[m.expr_start_depth];
    if (f.ph == phase::expression && f.tokens == 0) return fail(msg::fstring_empty, at, at + 1), false;
    if (f.ph == phase::conversion) return fail(msg::fstring_missing_conversion, at, at + 1), false;
    return true;
  }

  std::string_view t_;
  std::uint32_t n_;
  diagnostic_sink& sink_;
  int minor_;
  token_facts facts_;
  bool failed_ = false;

  std::uint32_t p_ = 0;
  std::uint32_t line_ = 1;
  std::uint32_t line_begin_ = 0;
  bool atbol_ = true;

  int indent_ = 0;
  int indstack_[max_indent] = {};
  int altindstack_[max_indent] = {};

  int level_ = 0;
  bracket parens_[max_level] = {};

  // The logical line being read, and what the previous one asks of this one.
  std::uint32_t line_tokens_ = 0;
  header line_header_ = header::none;
  bool line_async_ = false;
  bool last_colon_ = false;
  bool top_colon_ = false;  // a ':' outside brackets in this logical line
  bool def_paren_ = false;  // `def name` is followed by '(' or '['
  std::uint32_t header_line_ = 1;
  header expect_block_ = header::none;
  bool after_colon_ = false;
  std::uint32_t block_line_ = 0;

  struct span {
    std::uint32_t begin, end;
  };
  span line_first_[3] = {};  // the first tokens of the logical line
  bool tp_active_ = false;   // inside a type parameter list
  int tp_phase_ = 0;         // 0 between parameters, 1 before the name, 2 after it, 3 bound, 4 default
  bool tp_group_open_ = false, tp_group_done_ = false;  // a parenthesised bound

  int mode_ = 0;  // index into modes_; 0 is the regular mode outside f-strings
  fstring_mode modes_[max_fstring_level];
  std::uint32_t fs_start_ = 0;  // the pre-3.12 f-string being checked
  std::uint32_t fs_end_ = 0;
  std::uint32_t glued_ = no_error;  // a string starting here follows a NAME directly
  struct {
    bool set = false;
    msg id = msg::invalid_syntax;
    std::uint32_t begin = 0, end = 0;
    std::string arg, arg2;
  } pending_;
};

}  // namespace

token_facts check_tokens(std::string_view text, diagnostic_sink& sink) {
  lexer lx(text, sink);
  return lx.run();
}

}  // namespace asynclift::detail
