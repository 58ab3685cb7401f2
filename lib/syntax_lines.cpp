// Statements and logical lines: what tree-sitter's grammar lets through between statements.
//
// tree-sitter-python only asks its scanner for a NEWLINE where the grammar can use one, so it
// parses `f(1)yield`, `"""doc"""raise E` and `global a b` as two statements on one line, and
// `x = ⏎ y = 1` as one assignment over two lines. CPython's tokenizer emits a NEWLINE at the
// end of every logical line and its grammar needs one (or ';') after each simple statement.
// With the token pass's NEWLINE offsets this is checked statement by statement: two
// statements of one block need a NEWLINE or a ';' between them (the error is at the second;
// the NEWLINE is looked for from the first one's start, since a block's range takes in the
// comment lines after its last statement, which have no NEWLINE),
// and a simple statement must not contain one (the error is at the NEWLINE).
#include <algorithm>

#include "syntax_checks.hpp"
#include "syntax_lexer.hpp"
#include "syntax_pass.hpp"

namespace asynclift::detail {
namespace {

bool compound(kind k) noexcept {
  switch (k) {
    case kind::function_definition:
    case kind::class_definition:
    case kind::decorated_definition:
    case kind::if_statement:
    case kind::for_statement:
    case kind::while_statement:
    case kind::try_statement:
    case kind::with_statement:
    case kind::match_statement:
      return true;
    default:
      return false;
  }
}

// Parts of a compound statement that hold statements (or more such parts).
bool holds_statements(kind k) noexcept {
  switch (k) {
    case kind::block:
    case kind::elif_clause:
    case kind::else_clause:
    case kind::except_clause:
    case kind::finally_clause:
    case kind::case_clause:
    case kind::function_definition:
    case kind::class_definition:
      return true;
    default:
      return false;
  }
}

// Whether a NEWLINE lies in [begin, end).
bool newline_in(const std::vector<std::uint32_t>& nl, std::uint32_t begin, std::uint32_t end) {
  auto it = std::lower_bound(nl.begin(), nl.end(), begin);
  return it != nl.end() && *it < end;
}

std::uint32_t first_token_end(TSNode n) {
  while (ts_node_child_count(n) > 0) n = ts_node_child(n, 0);
  return ts_node_end_byte(n);
}

// Checks the children of every node in `containers` (and of the containers found among them).
void check_containers(syntax_pass& p, std::vector<TSNode> containers, const token_facts& facts) {
  const std::vector<std::uint32_t>& nl = facts.newlines;
  // Only where the token pass read the text and found no error: past it CPython stopped.
  const std::uint32_t limit = std::min(facts.scanned_to, facts.first_error);
  while (!containers.empty()) {
    const TSNode parent = containers.back();
    containers.pop_back();
    const kind pk = p.kind_of(parent);
    const bool statements = pk == kind::module || pk == kind::block;
    TSNode prev{};
    bool separated = true;  // by a ';' since the previous statement
    TSTreeCursor c = ts_tree_cursor_new(parent);
    for (bool more = ts_tree_cursor_goto_first_child(&c); more; more = ts_tree_cursor_goto_next_sibling(&c)) {
      const TSNode s = ts_tree_cursor_current_node(&c);
      const kind k = p.kind_of(s);
      if (k == kind::semicolon) {
        separated = true;
        continue;
      }
      if (!ts_node_is_named(s) || k == kind::comment || k == kind::line_continuation) continue;
      if (ts_node_end_byte(s) > limit) break;
      if (k == kind::ERROR) {  // the tree checks report it
        prev = TSNode{};
        continue;
      }
      if (holds_statements(k) || compound(k)) containers.push_back(s);
      if (!statements) continue;
      const std::uint32_t begin = ts_node_start_byte(s), end = ts_node_end_byte(s);
      if (!ts_node_is_null(prev) && !separated && !newline_in(nl, ts_node_start_byte(prev), begin)) {
        p.generic_error(begin, first_token_end(s), true);
      } else if (!compound(k) && k != kind::case_clause && newline_in(nl, begin, end)) {
        const std::uint32_t at = *std::lower_bound(nl.begin(), nl.end(), begin);
        p.generic_error(at, at + 1, true);
      }
      prev = s;
      separated = false;
    }
    ts_tree_cursor_delete(&c);
  }
}

}  // namespace

void check_statement_lines(syntax_pass& p, TSNode root, const token_facts& facts) {
  check_containers(p, {root}, facts);
}

void check_statement_lines_of(syntax_pass& p, TSNode statement, const token_facts& facts) {
  // As a child of the module, where the statement before it ended on an earlier line.
  const kind k = p.kind_of(statement);
  const std::uint32_t begin = ts_node_start_byte(statement), end = ts_node_end_byte(statement);
  if (end > std::min(facts.scanned_to, facts.first_error)) return;
  if (!compound(k) && newline_in(facts.newlines, begin, end)) {
    const std::uint32_t at = *std::lower_bound(facts.newlines.begin(), facts.newlines.end(), begin);
    p.generic_error(at, at + 1, true);
  }
  if (holds_statements(k) || compound(k)) check_containers(p, {statement}, facts);
}

}  // namespace asynclift::detail
