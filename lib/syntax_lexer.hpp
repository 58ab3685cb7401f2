// The token pass of the syntax checks (internal): CPython's tokenizer, re-enacted over the
// whole text once, for the errors tree-sitter's own lexer does not see. See syntax_lexer.cpp.
#pragma once

#include <cstdint>
#include <string_view>

#include "walker.hpp"

namespace asynclift::detail {

inline constexpr std::uint32_t no_error = 0xFFFFFFFFu;

// What the token pass tells the tree pass.
struct token_facts {
  // Byte offset of the first error CPython's tokenizer raises (it stops there), or no_error.
  std::uint32_t first_error = no_error;
  // True when the error makes CPython see different tokens than tree-sitter from there on
  // (an unterminated string, an unclosed bracket, …): tree errors after it are echoes.
  bool desynchronised = false;
};

token_facts check_tokens(std::string_view text, diagnostic_sink& sink);

}  // namespace asynclift::detail
