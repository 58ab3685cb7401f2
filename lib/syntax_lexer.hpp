// The token pass of the syntax checks (internal): CPython's tokenizer, re-enacted over the
// whole text once, for the errors tree-sitter's own lexer does not see. See syntax_lexer.cpp.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "walker.hpp"

namespace asynclift::detail {

inline constexpr std::uint32_t no_error = 0xFFFFFFFFu;

// A type parameter list (`def f[...]`, `class C[...]`, `type A[...] =`), as its tokens show
// it: tree-sitter 0.25 does not know PEP 696 defaults and its trees for them vary, so the
// tree pass decides about these lists from here.
struct type_param {
  std::uint8_t stars = 0;       // 0: T, 1: *Ts, 2: **P
  bool named = false;           // a name where one belongs
  bool well_formed = true;      // nothing else between the name and ':' / '=' / ','
  bool bound = false;           // `: expr`
  bool constraints = false;     // `: (a, b)`
  bool has_default = false;     // `= expr`
  bool default_starred = false; // `= *expr`
  std::uint32_t bound_tokens = 0, default_tokens = 0;
  std::uint32_t name_begin = 0, name_end = 0, bound_begin = 0, equals = 0;
};
struct type_param_list {
  enum class owner : std::uint8_t { function, klass, alias } of = owner::function;
  std::uint32_t statement = 0;        // offset of the statement's first token
  std::uint32_t open = 0, close = 0;  // offsets of '[' and ']'
  std::uint32_t first = 0, count = 0; // its entries in token_facts::params
  bool closed = false;
};

// What the token pass tells the tree pass.
struct token_facts {
  // Byte offset of the first error CPython's tokenizer raises (it stops there), or no_error.
  std::uint32_t first_error = no_error;
  // True when the error makes CPython see different tokens than tree-sitter from there on
  // (an unterminated string, an unclosed bracket, …): tree errors after it are echoes.
  bool desynchronised = false;
  std::vector<type_param_list> type_param_lists;
  std::vector<type_param> params;
  // Logical lines the tree pass must look into: those holding a token some tree check is
  // about (a keyword such as `del` or `lambda`, `:=`, `*`, `=` inside brackets, …; see
  // lexer::trigger). Sorted, disjoint byte ranges. The tree pass skips subtrees that touch
  // none of them and have no ERROR node. Past `scanned_to` the text was not tokenized.
  struct range {
    std::uint32_t begin, end;
  };
  std::vector<range> interesting;
  std::uint32_t scanned_to = 0;
  // The NEWLINE tokens that end the logical lines holding tokens, in order (up to
  // `scanned_to`): statements must be separated by one of them or by ';'.
  std::vector<std::uint32_t> newlines;
};

// Tokenizes `text` (or the whole lines text[begin, end) as if they were all of it), reporting
// CPython's tokenizer errors to `sink`.
token_facts check_tokens(std::string_view text, diagnostic_sink& sink, std::uint32_t begin = 0,
                         std::uint32_t end = no_error);

}  // namespace asynclift::detail
