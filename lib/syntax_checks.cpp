#include "syntax_checks.hpp"

#include "syntax_lexer.hpp"

namespace asynclift::detail {

void check_syntax(TSNode root, std::string_view text, diagnostic_sink& sink) {
  token_facts facts = check_tokens(text, sink);
  // Where CPython's tokenizer gave up, tree-sitter's recovery only echoes the same problem.
  std::uint32_t quiet_from = facts.first_error;
  if (quiet_from != no_error)
    while (quiet_from > 0 && text[quiet_from - 1] != '\n' && text[quiet_from - 1] != '\r') --quiet_from;
  auto echoes = [&](TSNode n) {
    if (quiet_from == no_error) return false;
    return ts_node_end_byte(n) > quiet_from;
  };
  const grammar& g = grammar::get();
  if (!ts_node_has_error(root)) return;
  TSTreeCursor c = ts_tree_cursor_new(root);
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    bool descend = ts_node_has_error(n);
    if (ts_node_is_missing(n)) {
      if (!echoes(n)) sink.report(msg::invalid_syntax, n);
      descend = false;
    } else if (g.kind_of(n) == kind::ERROR) {
      if (!echoes(n)) sink.report(msg::invalid_syntax, n);
      descend = false;
    }
    if (descend && ts_tree_cursor_goto_first_child(&c)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (!ts_tree_cursor_goto_parent(&c)) {
        ts_tree_cursor_delete(&c);
        return;
      }
    }
  }
}

}  // namespace asynclift::detail
