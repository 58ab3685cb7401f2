// Pass 2 of the analysis (internal): resolve `nonlocal` declarations against the bindings of
// enclosing scopes, as CPython's analyze_block does with its `bound` sets.
#pragma once

#include "walker.hpp"

namespace asynclift::detail {

// Checks the nonlocal declarations r.nonlocals[first…].
void resolve_nonlocals(const walk_result& r, std::size_t first, diagnostic_sink& sink);

// Module scope: replays the module events in order — `global`/`nonlocal` after a use or
// binding, `nonlocal` at module level — and returns the names bound in module scope in order
// of first binding.
std::vector<std::string_view> resolve_module(const std::vector<module_event>& events,
                                             diagnostic_sink& sink);

}  // namespace asynclift::detail
