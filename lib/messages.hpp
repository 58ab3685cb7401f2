// Every diagnostic asynclift reports, with its stable code and CPython's wording for each
// target version (internal). All message text lives in messages.cpp.
#pragma once

#include <string>
#include <string_view>

#include "asynclift/version.hpp"

namespace asynclift::detail {

enum class msg : unsigned char {
  // Tokenizer and parser (what tree-sitter accepts but CPython rejects, and tree-sitter's own
  // ERROR/MISSING nodes).
  invalid_syntax,           // "invalid syntax"
  expected_indented_block,  // "expected an indented block"
  unexpected_indent,
  unindent_mismatch,
  inconsistent_tabs,
  too_many_indent_levels,
  too_many_parens,
  null_bytes,
  decode_error,             // the decoder's own text
  keyword_as_identifier,    // e.g. "invalid syntax" / "cannot assign to True"
  cannot_assign,            // "cannot assign to %s"
  cannot_delete,            // "cannot delete %s"
  illegal_augassign_target, // "'%s' is an illegal expression for augmented assignment"
  only_single_target_annotated,  // "only single target (not %s) can be annotated"
  illegal_annotation_target,
  print_missing_parens,     // Python 2 print statement
  exec_missing_parens,
  version_feature,          // "%s is only supported in Python 3.X and greater"-like
  invalid_token,            // generic tokenizer complaint with its own text
  // Symbol table.
  global_param,
  global_after_assign,
  global_after_use,
  global_annot,
  nonlocal_param,
  nonlocal_after_assign,
  nonlocal_after_use,
  nonlocal_annot,
  nonlocal_at_module,
  nonlocal_no_binding,
  nonlocal_and_global,
  nonlocal_type_param,
  import_star_not_module,
  duplicate_argument,
  duplicate_type_param,
  walrus_comp_in_class,
  walrus_rebinds_iter_var,
  walrus_in_comp_iterable,
  comp_inner_loop_rebinds_walrus,
  yield_in_comprehension,   // "'yield' inside %s"
  annotation_forbidden,     // "%s cannot be used within an annotation" (3.10+ future annotations)
  forbidden_in_type_scope,  // "%s cannot be used within %s" (PEP 695 scopes)
  walrus_comp_in_type_scope,
  comprehension_in_class_annotation_scope,
  // Compiler.
  return_outside_function,
  yield_outside_function,
  yield_from_outside_function,
  await_outside_function,
  await_outside_async_function,
  async_for_outside_async,
  async_with_outside_async,
  async_comprehension_outside_async,
  break_outside_loop,
  continue_outside_loop,
  return_value_in_async_generator,
  yield_from_in_async,
  future_not_first,
  future_unknown,
  future_braces,
  except_star_control_flow,
  multiple_starred,
  starred_must_be_in_tuple,
  starred_not_allowed,
  starred_multiple_old,
  debug_assign,
  debug_delete,
  keyword_repeated,
  default_except_not_last,
  pattern_name_repeated,
  pattern_capture_unreachable,
  pattern_wildcard_unreachable,
  pattern_alternatives_differ,
  pattern_multiple_stars,
  pattern_not_literal,
  pattern_key_not_literal,
  pattern_duplicate_key,
  pattern_attribute_repeated,
  // Warnings.
  top_level_locals,
  count_
};

// Stable kebab-case code, e.g. "nonlocal-without-binding".
std::string_view message_code(msg id) noexcept;

// CPython's message for the target version; `arg` fills the one placeholder, if any.
std::string message_text(msg id, python_version v, std::string_view arg = {},
                         std::string_view arg2 = {});

// The CPython exception class a message belongs to ("SyntaxError", "IndentationError", …).
std::string_view message_exception(msg id, python_version v) noexcept;

}  // namespace asynclift::detail
