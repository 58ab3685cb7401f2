#include "syntax_checks.hpp"

namespace asynclift::detail {

void check_syntax(TSNode root, std::string_view text, diagnostic_sink& sink) {
  (void)text;
  const grammar& g = grammar::get();
  if (!ts_node_has_error(root)) return;
  TSTreeCursor c = ts_tree_cursor_new(root);
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    bool descend = ts_node_has_error(n);
    if (ts_node_is_missing(n)) {
      sink.report(msg::invalid_syntax, n);
      descend = false;
    } else if (g.kind_of(n) == kind::ERROR) {
      sink.report(msg::invalid_syntax, n);
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
