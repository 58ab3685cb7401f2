// Syntax checks (internal): what CPython's tokenizer and parser reject for the target version
// but tree-sitter accepts, plus tree-sitter's own ERROR and MISSING nodes.
#pragma once

#include <tree_sitter/api.h>

#include <string_view>

#include "walker.hpp"

namespace asynclift::detail {

void check_syntax(TSNode root, std::string_view text, diagnostic_sink& sink);

}  // namespace asynclift::detail
