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

// For an editor's document: whether the top-level statement `statement` (a child of the module
// `root`), with the lines text[begin, end) that hold it and the comments and blank lines after
// it, has no syntax error. `begin` and `end` must be line starts at which a top-level statement
// starts (or the text's ends): CPython's tokenizer is then at column 0 with no bracket or string
// open, so when every such part of a text is clean, check_syntax finds no error in the text.
bool statement_syntax_clean(TSNode root, TSNode statement, std::string_view text, std::uint32_t begin,
                            std::uint32_t end, python_version target);

}  // namespace asynclift::detail
