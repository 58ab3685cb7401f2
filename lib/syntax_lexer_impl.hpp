// The token pass (internal): the lexer shared by syntax_lexer.cpp (the character loop,
// indentation and logical lines, brackets, names, the lines the tree pass must see, type
// parameter lists), syntax_literals.cpp (numbers, strings, escape sequences) and
// syntax_fstrings.cpp (f-strings before and since 3.12). What it checks and why:
// syntax_lexer.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "messages.hpp"
#include "syntax_lexer.hpp"

namespace asynclift::detail::lexing {



constexpr int max_indent = 100;         // MAXINDENT
constexpr int max_level = 200;          // MAXLEVEL
constexpr int max_fstring_level = 150;  // MAXFSTRINGLEVEL
constexpr int max_expr_nesting = 3;     // MAX_EXPR_NESTING (3.12+)
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

// Python's hard keywords.
bool is_keyword(std::string_view s) noexcept;
// Code point at s[0] and its length in bytes; an invalid sequence reads as U+FFFD, 1 byte.
std::pair<char32_t, std::uint32_t> decode_utf8(std::string_view s) noexcept;
// Py_UNICODE_ISPRINTABLE: not Cc, Cf, Cs, Co, Cn, Zl, Zp, or Zs other than the space.
bool is_printable(char32_t c) noexcept;
// "%04X"
std::string hex4(char32_t c);

// The statement a logical line opens, when its first tokens say so.
enum class header : std::uint8_t {
  none,       // a simple statement
  ambiguous,  // ends with ':' but opens no block CPython would accept (`x = lambda:`)
  if_, elif_, else_, for_, while_, try_, except_, except_star, finally_, with_, def_, class_,
  match_, case_
};
header header_of(std::string_view name) noexcept;
// How CPython 3.10+ names the statement in "expected an indented block after %s".
std::string_view header_name(header h) noexcept;

// What note_token is told about a token.
enum class tok : std::uint8_t { name, number, string, op, open, close };

struct bracket {
  char c;
  std::uint32_t offset;
  std::uint32_t line;
};

// A 3.12+ replacement field, as far as its tokens tell: `{ expr [=] [!name] [:spec] }`.
enum class phase : std::uint8_t { expression, after_debug, conversion, after_conversion, spec };
struct replacement_field {
  phase ph = phase::expression;
  bool lambda = false;         // a `lambda` at the top of the expression
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
  std::uint32_t start = 0;  // offset of the prefix
  std::uint32_t start_line = 0;
  int curly_depth = 0;        // brackets of any kind opened inside the f-string
  int expr_start_depth = -1;  // nesting of replacement fields (format specs hold fields)
  replacement_field fields[max_expr_nesting];
};

class lexer {
 public:
  // Tokenizes text[begin, end) (a run of whole lines; the offsets stay the text's), as if it
  // were the whole text.
  lexer(std::string_view text, diagnostic_sink& sink, std::uint32_t begin, std::uint32_t end)
      : t_(text), n_(end), sink_(sink), minor_(minor(sink.version())), p_(begin), line_start_(begin) {}

  token_facts run();

 private:
  // --- characters --------------------------------------------------------------------------
  int peek(std::uint32_t ahead = 0) const noexcept {
    std::uint32_t i = p_ + ahead;
    return i < n_ ? static_cast<unsigned char>(t_[i]) : eof;
  }
  // Consumes a line terminator (LF, CR LF or CR) at p_, counting the line.
  void consume_newline() noexcept {
    if (t_[p_] == '\r' && p_ + 1 < n_ && t_[p_ + 1] == '\n') ++p_;
    ++p_;
    ++line_;
  }

  // --- errors (syntax_lexer.cpp) -----------------------------------------------------------
  // fail() reports and stops; defer() holds a parser-level string error until the next
  // non-string token shows whether an earlier parser error would win; generic_error() is the
  // plain "invalid syntax" that a later tokenizer error replaces on 3.10+.
  void fail(msg id, std::uint32_t begin, std::uint32_t end, std::string_view arg = {},
            std::string_view arg2 = {}, bool desync = true);
  void fail3(msg id, std::uint32_t begin, std::uint32_t end, std::string_view a,
             std::string_view b, std::string_view c);
  bool generic_error(std::uint32_t begin, std::uint32_t end);
  static bool tokenizer_error(msg id) noexcept;
  void defer(msg id, std::uint32_t begin, std::uint32_t end, std::string_view arg = {},
             std::string_view arg2 = {});
  void flush();
  void stop(std::uint32_t at, bool desync) {
    failed_ = true;
    facts_.first_error = at;
    facts_.desynchronised = desync;
  }

  // --- logical lines, indentation, triggers, type parameters (syntax_lexer.cpp) ------------
  void note_token(std::uint32_t begin, std::uint32_t end, bool colon, tok kind = tok::op);
  void trigger(std::uint32_t begin, std::uint32_t end, tok kind);
  void type_param_token(std::uint32_t begin, std::uint32_t end, tok kind);
  void end_logical_line(std::uint32_t nl);
  void expected_block(std::uint32_t at);
  bool indentation(bool& blankline);
  void at_eof();
  // Where CPython reports an error at the end of the text: the last line, not the one after.
  std::uint32_t eof_offset() const noexcept {
    std::uint32_t at = n_;
    if (at > 0 && t_[at - 1] == '\n') --at;
    if (at > 0 && t_[at - 1] == '\r') --at;
    return at;
  }

  // --- tokens (syntax_lexer.cpp) -----------------------------------------------------------
  bool normal_token();
  bool continuation(std::uint32_t start);
  bool operator_token(std::uint32_t start, bool colon);
  bool punctuation(std::uint32_t start, int c);
  std::uint32_t operator_length(int c) const noexcept;
  bool closer(std::uint32_t start, char c);
  bool name_or_string(std::uint32_t start);
  bool verify_identifier(std::uint32_t start);

  // --- numbers (syntax_literals.cpp) -------------------------------------------------------
  bool end_of_number(std::uint32_t start, const char* kind);
  bool glued_name(std::uint32_t);
  bool decimal_tail(std::uint32_t start);
  bool number_token(std::uint32_t start);
  bool number(std::uint32_t start);
  bool number_fraction(std::uint32_t start);
  bool number_after_fraction(std::uint32_t start);
  bool number_exponent(std::uint32_t start);
  bool number_imaginary(std::uint32_t start);

  // --- strings and escapes (syntax_literals.cpp) -------------------------------------------
  bool string(std::uint32_t start, std::uint32_t quote, bool bytes, bool raw, bool fstring);
  bool unterminated(std::uint32_t start, char quote, std::uint8_t size, bool escaped_quote,
                    bool fstring);
  bool string_token(std::uint32_t start, std::uint32_t body, std::uint32_t body_end, bool bytes,
                    bool raw, bool fstring);
  void escapes(std::uint32_t start, std::uint32_t b, std::uint32_t e, bool bytes);
  void skip_char(std::uint32_t& i, std::uint32_t e, std::uint32_t& pos, bool bytes);
  bool escape(std::uint32_t start, std::uint32_t& i, std::uint32_t e, std::uint32_t& pos,
              bool bytes);
  bool glued(std::uint32_t start);

  // --- f-strings before 3.12, after string_parser.c (syntax_fstrings.cpp) ------------------
  bool legacy_fstring(std::uint32_t start, std::uint32_t b, std::uint32_t e, bool raw);
  bool legacy_fail(msg id, std::uint32_t at, std::string_view arg = {}, std::string_view arg2 = {});
  bool legacy_parse(std::uint32_t& s, std::uint32_t end, bool raw, int lvl);
  bool legacy_expr(std::uint32_t& s, std::uint32_t end, bool raw, int lvl);

  // --- f-strings since 3.12, PEP 701 (syntax_fstrings.cpp) ---------------------------------
  bool fstring_start(std::uint32_t start, char q, std::uint8_t size, bool raw);
  void fstring_literal();
  void open_field(fstring_mode& m);
  void field_token(std::uint32_t begin, std::uint32_t end, bool is_string,
                   std::string_view name = {});
  static bool can_start_expression(std::string_view s, bool name);
  bool close_field(std::uint32_t at);

  std::string_view t_;
  std::uint32_t n_;
  diagnostic_sink& sink_;
  int minor_;
  token_facts facts_;
  bool failed_ = false;

  std::uint32_t p_ = 0;
  std::uint32_t line_ = 1;
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
  bool interesting_ = false;       // the tree pass must see this logical line
  std::uint32_t line_start_ = 0;   // offset of its first token
  int top_equals_ = 0;             // '=' outside brackets so far
  bool after_top_colon_ = false;   // past a ':' outside brackets
  tok prev_kind_ = tok::op;
  bool def_paren_ = false;  // `def name` is followed by '(' or '['
  bool second_operand_ = false;  // the line's second token is a name, number or string
  std::uint32_t soft_header_nl_ = no_error;  // end of a `match`/`case` line without ':'
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
    std::uint32_t begin = 0, end = 0;
  } generic_;  // a generic parser error waiting for a tokenizer error (3.10+)
  struct {
    bool set = false;
    msg id = msg::invalid_syntax;
    std::uint32_t begin = 0, end = 0;
    std::string arg, arg2;
  } pending_;
};

}  // namespace asynclift::detail::lexing
