// The statement and expression rewrites of the lift (internal): what must change, beyond
// hoisting names with `global`, for code in an async def to mean what it meant at module
// level. See lift_rewrite.cpp.
#pragma once

#include <tree_sitter/api.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "asynclift/lift.hpp"
#include "lift_edits.hpp"

namespace asynclift::detail {

struct rewrite_context {
  std::string_view text;
  lift_mode mode = lift_mode::exec;
  python_version target = default_python_version;
  bool future_annotations = false;  // `from __future__ import annotations`
  std::string_view holder;          // name of the wrapper-local def holding annotation strings
  std::string_view scratch;         // prefix of wrapper-local names no identifier of the source has
  const std::unordered_set<std::string_view>* bound = nullptr;  // names bound at module level
  TSNode last_expression{};         // last-expr: the statement whose value is returned
};

struct rewrite_facts {
  // The module has an annotated assignment at module level outside match blocks (also in
  // if/for/while/with/try blocks): CPython compiles SETUP_ANNOTATIONS into it.
  bool annotations_outside_match = false;
  // … inside a match block: CPython compiles SETUP_ANNOTATIONS for it only from 3.11.4 and
  // 3.12.0 on (gh-105164; 3.10 never does).
  bool annotations_in_match = false;
  // Under `from __future__ import annotations`: the annotation texts the holder def takes as
  // parameter annotations a0, a1, …, so that CPython stringifies them exactly as it would.
  std::vector<std::string> holder_annotations;
  // The body defines code objects (functions, classes, lambdas, comprehensions, type aliases).
  bool nested_code = false;
  // Builtins the lifted code calls by name, for the shadowing check.
  std::unordered_set<std::string_view> builtins_used;
  std::vector<diagnostic> warnings;
};

// Plans the rewrites of the module-level statements from `first` (a child of the module) to
// the end.
void plan_rewrites(const rewrite_context& ctx, TSNode first, edit_list& edits, rewrite_facts& facts);

}  // namespace asynclift::detail
