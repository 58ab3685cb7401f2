// Syntax checks: everything CPython's tokenizer and parser reject for the target version,
// although tree-sitter-python accepts it, and tree-sitter's own ERROR and MISSING nodes.
//
// tree-sitter's grammar is one lenient grammar for all Python versions (Python 2's print
// statement included), and its error recovery hides where CPython would stop. Two passes
// close the gap, each once over the input:
//
// 1. The token pass (syntax_lexer.cpp) re-enacts CPython's tokenizer over the text: what it
//    rejects is found there (numbers, strings, f-strings, indentation, brackets, characters).
//    It stops at the first error, as CPython does.
// 2. The tree pass (this file) walks the tree once, iteratively with a tree cursor (no
//    recursion: 10^5-deep expressions are fine), keeping the path from the root so a check
//    can look at a node's parents. Each node kind goes to the checks of its theme:
//    syntax_targets.cpp (what may be assigned, deleted, bound), syntax_params.cpp (parameter
//    and argument lists), syntax_statements.cpp (statement forms tree-sitter takes too
//    freely), syntax_versions.cpp (syntax newer than the target version) and
//    syntax_errors.cpp (ERROR and MISSING nodes, named after CPython's error when their shape
//    tells which one).
//
// One problem, one diagnostic: after a token error that makes CPython see other tokens than
// tree-sitter (an unterminated string, an unclosed bracket), the tree from that line on is an
// echo and is not checked; a generic "invalid syntax" for an ERROR node is left out when a
// specific error was reported on its line.
#include "syntax_checks.hpp"

#include <algorithm>

#include "syntax_lexer.hpp"
#include "syntax_pass.hpp"

namespace asynclift::detail {

void syntax_pass::error(msg id, std::uint32_t begin, std::uint32_t end, std::string_view arg,
                        std::string_view arg2, bool force) {
  if (begin >= quiet_from_ || (!force && is_quiet(begin))) return;
  reported_.push_back(begin);
  if (in_fstring() && minor_ >= 9 && minor_ <= 11) {
    sink_.report(msg::fstring_expression_error, begin, end,
                 message_text(id, sink_.version(), arg, arg2));
    return;
  }
  sink_.report(id, begin, end, arg, false, arg2);
}

std::string_view syntax_pass::expression_name(TSNode n) const noexcept {
  // Parentheses are no node of CPython's: name what they hold.
  while (kind_of(n) == kind::parenthesized_expression && ts_node_named_child_count(n) > 0)
    n = ts_node_named_child(n, 0);
  switch (kind_of(n)) {
    case kind::identifier:
      return "name";
    case kind::attribute:
      return "attribute";
    case kind::subscript:
      return "subscript";
    case kind::list_splat:
    case kind::list_splat_pattern:
      return "starred";
    case kind::list:
    case kind::list_pattern:
      return "list";
    case kind::tuple:
    case kind::tuple_pattern:
    case kind::expression_list:
    case kind::pattern_list:
      return "tuple";
    case kind::lambda:
      return "lambda";
    case kind::call:
      return "function call";
    case kind::boolean_operator:
    case kind::binary_operator:
    case kind::unary_operator:
    case kind::not_operator:
      return minor_ < 10 ? "operator" : "expression";
    case kind::generator_expression:
      return "generator expression";
    case kind::yield:
      return "yield expression";
    case kind::await:
      return "await expression";
    case kind::list_comprehension:
      return "list comprehension";
    case kind::set_comprehension:
      return "set comprehension";
    case kind::dictionary_comprehension:
      return "dict comprehension";
    case kind::dictionary:
      return minor_ < 10 ? "dict display" : "dict literal";
    case kind::set:
      return "set display";
    case kind::string:
    case kind::concatenated_string: {
      // An f-string anywhere in it makes it a JoinedStr.
      TSNode s = kind_of(n) == kind::string ? n : ts_node_named_child(n, 0);
      for (std::uint32_t i = 0, c = kind_of(n) == kind::string ? 1 : ts_node_named_child_count(n);
           i < c; ++i) {
        if (kind_of(n) != kind::string) s = ts_node_named_child(n, i);
        TSNode start = ts_node_named_child(s, 0);
        if (ts_node_is_null(start)) continue;
        for (char ch : text_of(start))
          if (ch == 'f' || ch == 'F') return "f-string expression";
      }
      return "literal";
    }
    case kind::integer:
    case kind::float_:
      return "literal";
    case kind::true_:
      return "True";
    case kind::false_:
      return "False";
    case kind::none:
      return "None";
    case kind::ellipsis:
      return minor_ < 10 ? "Ellipsis" : "ellipsis";
    case kind::comparison_operator:
      return "comparison";
    case kind::conditional_expression:
      return "conditional expression";
    case kind::named_expression:
      return "named expression";
    default:
      return "expression";
  }
}

bool syntax_pass::worth_visiting(TSNode n) const noexcept {
  if (!facts_ || ts_node_has_error(n)) return true;
  std::uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
  if (e > facts_->scanned_to || b >= facts_->scanned_to) return true;
  const auto& r = facts_->interesting;
  // The first range ending after b.
  auto it = std::lower_bound(r.begin(), r.end(), b + 1,
                             [](const token_facts::range& x, std::uint32_t at) { return x.end < at; });
  return it != r.end() && it->begin < std::max(e, b + 1);
}

bool syntax_pass::is_fstring_at(std::uint32_t at) const noexcept {
  for (std::uint32_t i = at; i < text_.size(); ++i) {
    char c = text_[i];
    if (c == 'f' || c == 'F') return true;
    if (c == '\'' || c == '"') return false;
  }
  return false;
}

void syntax_pass::run(TSNode root, TSNode statement) {
  const bool one = !ts_node_is_null(statement);
  cursor_ = ts_tree_cursor_new(root);
  TSTreeCursor c = ts_tree_cursor_new(one ? statement : root);
  path_.clear();
  path_.push_back({root, kind_of(root)});
  // Visits the node at the end of the path; whether to walk into it.
  auto enter = [this]() {
    const syntax_frame& f = path_.back();
    std::uint32_t start = ts_node_start_byte(f.node);
    if (start >= quiet_from_) return false;
    if (ts_node_is_named(f.node)) {
      visit(f.node, f.k);
      // Nothing to check in an ERROR node's parts, nor inside a string without
      // replacement fields (its prefix, before the quote, has no 'f').
      if (f.k == kind::ERROR || (f.k == kind::string && !is_fstring_at(start))) return false;
      // Only where the token pass saw something to check (or tree-sitter an error).
      return worth_visiting(f.node);
    }
    if (ts_node_is_missing(f.node)) visit(f.node, f.k);  // a MISSING token
    return true;
  };
  bool descend;
  if (one) {
    // The module node itself has nothing to check: the walk starts at its child.
    path_.push_back({statement, kind_of(statement)});
    descend = enter();
  } else {
    visit(root, path_.back().k);
    descend = true;
  }
  for (;;) {
    if (descend && ts_tree_cursor_goto_first_child(&c)) {
      TSNode n = ts_tree_cursor_current_node(&c);
      path_.push_back({n, kind_of(n)});
    } else {
      for (;;) {
        leave(path_.back().k);
        if (ts_tree_cursor_goto_next_sibling(&c)) break;
        path_.pop_back();
        if (!ts_tree_cursor_goto_parent(&c)) {
          ts_tree_cursor_delete(&c);
          goto done;
        }
      }
      TSNode n = ts_tree_cursor_current_node(&c);
      path_.back() = {n, kind_of(n)};
    }
    descend = enter();
  }
done:
  ts_tree_cursor_delete(&cursor_);
  // Generic errors, unless something specific was said about the same line.
  std::sort(reported_.begin(), reported_.end());
  auto line_of = [this](std::uint32_t at) {
    while (at > 0 && text_[at - 1] != '\n' && text_[at - 1] != '\r') --at;
    return at;
  };
  std::vector<std::uint32_t> strong_lines;
  for (const pending_error& e : generic_)
    if (!e.weak) strong_lines.push_back(line_of(e.begin));
  std::sort(strong_lines.begin(), strong_lines.end());
  for (const pending_error& e : generic_) {
    std::uint32_t line_begin = line_of(e.begin);
    auto it = std::lower_bound(reported_.begin(), reported_.end(), line_begin);
    if (it != reported_.end() && *it <= std::max(e.end, e.begin + 1)) continue;
    if (e.weak && std::binary_search(strong_lines.begin(), strong_lines.end(), line_begin)) continue;
    if (is_quiet(e.begin)) continue;
    if (e.fstring && minor_ >= 9 && minor_ <= 11)
      sink_.report(msg::fstring_expression_error, e.begin, e.end,
                   message_text(msg::invalid_syntax, sink_.version()));
    else
      sink_.report(msg::invalid_syntax, e.begin, e.end);
  }
}

void syntax_pass::visit(TSNode n, kind k) {
  if (k == kind::ERROR || (ts_node_is_missing(n))) {
    if (check_error_node(*this, n) == error_verdict::generic)
      generic_.push_back({ts_node_start_byte(n), ts_node_end_byte(n), in_fstring()});
    return;
  }
  switch (k) {
    case kind::identifier:
      check_identifier(*this, n);
      return;
    case kind::assignment:
      check_assignment(*this, n);
      return;
    case kind::augmented_assignment:
      check_augmented_assignment(*this, n);
      return;
    case kind::delete_statement:
      check_delete(*this, n);
      return;
    case kind::with_item:
      check_with_item(*this, n);
      return;
    case kind::except_clause:
      check_except_clause(*this, n);
      check_version(*this, n, k);
      return;
    case kind::named_expression:
      check_named_expression(*this, n);
      return;
    case kind::as_pattern:
      // tree-sitter names both the expression `x as y` and the pattern `p as name` so.
      if (path_.size() >= 2 && (path_[path_.size() - 2].k == kind::case_pattern))
        check_pattern(*this, n, k);
      else
        check_as_pattern(*this, n);
      return;
    case kind::tuple_pattern:
      check_parenthesized_star(*this, n);
      check_pattern(*this, n, k);
      return;
    case kind::tuple:
    case kind::parenthesized_expression:
      check_parenthesized_star(*this, n);
      return;
    case kind::dict_pattern:
    case kind::class_pattern:
    case kind::complex_pattern:
    case kind::list_pattern:
    case kind::case_clause:
      check_pattern(*this, n, k);
      return;
    case kind::await:
      check_await(*this, n);
      return;
    case kind::lambda:
      check_lambda_place(*this, n);
      return;
    case kind::yield:
      check_yield_place(*this, n);
      return;
    case kind::list_splat:
      check_list_splat(*this, n);
      return;
    case kind::parameters:
      check_parameters(*this, n, false);
      return;
    case kind::lambda_parameters:
      check_parameters(*this, n, true);
      return;
    case kind::argument_list:
      check_arguments(*this, n);
      return;
    case kind::for_in_clause:
      check_for_in_clause(*this, n);
      return;
    case kind::interpolation:
      ++interpolations_;
      return;
    case kind::print_statement:
    case kind::exec_statement:
    case kind::raise_statement:
    case kind::assert_statement:
    case kind::import_statement:
    case kind::import_from_statement:
    case kind::future_import_statement:
    case kind::comparison_operator:
    case kind::concatenated_string:
    case kind::try_statement:
    case kind::dictionary:
    case kind::list_comprehension:
    case kind::set_comprehension:
    case kind::generator_expression:
    case kind::slice:
      check_statement(*this, n, k);
      check_version(*this, n, k);
      return;
    case kind::match_statement:
      check_pattern(*this, n, k);
      check_version(*this, n, k);
      return;
    case kind::type_alias_statement:
    case kind::function_definition:
    case kind::class_definition:
    case kind::decorator:
    case kind::with_clause:
    case kind::subscript:
    case kind::set:
    case kind::for_statement:
    case kind::type_parameter:
      check_version(*this, n, k);
      return;
    default:
      return;
  }
}

void syntax_pass::leave(kind k) {
  if (k == kind::interpolation) --interpolations_;
}

void check_syntax(TSNode root, std::string_view text, diagnostic_sink& sink) {
  token_facts facts = check_tokens(text, sink);
  // From the line of a token error that makes CPython see other tokens than tree-sitter, the
  // tree only echoes that error.
  // Before 3.10 CPython's parser reports its own error first when it comes earlier on that
  // line (from 3.10 a tokenizer error replaces a generic parser error).
  const bool parser_first = minor(sink.version()) < 10;
  std::uint32_t quiet_from = no_error;
  if (facts.first_error != no_error && facts.desynchronised) {
    quiet_from = facts.first_error;
    if (!parser_first)
      while (quiet_from > 0 && text[quiet_from - 1] != '\n' && text[quiet_from - 1] != '\r')
        --quiet_from;
  }
  syntax_pass pass(text, sink);
  pass.quiet_from(quiet_from);
  if (facts.first_error != no_error && !(parser_first && facts.desynchronised))
    pass.note_reported(facts.first_error);
  pass.only_in(&facts);
  check_type_params(pass, facts);
  check_statement_lines(pass, root, facts);
  pass.run(root);
}

bool statement_syntax_clean(TSNode root, TSNode statement, std::string_view text, std::uint32_t begin,
                            std::uint32_t end, python_version target) {
  std::vector<diagnostic> found;
  diagnostic_sink sink(target, found);
  token_facts facts = check_tokens(text, sink, begin, end);
  if (!found.empty() || facts.first_error != no_error) return false;
  syntax_pass pass(text, sink);
  pass.only_in(&facts);
  check_type_params(pass, facts);
  check_statement_lines_of(pass, statement, facts);
  pass.run(root, statement);
  return found.empty();
}

}  // namespace asynclift::detail
