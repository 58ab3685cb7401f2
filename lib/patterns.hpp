// The compiler's checks on `match` statements (internal): unreachable cases, names bound twice,
// or-patterns binding different names, repeated keys and attributes (CPython 3.10+).
#pragma once

#include <tree_sitter/api.h>

#include <string_view>

#include "walker.hpp"

namespace asynclift::detail {

void check_match_patterns(TSNode match, std::string_view text, diagnostic_sink& sink);

}  // namespace asynclift::detail
