// Syntax checks (internal): what CPython's tokenizer and parser reject for the target version
// although tree-sitter-python accepts it, plus tree-sitter's own ERROR and MISSING nodes, with
// CPython's wording. One pass over the text (syntax_lexer.cpp) and one walk over the tree
// (syntax_checks.cpp and the syntax_*.cpp files it names).
#pragma once

#include <tree_sitter/api.h>

#include <string_view>

#include "walker.hpp"

namespace asynclift::detail {

// Reports to `sink` every syntax error found, for the sink's target version. Runs once per
// file; costs one scan of `text` and one walk of the parts of the tree that can hold one.
void check_syntax(TSNode root, std::string_view text, diagnostic_sink& sink);

}  // namespace asynclift::detail
