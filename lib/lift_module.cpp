// The shape of the module, as the lift needs it: which statements stay at module level (the
// docstring, `from __future__` imports), where the wrapper's body starts, which statement
// last-expr returns, and every identifier (for names the lift must not collide with).
#include "lift_module.hpp"

#include "syntax_tree.hpp"

namespace asynclift::detail {
namespace {

// CPython's docstring: a first statement that is a str literal (implicitly concatenated or
// parenthesised; not an f-string, not bytes).
bool is_docstring(TSNode stmt, std::string_view text) {
  const grammar& g = grammar::get();
  if (g.kind_of(stmt) != kind::expression_statement || ts_node_named_child_count(stmt) != 1)
    return false;
  TSNode e = ts_node_named_child(stmt, 0);
  while (g.kind_of(e) == kind::parenthesized_expression && ts_node_named_child_count(e) == 1)
    e = ts_node_named_child(e, 0);
  auto plain = [&](TSNode s) {
    if (g.kind_of(s) != kind::string) return false;
    for (char ch : node_text(ts_node_child(s, 0), text)) {
      if (ch == 'f' || ch == 'F' || ch == 'b' || ch == 'B') return false;
      if (ch == '"' || ch == '\'') break;
    }
    return true;
  };
  if (g.kind_of(e) == kind::string) return plain(e);
  if (g.kind_of(e) != kind::concatenated_string) return false;
  for (std::uint32_t i = 0; i < ts_node_named_child_count(e); ++i)
    if (!plain(ts_node_named_child(e, i))) return false;
  return true;
}

bool imports_future_annotations(TSNode stmt, std::string_view text) {
  const grammar& g = grammar::get();
  const TSFieldId name_field = g.field_id(field::name);
  for (std::uint32_t i = 0, n = ts_node_child_count(stmt); i < n; ++i) {
    const char* field_name = ts_node_field_name_for_child(stmt, i);
    if (!field_name || std::string_view(field_name) != "name") continue;
    TSNode f = ts_node_child(stmt, i);
    if (g.kind_of(f) == kind::aliased_import) f = ts_node_child_by_field_id(f, name_field);
    if (node_text(f, text) == "annotations") return true;
  }
  return false;
}

}  // namespace

std::unordered_set<std::string_view> identifiers(TSNode root, std::string_view text) {
  std::unordered_set<std::string_view> out;
  const grammar& g = grammar::get();
  TSTreeCursor c = ts_tree_cursor_new(root);
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    if (g.kind_of(n) == kind::identifier) out.insert(node_text(n, text));
    if (ts_tree_cursor_goto_first_child(&c)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (!ts_tree_cursor_goto_parent(&c)) {
        ts_tree_cursor_delete(&c);
        return out;
      }
    }
  }
}

bool assigns(TSNode stmt) {
  const grammar& g = grammar::get();
  if (!ts_node_is_null(starred_sequence_assignment(g, stmt))) return true;  // `a, *[b] = x`
  if (ts_node_named_child_count(stmt) != 1) return false;
  TSNode e = ts_node_named_child(stmt, 0);
  const kind k = g.kind_of(e);
  if (k == kind::assignment || k == kind::augmented_assignment) return true;
  if (k != kind::subscript) return false;
  for (std::uint32_t i = 0, c = ts_node_child_count(e); i < c; ++i)
    if (is_lone_equals(g, ts_node_child(e, i))) return true;
  return false;
}

module_split split_module(TSNode root, std::string_view text, lift_mode mode,
                          std::vector<diagnostic>& warnings) {
  const grammar& g = grammar::get();
  std::vector<TSNode> stmts;
  for (std::uint32_t i = 0, n = ts_node_named_child_count(root); i < n; ++i) {
    TSNode s = ts_node_named_child(root, i);
    if (g.kind_of(s) != kind::comment) stmts.push_back(s);
  }
  module_split out;
  const bool ends_with_expression =
      !stmts.empty() && g.kind_of(stmts.back()) == kind::expression_statement &&
      !assigns(stmts.back());
  std::size_t i = 0;
  if (!stmts.empty() && is_docstring(stmts[0], text)) {
    const bool futures_follow = stmts.size() > 1 && g.kind_of(stmts[1]) == kind::future_import_statement;
    bool keep = true;
    if (mode == lift_mode::interactive) {
      keep = futures_follow;
      if (keep) {
        diagnostic d;
        d.code = "lift-interactive-docstring";
        d.level = severity::warning;
        d.message = "a `from __future__` import must follow this string, so it stays a "
                    "docstring at module level instead of going to sys.displayhook";
        d.range = {ts_node_start_byte(stmts[0]), ts_node_end_byte(stmts[0])};
        warnings.push_back(std::move(d));
      }
    } else if (mode == lift_mode::last_expr) {
      keep = stmts.size() > 1;
    }
    if (keep) i = 1;
  }
  for (; i < stmts.size() && g.kind_of(stmts[i]) == kind::future_import_statement; ++i)
    out.future_annotations = out.future_annotations || imports_future_annotations(stmts[i], text);
  if (i < stmts.size()) out.first_body = stmts[i];
  if (mode == lift_mode::last_expr && ends_with_expression && i < stmts.size())
    out.last_expression = stmts.back();
  return out;
}


}  // namespace asynclift::detail
