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
#include "syntax_lexer_impl.hpp"

#include <unicode/uchar.h>

#include <cstdio>

namespace asynclift::detail {
namespace lexing {

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

token_facts lexer::run() {
  while (!failed_) {
    if (mode_ > 0 && modes_[mode_].literal) {
      fstring_literal();
    } else if (!normal_token()) {
      break;
    }
  }
  if (!failed_ && generic_.set) {
    sink_.report(msg::invalid_syntax, generic_.begin, generic_.end);
    stop(generic_.begin, false);
  }
  if (!failed_) {
    if (line_tokens_ > 0 && interesting_) facts_.interesting.push_back({line_start_, n_});
    facts_.scanned_to = n_;
  } else {
    // The tree pass is quiet after the error; from its line on nothing is pruned.
    std::uint32_t at = facts_.first_error;
    while (at > 0 && !is_newline(static_cast<unsigned char>(t_[at - 1]))) --at;
    facts_.scanned_to = at;
  }
  return std::move(facts_);
}

void lexer::fail(msg id, std::uint32_t begin, std::uint32_t end, std::string_view arg,
          std::string_view arg2, bool desync) {
  if (generic_.set && !tokenizer_error(id)) {
    // What the parser would have raised after its generic error does not count.
    sink_.report(msg::invalid_syntax, generic_.begin, generic_.end);
    stop(generic_.begin, false);
    return;
  }
  sink_.report(id, begin, end, arg, false, arg2);
  stop(begin, desync);
}

// A generic "invalid syntax" of CPython's parser. Since 3.10 CPython then tokenizes the rest
// of the file and reports a tokenizer error found there instead
// (_PyPegen_tokenize_full_source_to_check_for_errors): keep the first generic error and go
// on. False when lexing stops.
bool lexer::generic_error(std::uint32_t begin, std::uint32_t end) {
  if (minor_ < 10) return fail(msg::invalid_syntax, begin, end, {}, {}, false), false;
  if (!generic_.set) generic_ = {true, begin, end};
  return true;
}

// Errors CPython's tokenizer raises itself (the others are its parser's).
bool lexer::tokenizer_error(msg id) noexcept {
  switch (id) {
    case msg::inconsistent_tabs:
    case msg::unindent_mismatch:
    case msg::too_many_indent_levels:
    case msg::too_many_parens:
    case msg::unmatched_paren:
    case msg::paren_mismatch:
    case msg::paren_mismatch_line:
    case msg::never_closed:
    case msg::line_continuation:
    case msg::unexpected_eof:
    case msg::unterminated_string:
    case msg::unterminated_string_escaped_quote:
    case msg::unterminated_triple_string:
    case msg::unterminated_fstring:
    case msg::unterminated_triple_fstring:
    case msg::too_many_nested_fstrings:
    case msg::invalid_character:
    case msg::invalid_nonprintable:
    case msg::leading_zeros:
    case msg::invalid_number:
    case msg::invalid_digit:
    case msg::fstring_single_brace:
    case msg::fstring_expecting_brace:
    case msg::fstring_unmatched:
    case msg::fstring_nested_too_deeply:
    case msg::invalid_token:
      return true;
    default:
      return false;
  }
}

void lexer::fail3(msg id, std::uint32_t begin, std::uint32_t end, std::string_view a,
           std::string_view b, std::string_view c) {
  sink_.report(msg::invalid_token, begin, end, message_text(id, sink_.version(), a, b, c));
  stop(begin, true);
}

// An error of CPython's parser found while tokenizing (string contents): the parser raises it
// only once it has read the tokens after the string, so a tokenizer error there wins.
void lexer::defer(msg id, std::uint32_t begin, std::uint32_t end, std::string_view arg,
           std::string_view arg2) {
  if (pending_.set) return;
  pending_ = {true, id, begin, end, std::string(arg), std::string(arg2)};
}

void lexer::flush() {
  if (!pending_.set || failed_) return;
  pending_.set = false;
  fail(pending_.id, pending_.begin, pending_.end, pending_.arg, pending_.arg2, false);
}

void lexer::note_token(std::uint32_t begin, std::uint32_t end, bool colon, tok kind) {
  if (kind != tok::string) flush();
  if (line_tokens_ == 0) {
    line_start_ = begin;
    interesting_ = false;
    top_equals_ = 0;
    after_top_colon_ = false;
  }
  if (!interesting_) trigger(begin, end, kind);
  prev_kind_ = kind;
  if (tp_active_ || kind == tok::open) type_param_token(begin, end, kind);
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
  if (line_tokens_ == 1)
    second_operand_ = kind == tok::number || kind == tok::string ||
                      (kind == tok::name && !is_keyword(t_.substr(begin, end - begin)));
  // `def name` must go on with '(' (or '[' for type parameters).
  if (line_header_ == header::def_ && line_tokens_ == (line_async_ ? 3u : 2u))
    def_paren_ = t_.substr(begin, end - begin) == "(" || t_.substr(begin, end - begin) == "[";
  if (colon && level_ == 0 && mode_ == 0) top_colon_ = true;
  ++line_tokens_;
  last_colon_ = colon;
}

// A token some check of the tree pass is about makes its logical line interesting. Every
// tree check must have its trigger here, or it will not see lines without ERROR nodes:
//  - keywords and soft keywords with checks of their own (`del`, `lambda`, `except`, …),
//    names that are keywords to CPython (`async`, `await`), `print` and `exec`;
//  - `:=`, `*`, `**` (starred expressions, parameters, arguments), `<>`, `@`, augmented
//    assignment operators;
//  - an annotation (':' outside brackets, not ending a compound statement's header, or
//    followed by more on a one-line compound statement), a second '=' outside brackets;
//  - inside brackets: '=' (keyword arguments and defaults), `for` (comprehensions,
//    generator arguments), a ',' right after the opening bracket;
//  - two strings in a row (implicit concatenation).
void lexer::trigger(std::uint32_t begin, std::uint32_t end, tok kind) {
  std::string_view s = t_.substr(begin, end - begin);
  int depth = kind == tok::open ? level_ - 1 : level_;
  bool hit = false;
  switch (kind) {
    case tok::name:
      switch (s.size()) {  // the words with checks, by length
        case 2:
          hit = s == "as";
          break;
        case 3:
          hit = s == "del" || s == "def" || s == "try" || (s == "for" && depth > 0);
          break;
        case 4:
          hit = s == "with" || s == "from" || s == "case" || s == "type" || s == "exec";
          break;
        case 5:
          hit = s == "async" || s == "await" || s == "class" || s == "raise" || s == "match" ||
                s == "print" || s == "yield";
          break;
        case 6:
          hit = s == "except" || s == "lambda" || s == "assert" || s == "import";
          break;
        default:
          break;
      }
      break;
    case tok::string:
      hit = prev_kind_ == tok::string && line_tokens_ > 0;
      // Before 3.12 an f-string is one token: its replacement fields are only in the tree.
      if (minor_ < 12 && s.find('{') != std::string_view::npos) {
        for (char ch : s) {
          if (ch == '\'' || ch == '"') break;
          if (ch == 'f' || ch == 'F') hit = true;
        }
      }
      break;
    case tok::op:
      if (s == ":=" || s == "*" || s == "**" || s == "<>" || s == "@") {
        hit = true;
      } else if (s.size() >= 2 && s.back() == '=' && s != "==" && s != "!=" && s != "<=" &&
                 s != ">=") {
        hit = true;  // augmented assignment
      } else if (s == "=") {
        hit = depth > 0 || ++top_equals_ >= 2;
      } else if (s == ":" && depth == 0 && mode_ == 0) {
        if (line_header_ == header::none || line_header_ == header::ambiguous) hit = true;
        after_top_colon_ = true;
        return;
      } else if (s == "," && prev_kind_ == tok::open) {
        hit = true;
      }
      break;
    default:
      break;
  }
  // A one-line compound statement: what follows its ':' is a statement of its own.
  if (after_top_colon_ && depth == 0) hit = true;
  if (hit) interesting_ = true;
}

// Follows `def f[`, `async def f[`, `class C[` and `type A[` to the matching ']', splitting
// the parameters at top-level commas and noting each one's parts.
void lexer::type_param_token(std::uint32_t begin, std::uint32_t end, tok kind) {
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
void lexer::end_logical_line(std::uint32_t nl) {
  if (line_tokens_ > 0) facts_.newlines.push_back(nl);
  if (line_tokens_ > 0 && interesting_) {
    if (!facts_.interesting.empty() && facts_.interesting.back().end >= line_start_)
      facts_.interesting.back().end = nl;
    else
      facts_.interesting.push_back({line_start_, nl});
  }
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
  // `match x` / `case 1` without ':': a name, number or string right after the soft keyword
  // makes no expression statement (`match(x)`, `match.x`, `match - x` would).
  if (line_tokens_ > 1 && !top_colon_ && minor_ >= 10 &&
      (h == header::match_ || h == header::case_) && second_operand_)
    return fail(msg::expected_colon, nl, nl + 1, {}, {}, false);
  soft_header_nl_ = line_tokens_ > 0 && !top_colon_ && minor_ >= 10 &&
                            (h == header::match_ || h == header::case_)
                        ? nl
                        : no_error;
  top_colon_ = false;
  def_paren_ = false;
  if (line_tokens_ > 0 && last_colon_) {
    bool opens = line_header_ != header::none && line_header_ != header::ambiguous;
    // Only a compound statement's header may end with ':' (`x = lambda:` may not).
    if (!opens) {
      // A line that is only ':' fails on the ':' itself; otherwise the parser reads on to
      // the NEWLINE (`x :` could have been an annotation).
      if (line_tokens_ == 1)
        generic_error(line_first_[0].begin, line_first_[0].end);
      else
        generic_error(nl, nl + 1);
      line_tokens_ = 0;
      return;
    }
    expect_block_ = line_header_;
    after_colon_ = true;
    block_line_ = header_line_;
  } else {
    expect_block_ = header::none;
    after_colon_ = false;
  }
  line_tokens_ = 0;
}

void lexer::expected_block(std::uint32_t at) {
  if (minor_ >= 10)
    fail(msg::expected_indented_block, at, at + 1, header_name(expect_block_),
         std::to_string(block_line_), false);
  else
    fail(msg::expected_indented_block, at, at + 1, {}, {}, false);
}

// Indentation of a new logical line at p_; false after an error.
bool lexer::indentation(bool& blankline) {
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
    if (indent_ + 1 >= max_indent) {
      // 3.8's tokenizer points at the end of the line.
      if (minor_ == 8) {
        begin = p_;
        while (begin < t_.size() && !is_newline(static_cast<unsigned char>(t_[begin]))) ++begin;
        end = begin;
      }
      return fail(msg::too_many_indent_levels, begin, end, {}, {}, false), false;
    }
    if (altcol <= altindstack_[indent_])
      return fail(msg::inconsistent_tabs, begin, end, {}, {}, false), false;
    if (expect_block_ == header::none && !after_colon_) {
      // `match x` / `case y` without their ':' (3.10+): CPython sees the header first.
      if (soft_header_nl_ != no_error)
        return fail(msg::expected_colon, soft_header_nl_, soft_header_nl_ + 1, {}, {}, false), false;
      return fail(msg::unexpected_indent, begin, end, {}, {}, false), false;
    }
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

void lexer::at_eof() {
  if (level_ == 0 && line_tokens_ > 0) {  // the NEWLINE CPython adds to the last line
    flush();
    if (failed_) return;
    end_logical_line(n_);
    if (failed_) return;
  }
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

// One token of CPython's regular mode; false at the end of the text.
bool lexer::normal_token() {
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
bool lexer::continuation(std::uint32_t start) {
  int c = peek();
  if (!is_newline(c) && c != eof) return fail(msg::line_continuation, p_, p_ + 1), false;
  if (c != eof) consume_newline();
  if (peek() == eof) {
    // Inside brackets 3.10+ names the bracket, as at any other end of the text.
    if (level_ > 0 && minor_ >= 10) {
      const bracket& b = parens_[level_ - 1];
      return fail(msg::never_closed, b.offset, b.offset + 1, std::string_view(&b.c, 1)), false;
    }
    return fail(msg::unexpected_eof, start, start + 1), false;
  }
  return true;
}

bool lexer::operator_token(std::uint32_t start, bool colon) {
  field_token(start, p_, false);
  note_token(start, p_, colon);
  return true;
}

bool lexer::punctuation(std::uint32_t start, int c) {
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
    // An ERRORTOKEN: the parser's generic error.
    if (!generic_error(start, start + 1)) return false;
    ++p_;
    return operator_token(start, false);
  }
  return true;  // not reached: bytes >= 128 start names
}

// Length of the operator at p_ (1-3), or 0 for brackets and characters that are none.
std::uint32_t lexer::operator_length(int c) const noexcept {
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

bool lexer::closer(std::uint32_t start, char c) {
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
bool lexer::name_or_string(std::uint32_t start) {
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
bool lexer::verify_identifier(std::uint32_t start) {
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

}  // namespace lexing

token_facts check_tokens(std::string_view text, diagnostic_sink& sink, std::uint32_t begin,
                         std::uint32_t end) {
  lexing::lexer lx(text, sink, begin, std::min<std::uint32_t>(end, static_cast<std::uint32_t>(text.size())));
  return lx.run();
}

}  // namespace asynclift::detail
