// PEP 695/696 type parameter lists read from the text, for the lists tree-sitter-python 0.25
// cannot parse: it knows no defaults (`[T = int, *Ts = *tuple[int], **P = [int]]`, 3.13) and
// recovers from them with ERROR nodes of many shapes. The walker reads such a list here and
// parses each bound and default on its own (parser::parse_fragment).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace asynclift::detail {

struct text_span {
  std::uint32_t begin = 0, end = 0;
  bool empty() const noexcept { return begin >= end; }
};

struct type_param_text {
  text_span name;
  std::uint8_t stars = 0;  // 0: TypeVar, 1: TypeVarTuple, 2: ParamSpec
  text_span bound;         // after ':', up to '=' or the end of the parameter
  text_span default_value; // after '='
};

// The parameters of the list whose '[' is at `open`, and the offset of its ']' in `close`
// (the end of the text when the list is not closed). Strings, comments and nested brackets
// are skipped as the tokenizer would; a malformed parameter yields an empty name.
std::vector<type_param_text> read_type_params(std::string_view text, std::uint32_t open,
                                              std::uint32_t& close);

}  // namespace asynclift::detail
