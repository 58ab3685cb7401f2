// Pieces of the analysis shared by one-shot analysis (analyse.cpp) and documents
// (document.cpp) (internal).
#pragma once

#include <string_view>
#include <vector>

#include "asynclift/analysis.hpp"
#include "syntax_tree.hpp"
#include "walker.hpp"

namespace asynclift::detail {

// Finishes an analysis whose diagnostics the sink holds: module-scope replay (module
// bindings, global/nonlocal order at module level), the verdict, sorting by position.
void finish_analysis(analysis& a, const std::vector<module_event>& events,
                     std::vector<async_site> sites, diagnostic_sink& sink);

// Why the analysed text is an unfinished statement more lines could complete, or none.
unfinished_kind unfinished(const analysis& a);

// The analysis of `source`; with `keep_tree`, also the tree it was made from (lift reuses it
// instead of parsing again). `keep_tree` stays empty when the source was not parsed.
analysis analyse_source(parser& p, source_text source, const analyse_options& options,
                        tree_ptr* keep_tree);

// False when the text cannot need async execution: it has neither `async` nor `await`.
bool may_need_async(std::string_view text) noexcept;

}  // namespace asynclift::detail
