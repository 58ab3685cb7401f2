// The shape of the module for the lift (internal): see lift_module.cpp.
#pragma once

#include <tree_sitter/api.h>

#include <string_view>
#include <unordered_set>
#include <vector>

#include "asynclift/lift.hpp"

namespace asynclift::detail {

// Where the module level ends and the wrapper's body begins.
struct module_split {
  TSNode first_body{};       // null: the wrapper's body is empty
  TSNode last_expression{};  // last-expr: the statement whose value the wrapper returns
  bool future_annotations = false;  // `from __future__ import annotations`
};

// The docstring stays at module level (in interactive mode only when `from __future__` imports
// follow it, with a warning; in last-expr mode unless it is the last statement), and so do
// the future imports after it.
module_split split_module(TSNode root, std::string_view text, lift_mode mode,
                          std::vector<diagnostic>& warnings);

// Whether an expression statement assigns: `a = b`, `a += b`, `a, *[b] = x`, and `[*(a, b)] = x`, which
// tree-sitter reads as a subscript with an ERROR holding the '='.
bool assigns(TSNode expression_statement);

// Every identifier of the source (names, attributes, keyword arguments: anything the wrapper
// or one of its locals could collide with).
std::unordered_set<std::string_view> identifiers(TSNode root, std::string_view text);

}  // namespace asynclift::detail
