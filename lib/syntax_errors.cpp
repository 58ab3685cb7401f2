// tree-sitter's ERROR and MISSING nodes, named after CPython's error where their shape says
// which one it is, and the few shapes that are valid Python tree-sitter cannot parse.
//
// tree-sitter recovers from a syntax error by wrapping what it could not fit in an ERROR node
// or by inventing a zero-width MISSING token. The message is CPython's where the shape is
// unambiguous:
//  - a MISSING ':' after a compound statement's header: "expected ':'" (3.10+);
//  - an ERROR holding an expression and '=' before the value of an expression statement, an
//    assignment to something that cannot be assigned: "cannot assign to %s", in the form each
//    version uses;
// and "invalid syntax" otherwise (the caller reports it, unless a specific error was found on
// the same line).
//
// tree-sitter-python 0.25's patterns have no starred sequence (`*[a, b]`, `*(a, b)`), which
// CPython accepts in any target: `[*(a, b)] = x`, `a, *[b, c] = x`, `[*[*a]] = y`. These
// come out as ERROR nodes of three shapes, recognised below and not reported when the target
// is valid.
#include "syntax_pass.hpp"

namespace asynclift::detail {
namespace {

// A list or tuple that is a valid assignment target and holds a starred sequence somewhere:
// what tree-sitter fails on. Iterative over nested sequences.
bool starred_sequence_target(const syntax_pass& p, TSNode n) {
  bool starred_sequence = false;
  TSNode stack[64];
  int top = 0;
  stack[top++] = n;
  while (top > 0) {
    TSNode e = stack[--top];
    switch (p.kind_of(e)) {
      case kind::identifier:
      case kind::attribute:
      case kind::subscript:
        break;
      case kind::list_splat:
      case kind::list_splat_pattern:
      case kind::parenthesized_expression: {
        if (ts_node_named_child_count(e) != 1) return false;
        TSNode inner = ts_node_named_child(e, 0);
        kind ik = p.kind_of(inner);
        if (p.kind_of(e) != kind::parenthesized_expression && (ik == kind::list || ik == kind::tuple))
          starred_sequence = true;
        if (top == 64) return false;
        stack[top++] = inner;
        break;
      }
      case kind::list:
      case kind::tuple:
        for (std::uint32_t i = 0, c = ts_node_named_child_count(e); i < c; ++i) {
          TSNode x = ts_node_named_child(e, i);
          if (ts_node_is_extra(x)) continue;
          if (top == 64) return false;
          stack[top++] = x;
        }
        break;
      default:
        return false;
    }
  }
  return starred_sequence;
}

bool only_equals(const syntax_pass& p, TSNode n) {
  return ts_node_child_count(n) == 1 && p.kind_of(ts_node_child(n, 0)) == kind::equals;
}

}  // namespace


namespace {

// Whether `b` begins on the line where `a` ends.
bool same_line(const syntax_pass& p, TSNode a, TSNode b) {
  std::string_view t = p.text();
  for (std::uint32_t i = ts_node_end_byte(a), e = ts_node_start_byte(b); i < e && i < t.size(); ++i)
    if (t[i] == '\n' || t[i] == '\r') return false;
  return true;
}

// The value after the '=' that ends ERROR node `n`: its next sibling, or the first named node
// after it when the ERROR is the last child of its parent.
TSNode value_after(TSNode n) {
  TSNode next = ts_node_next_sibling(n);
  while (!ts_node_is_null(next) && ts_node_is_extra(next)) next = ts_node_next_sibling(next);
  return next;
}

bool has_token(const syntax_pass& p, TSNode n, std::string_view text) {
  for (std::uint32_t i = 0, c = ts_node_child_count(n); i < c; ++i)
    if (p.text_of(ts_node_child(n, i)) == text) return true;
  return false;
}

}  // namespace

error_verdict check_error_node(syntax_pass& p, TSNode n) {
  if (ts_node_is_missing(n)) {
    if (p.kind_of(n) == kind::colon && p.minor() >= 10) {
      p.error(msg::expected_colon, n);
      return error_verdict::reported;
    }
    return error_verdict::generic;
  }
  const syntax_frame* parent = p.parent();
  const std::uint32_t c = ts_node_child_count(n);
  TSNode first = c > 0 ? ts_node_child(n, 0) : TSNode{};
  TSNode prev = ts_node_prev_sibling(n);

  // `a, *[b, c] = x`: ERROR(list) inside the starred target.
  if (parent && (parent->k == kind::list_splat || parent->k == kind::list_splat_pattern) &&
      ts_node_named_child_count(n) == 1) {
    TSNode seq = ts_node_named_child(n, 0);
    kind sk = p.kind_of(seq);
    if ((sk == kind::list || sk == kind::tuple) &&
        ts_node_is_null(find_invalid_target(p, seq, target_kind::assign).node))
      return error_verdict::valid;
  }

  // A lone '=' inside an expression tree-sitter built from the target and the value.
  if (only_equals(p, n) && parent) {
    switch (parent->k) {
      case kind::subscript: {
        // `[*[*a]] = [[7, 8, 9]]`, `[a, f()] = [1, 2]`: the value read as a subscript.
        TSNode value = p.child(parent->node, field::value);
        bool slices = false;
        for (std::uint32_t i = 0, cc = ts_node_named_child_count(parent->node); i < cc; ++i)
          if (p.kind_of(ts_node_named_child(parent->node, i)) == kind::slice) slices = true;
        if (ts_node_is_null(value) || slices) break;
        if (starred_sequence_target(p, value)) return error_verdict::valid;
        if (ts_node_is_null(find_invalid_target(p, value, target_kind::assign).node)) break;
        report_invalid_target(p, value, target_use::assign, true);
        return error_verdict::reported;
      }
      case kind::call: {
        // `(a, True) = (1, 2)`: the value read as the arguments of a call.
        TSNode function = p.child(parent->node, field::function);
        if (ts_node_is_null(function)) break;
        if (starred_sequence_target(p, function)) return error_verdict::valid;
        if (ts_node_is_null(find_invalid_target(p, function, target_kind::assign).node)) break;
        report_invalid_target(p, function, target_use::assign, true);
        return error_verdict::reported;
      }
      case kind::binary_operator: {
        // `f() += 1`: '+' and '=' with nothing between them.
        if (ts_node_is_null(prev) || ts_node_end_byte(prev) != ts_node_start_byte(n)) break;
        TSNode left = p.child(parent->node, field::left);
        if (ts_node_is_null(left)) break;
        // `a if b else c += 1`: the target is all that comes before '+='.
        TSNode whole = whole_operand(p, 1);
        if (!ts_node_is_null(whole) && !ts_node_eq(whole, parent->node)) left = whole;
        report_invalid_target(p, left, target_use::augmented, true);
        return error_verdict::reported;
      }
      case kind::yield:
        // `yield = 1`
        p.error(p.minor() >= 9 ? msg::assign_to_yield : msg::cannot_assign, parent->node,
                "yield expression");
        return error_verdict::reported;
      default:
        break;
    }
  }

  // ERROR(target "=") followed by the value: `f() = 1`, `a, f() = 1`, `x = f() = 1`.
  if (c == 2 && p.kind_of(ts_node_child(n, 1)) == kind::equals) {
    TSNode target = first;
    kind k = p.kind_of(target);
    TSNode value = value_after(n);
    // `[*(a, b)] = x`
    if ((k == kind::list || k == kind::tuple) && starred_sequence_target(p, target) &&
        !ts_node_is_null(value))
      return error_verdict::valid;
    if (!ts_node_is_null(find_invalid_target(p, target, target_kind::assign).node)) {
      bool follows = !ts_node_is_null(value) && same_line(p, n, value) &&
                     p.kind_of(value) != kind::assignment;
      if (follows && p.kind_of(value) == kind::expression_statement) {
        TSNode inner = ts_node_named_child(value, 0);
        follows = !ts_node_is_null(inner) && p.kind_of(inner) != kind::assignment;
      }
      report_invalid_target(p, target, target_use::assign, follows);
      return error_verdict::reported;
    }
  }

  // ERROR(target ":") before the annotation: `f(): int`, `[a, b]: int`.
  if (c == 2 && p.kind_of(ts_node_child(n, 1)) == kind::colon && ts_node_is_named(first)) {
    TSNode next = value_after(n);
    if (!ts_node_is_null(next) && p.kind_of(next) == kind::expression_statement &&
        same_line(p, n, next)) {
      kind k = p.kind_of(first);
      if (k == kind::list)
        p.error(msg::only_single_target_annotated, first, "list");
      else if (k == kind::tuple || k == kind::expression_list)
        p.error(msg::only_single_target_annotated, first, "tuple");
      else
        p.error(msg::illegal_annotation_target, first);
      return error_verdict::reported;
    }
  }

  // `for f() in y:` and `[z for f() in y]`: ERROR("for" target "in" ...).
  if (c >= 3 && p.kind_of(first) == kind::kw_for && p.kind_of(ts_node_child(n, 2)) == kind::kw_in) {
    TSNode target = ts_node_child(n, 1);
    if (!ts_node_is_null(find_invalid_target(p, target, target_kind::assign).node)) {
      report_invalid_target(p, target, target_use::loop, false);
      return error_verdict::reported;
    }
  }
  // `for a, f() in y:`: ERROR(target) in the for statement's target list.
  if (parent && (parent->k == kind::for_statement || parent->k == kind::for_in_clause) &&
      ts_node_named_child_count(n) == 1) {
    TSNode after = value_after(n);
    TSNode target = ts_node_named_child(n, 0);
    if (!ts_node_is_null(after) && p.kind_of(after) == kind::kw_in &&
        !ts_node_is_null(find_invalid_target(p, target, target_kind::assign).node)) {
      report_invalid_target(p, target, target_use::loop, false);
      return error_verdict::reported;
    }
  }

  // `(f() := 1)`: ':' '=' after the target.
  if (c >= 2 && p.kind_of(first) == kind::colon && p.kind_of(ts_node_child(n, 1)) == kind::equals &&
      ts_node_end_byte(first) == ts_node_start_byte(ts_node_child(n, 1)) && !ts_node_is_null(prev) &&
      ts_node_is_named(prev)) {
    report_invalid_target(p, prev, target_use::walrus, false);
    return error_verdict::reported;
  }

  if (parent && parent->k == kind::argument_list) {
    // `f(x()=2)`: '=' and a value after an argument that is no name.
    if (c >= 2 && p.kind_of(first) == kind::equals && !ts_node_is_null(prev) &&
        ts_node_is_named(prev) && p.kind_of(prev) != kind::identifier) {
      p.error(msg::keyword_argument_expression, prev);
      return error_verdict::reported;
    }
    // `f(a, x for x in y)`: a generator among other arguments.
    if (has_token(p, n, "for")) {
      TSNode call = p.ancestor(2) ? p.ancestor(2)->node : parent->node;
      p.error(msg::generator_must_be_parenthesized, call);
      return error_verdict::reported;
    }
  }
  return error_verdict::generic;
}

}  // namespace asynclift::detail
