// Every diagnostic asynclift reports, with its stable code and CPython's wording for each
// target version (internal). All message text lives in messages.cpp.
#pragma once

#include <string>
#include <string_view>

#include "asynclift/analysis.hpp"
#include "asynclift/version.hpp"

namespace asynclift::detail {

enum class msg : unsigned char {
  // Tokenizer and parser (what tree-sitter accepts but CPython rejects, and tree-sitter's own
  // ERROR/MISSING nodes).
  invalid_syntax,  // "invalid syntax"
  unexpected_eof,
  expected_indented_block,  // %s = "'if' statement", %s = line
  unexpected_indent,
  unindent_mismatch,
  inconsistent_tabs,
  too_many_indent_levels,
  too_many_parens,
  unmatched_paren,
  paren_mismatch,
  paren_mismatch_line,  // 3 arguments
  never_closed,  // before 3.10: EOF
  line_continuation,
  unterminated_string,  // %s = line where the end of line was met
  unterminated_string_escaped_quote,
  unterminated_triple_string,
  unterminated_fstring,  // 3.12+
  unterminated_triple_fstring,  // 3.12+
  too_many_nested_fstrings,  // 3.12+
  parser_stack_overflow,  // MemoryError: nesting beyond the parser's stack
  invalid_character,  // %s = the character, %s = its hex code
  invalid_nonprintable,  // %s = hex code
  leading_zeros,
  invalid_number,  // %s = "decimal", "hexadecimal", …
  invalid_digit,
  bytes_non_ascii,
  bytes_mixed,
  unicode_escape,  // %s = "position 0-3: truncated \xXX escape"
  bytes_escape,  // %s = position
  fstring_single_brace,
  fstring_expecting_brace,
  fstring_backslash,  // before 3.12
  fstring_hash,  // before 3.12
  fstring_unmatched,
  fstring_paren_mismatch,  // before 3.12
  fstring_unterminated_string,  // before 3.12
  fstring_too_many_parens,  // before 3.12
  fstring_nested_too_deeply,
  fstring_empty,  // an empty expression before '}'
  fstring_empty_before,  // %s = '=', '!' or ':'
  fstring_invalid_conversion,  // %s = the conversion name
  fstring_missing_conversion,
  fstring_conversion_not_name,
  fstring_conversion_space,
  fstring_expecting_after_expr,  // 3.12+
  fstring_expecting_after_debug,  // 3.12+
  fstring_expecting_after_conversion,
  fstring_expecting_format_spec,
  fstring_lambda,
  fstring_expression_error,  // 3.9-3.11: an error inside a replacement field; %s = CPython's message
  peg_parser_keyword,  // 3.9 only
  multiple_exception_types,
  expected_exception_types,
  arguments_after_var_keyword,
  slash_first,
  slash_twice,
  slash_after_star,
  star_twice,
  bare_star_needs_names,
  default_order,
  params_parenthesized,
  lambda_params_parenthesized,
  unpacking_after_keyword_unpacking,
  positional_after_keyword_unpacking,
  positional_after_keyword,
  generator_must_be_parenthesized,
  unpacking_in_comprehension,
  expected_except_or_finally,
  except_and_except_star,
  trailing_comma_import,
  starred_dict_value,
  expected_lparen,
  expected_colon,
  cannot_assign_here,
  assign_to_yield,
  empty_type_params,
  tvt_bound,
  tvt_constraints,
  paramspec_bound,
  paramspec_constraints,
  maybe_equality,
  positional_patterns_after_keyword,
  real_number_required,
  imaginary_number_required,
  wildcard_as_target,
  parenthesized_starred,  // 3.9+
  walrus_target,
  keyword_argument_expression,
  var_positional_default,
  var_keyword_default,
  expected_default_value,
  expected_comma_slash_star,
  expected_argument_value,
  invalid_star_expression,
  assign_to_keyword_unpacking,
  assign_to_iterable_unpacking,
  dict_value_expected,
  dict_colon_expected,
  comprehension_target_parens,
  expected_else,
  forgot_comma,
  expected_import_names,
  import_from_order,
  not_after_operator,
  invalid_pattern_target,
  dict_unpacking_in_comprehension,
  in_expected,
  fstring_expecting_expression,  // 3.12+
  type_param_default_order,  // 3.13
  null_bytes,
  decode_error,             // the decoder's own text
  undecodable_name,         // bytes that are not UTF-8, by the token holding them
  undecodable_string,
  undecodable_fstring_code,
  undecodable_fstring_literal,
  lone_surrogate,           // in a notebook cell: code unit, position
  cannot_assign,            // "cannot assign to %s"
  cannot_delete,            // "cannot delete %s"
  illegal_augassign_target, // "'%s' is an illegal expression for augmented assignment"
  only_single_target_annotated,  // "only single target (not %s) can be annotated"
  illegal_annotation_target,
  print_missing_parens,     // Python 2 print statement
  exec_missing_parens,
  invalid_token,            // a message formatted elsewhere with message_text (3 arguments)
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
  starred_must_be_in_tuple,
  starred_not_allowed,
  multiple_starred,        // "two"/"multiple starred expressions in assignment"
  debug_assign,
  debug_delete,
  keyword_repeated,
  default_except_not_last,
  too_many_blocks,
  pattern_name_repeated,
  pattern_capture_unreachable,
  pattern_wildcard_unreachable,
  pattern_alternatives_differ,
  pattern_multiple_stars,
  pattern_not_literal,
  pattern_key_not_literal,
  pattern_duplicate_key,
  pattern_attribute_repeated,
  compile_recursion,  // RecursionError (3.10-3.12): nesting beyond the compiler's recursion limit
  // Warnings.
  top_level_locals,
  count_
};

// Stable kebab-case code, e.g. "nonlocal-without-binding".
std::string_view message_code(msg id) noexcept;

// CPython's message for the target version; `arg`, `arg2`, `arg3` fill the placeholders in order.
std::string message_text(msg id, python_version v, std::string_view arg = {},
                         std::string_view arg2 = {}, std::string_view arg3 = {});

// The phase of CPython that raises the message for the target version.
phase message_phase(msg id, python_version v) noexcept;

// The CPython exception class a message belongs to ("SyntaxError", "IndentationError", …).
std::string_view message_exception(msg id, python_version v) noexcept;

}  // namespace asynclift::detail
