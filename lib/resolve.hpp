// Pass 2 of the analysis (internal): resolve `nonlocal` declarations against the bindings of
// enclosing scopes, as CPython's analyze_block does with its `bound` sets.
#pragma once

#include "walker.hpp"

namespace asynclift::detail {

void resolve_nonlocals(const walk_result& r, diagnostic_sink& sink);

}  // namespace asynclift::detail
