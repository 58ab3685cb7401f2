// Targets: what may be assigned to, deleted, annotated, bound by `as` or by `:=`, and the
// names that are keywords.
//
// tree-sitter's `pattern` rule already keeps most nonsense out of assignment targets (it
// turns `f() = 1` into an ERROR node, see syntax_errors.cpp), but several places take any
// expression: `del`, the target of `with ... as`, the name after `except ... as`; an annotated
// or augmented assignment accepts a tuple; and tree-sitter accepts `x as y` and `x := y` as
// expressions anywhere, `async` and `await` as names, and any primary after `await`.
// CPython's grammar (its invalid_* rules, `_PyPegen_get_invalid_target`) names the first
// offending expression: "cannot delete function call", "'tuple' is an illegal expression for
// augmented assignment", "only single target (not list) can be annotated", …
#include "syntax_pass.hpp"

namespace asynclift::detail {
namespace {

bool has_comma(const syntax_pass& p, TSNode n) {
  for (std::uint32_t i = 0, c = ts_node_child_count(n); i < c; ++i)
    if (p.kind_of(ts_node_child(n, i)) == kind::comma) return true;
  return false;
}

// `(x)`, `(x,)`, `()`: a parenthesised pattern is a tuple only with a comma or when empty.
bool is_tuple_pattern(const syntax_pass& p, TSNode n) {
  return p.kind_of(n) == kind::tuple_pattern &&
         (has_comma(p, n) || ts_node_named_child_count(n) == 0);
}

}  // namespace

invalid_target find_invalid_target(syntax_pass& p, TSNode n, target_kind k) {
  std::vector<TSNode>& stack = p.scratch();
  // Sequences are pushed in reverse so that elements come out in source order; a null node
  // marks the end of a display (to keep track of `in_display`).
  int displays = 0;
  bool parenthesized = false;
  stack.push_back(n);
  while (!stack.empty()) {
    TSNode e = stack.back();
    stack.pop_back();
    if (ts_node_is_null(e)) {
      --displays;
      continue;
    }
    switch (p.kind_of(e)) {
      case kind::identifier:
      case kind::attribute:
      case kind::subscript:
        parenthesized = false;
        continue;
      case kind::list_splat:
      case kind::list_splat_pattern:
        if (k == target_kind::del) continue;  // "cannot delete starred": the walker's
        [[fallthrough]];
      case kind::parenthesized_expression:
        if (ts_node_named_child_count(e) == 0) continue;
        parenthesized = p.kind_of(e) == kind::parenthesized_expression;
        stack.push_back(ts_node_named_child(e, 0));
        continue;
      case kind::tuple:
      case kind::list:
      case kind::tuple_pattern:
      case kind::list_pattern:
      case kind::expression_list:
      case kind::pattern_list: {
        kind ek = p.kind_of(e);
        bool display = ek != kind::expression_list && ek != kind::pattern_list;
        // `(x)` as a pattern is a name in parentheses.
        if (ek == kind::tuple_pattern && ts_node_named_child_count(e) == 1) {
          bool comma = false;
          for (std::uint32_t i = 0, c = ts_node_child_count(e); i < c; ++i)
            if (p.kind_of(ts_node_child(e, i)) == kind::comma) comma = true;
          display = comma;
        }
        if (display) {
          ++displays;
          stack.push_back(TSNode{});
        }
        for (std::uint32_t i = ts_node_named_child_count(e); i-- > 0;) {
          TSNode x = ts_node_named_child(e, i);
          if (!ts_node_is_extra(x)) stack.push_back(x);
        }
        parenthesized = false;
        continue;
      }
      default:
        return {e, displays > 0, parenthesized};
    }
  }
  return {};
}

namespace {

// A bitwise_or in CPython's grammar: what 3.10+'s invalid_named_expression looks at.
bool is_bitwise_or(const syntax_pass& p, const invalid_target& t) {
  switch (p.kind_of(t.node)) {
    case kind::comparison_operator:
    case kind::not_operator:
    case kind::boolean_operator:
    case kind::conditional_expression:
    case kind::lambda:
    case kind::generator_expression:  // excluded by the rule itself, like lists and tuples
    case kind::true_:
    case kind::false_:
    case kind::none:
      return false;
    case kind::named_expression:
    case kind::yield:
      return t.parenthesized;
    default:
      return true;
  }
}

}  // namespace

void report_invalid_target(syntax_pass& p, TSNode target, target_use use, bool value_follows) {
  const int v = p.minor();
  if (use == target_use::augmented) {
    if (v >= 9) {
      TSNode whole = target;
      while (p.kind_of(whole) == kind::parenthesized_expression && ts_node_named_child_count(whole) == 1)
        whole = ts_node_named_child(whole, 0);
      p.error(msg::illegal_augassign_target, target, p.expression_name(whole));
      return;
    }
    invalid_target bad = find_invalid_target(p, target, target_kind::assign);
    if (ts_node_is_null(bad.node))
      p.error(msg::illegal_augassign_target, target);
    else
      p.error(msg::cannot_assign, bad.node, p.expression_name(bad.node));
    return;
  }
  if (use == target_use::walrus) {
    p.error(msg::walrus_target, target, p.expression_name(target));
    return;
  }
  invalid_target bad = find_invalid_target(p, target, target_kind::assign);
  if (ts_node_is_null(bad.node)) return;
  if (use == target_use::assign && v >= 10 && value_follows && !bad.in_display &&
      is_bitwise_or(p, bad)) {
    p.error(msg::cannot_assign_here, bad.node, p.expression_name(bad.node));
    return;
  }
  p.error(msg::cannot_assign, bad.node, p.expression_name(bad.node));
}

TSNode whole_operand(const syntax_pass& p, std::size_t up) {
  const syntax_frame* f = p.ancestor(up);
  if (!f) return TSNode{};
  TSNode node = f->node;
  for (std::size_t i = up + 1;; ++i) {
    const syntax_frame* a = p.ancestor(i);
    if (!a) return node;
    switch (a->k) {
      case kind::not_operator:
      case kind::conditional_expression:
      case kind::boolean_operator:
      case kind::comparison_operator:
      case kind::lambda:
      case kind::binary_operator:
      case kind::unary_operator:
      case kind::await:
        if (ts_node_end_byte(a->node) != ts_node_end_byte(node)) return node;
        node = a->node;
        continue;
      default:
        return node;
    }
  }
}

void check_identifier(syntax_pass& p, TSNode n) {
  std::uint32_t len = ts_node_end_byte(n) - ts_node_start_byte(n);
  if (len != 5 && len != 14) return;
  std::string_view s = p.text_of(n);
  // tree-sitter reads `async` and `await` as names where a keyword cannot go; both are
  // keywords in every version this checks.
  if (s == "async" || s == "await") {
    p.error(msg::invalid_syntax, n);
  } else if (s == "__peg_parser__" && p.minor() == 9) {
    p.error(msg::peg_parser_keyword, n);
  }
}

void check_parenthesized_star(syntax_pass& p, TSNode n) {
  // `(*x)`: a starred expression in parentheses without a comma (3.9+ parser; 3.8's compiler
  // rejects some of these, the walker says which).
  if (p.minor() < 9 || ts_node_named_child_count(n) != 1 || has_comma(p, n)) return;
  TSNode e = ts_node_named_child(n, 0);
  kind k = p.kind_of(e);
  if (k == kind::list_splat || k == kind::list_splat_pattern)
    p.error(msg::parenthesized_starred, e);
}

void check_list_splat(syntax_pass& p, TSNode n) {
  // `f'{*x}'`: before 3.12 CPython compiles the expression part in parentheses, `(*x)`.
  const syntax_frame* parent = p.parent();
  if (parent && parent->k == kind::interpolation && p.minor() >= 9 && p.minor() < 12)
    p.error(msg::parenthesized_starred, n);
  // `f(* *a)`, `[* **a]`: a star takes an expression, not another star (one error a chain).
  if (parent && parent->k == kind::list_splat) return;
  TSNode value = ts_node_named_child(n, 0);
  // tree-sitter binds the second star to the head of a chain: `** f(a)` is `*(*f)(a)`.
  while (!ts_node_is_null(value) && (p.kind_of(value) == kind::call || p.kind_of(value) == kind::attribute ||
                                     p.kind_of(value) == kind::subscript))
    value = ts_node_named_child(value, 0);
  if (!ts_node_is_null(value) &&
      (p.kind_of(value) == kind::list_splat || p.kind_of(value) == kind::dictionary_splat))
    p.error(p.minor() >= 13 ? msg::invalid_star_expression : msg::invalid_syntax, value);
}

// A '*' in an annotation where CPython takes none, or a null node. tree-sitter binds '*' tighter
// than '|' (`*a | b` is a union of `*a` and `b`): a star at the head of the annotation stands
// for the whole of it, which only `*args` may have (3.11+); any other star is misplaced.
TSNode misplaced_annotation_star(const syntax_pass& p, TSNode annotation, bool star_parameter) {
  TSNode stack[32];
  int top = 0;
  stack[top++] = annotation;
  while (top > 0) {
    TSNode n = stack[--top];
    const kind k = p.kind_of(n);
    if (k == kind::splat_type || k == kind::list_splat) {
      const bool leading = ts_node_start_byte(n) == ts_node_start_byte(annotation);
      if (!(leading && star_parameter && p.minor() >= 11)) return n;
      continue;
    }
    if (k == kind::subscript || k == kind::attribute || k == kind::call) {
      // `*tuple[int]`: the star binds to the head of the chain.
      if (ts_node_named_child_count(n) > 0) stack[top++] = ts_node_named_child(n, 0);
      continue;
    }
    if (k != kind::type && k != kind::union_type && k != kind::binary_operator) continue;
    for (std::uint32_t i = 0, c = ts_node_named_child_count(n); i < c && top < 32; ++i)
      stack[top++] = ts_node_named_child(n, i);
  }
  return TSNode{};
}

// tree-sitter's grammar takes a lambda wherever an expression goes; CPython's only where a
// whole `expression` goes: not after `not`, beside `and`/`or`, as a conditional's or (3.9+) a
// comprehension's test, or after `*`/`**` in a display (a call's `*args`/`**kwargs` take one).
void check_lambda_place(syntax_pass& p, TSNode n) {
  const syntax_frame* parent = p.parent();
  if (!parent) return;
  bool invalid = false;
  switch (parent->k) {
    case kind::not_operator:
    case kind::boolean_operator:
      invalid = true;
      break;
    case kind::conditional_expression:
      invalid = ts_node_eq(ts_node_named_child(parent->node, 1), n);
      break;
    case kind::if_clause:  // a comprehension's condition (3.8's grammar took a lambda there)
      invalid = p.minor() >= 9;
      break;
    case kind::list_splat:
    case kind::dictionary_splat: {
      const syntax_frame* owner = p.ancestor(2);
      invalid = owner && owner->k != kind::argument_list;
      break;
    }
    default:
      break;
  }
  if (invalid) p.error(msg::invalid_syntax, n);
}

// A yield expression is an element of no display: `[1, yield 2]`, `(1, yield 2)`, `{yield 2}`
// need parentheses around it.
void check_yield_place(syntax_pass& p, TSNode n) {
  const syntax_frame* parent = p.parent();
  if (parent && (parent->k == kind::list || parent->k == kind::tuple || parent->k == kind::set))
    p.error(msg::invalid_syntax, n);
}

void check_await(syntax_pass& p, TSNode n) {
  // `await` takes a primary: not `await -x`, `await await x`, `await *x`.
  TSNode arg = ts_node_named_child(n, 0);
  if (ts_node_is_null(arg)) return;
  // In `await await await x` the parser stops at the second `await`: one error per chain.
  const syntax_frame* parent = p.parent();
  if (parent && parent->k == kind::await) return;
  kind k = p.kind_of(arg);
  if (k == kind::unary_operator || k == kind::await || k == kind::list_splat)
    p.error(msg::invalid_syntax, arg);
}

void check_delete(syntax_pass& p, TSNode n) {
  for (std::uint32_t i = 0, c = ts_node_named_child_count(n); i < c; ++i) {
    if (ts_node_is_extra(ts_node_named_child(n, i))) continue;
    invalid_target bad = find_invalid_target(p, ts_node_named_child(n, i), target_kind::del);
    if (!ts_node_is_null(bad.node)) {
      p.error(msg::cannot_delete, bad.node, p.expression_name(bad.node));
      return;
    }
  }
}

void check_assignment(syntax_pass& p, TSNode n) {
  TSNode left = p.child(n, field::left);
  TSNode type = p.child(n, field::type);
  TSNode right = p.child(n, field::right);
  if (!ts_node_is_null(type)) {
    // `((a)): int` is a name in parentheses, `(()): int` an empty tuple.
    while (!ts_node_is_null(left) && p.kind_of(left) == kind::tuple_pattern &&
           !is_tuple_pattern(p, left) && ts_node_named_child_count(left) == 1)
      left = ts_node_named_child(left, 0);
    if (!ts_node_is_null(left)) {
      kind lk = p.kind_of(left);
      if (lk == kind::pattern_list || is_tuple_pattern(p, left))
        p.error(msg::only_single_target_annotated, left, "tuple");
      else if (lk == kind::list_pattern)
        p.error(msg::only_single_target_annotated, left, "list");
      else if (lk == kind::list_splat_pattern)
        p.error(p.minor() < 9 ? msg::illegal_annotation_target : msg::invalid_syntax, left);
    }
    // `x: *a`, `x: *a | b` (only `*args: *Ts` takes a starred annotation), `x: a: b`.
    TSNode t = ts_node_named_child(type, 0);
    TSNode star = misplaced_annotation_star(p, type, false);
    if (!ts_node_is_null(star))
      p.error(msg::invalid_syntax, star);
    else if (!ts_node_is_null(t) && p.kind_of(t) == kind::constrained_type)
      p.error(msg::invalid_syntax, t);
    // `x: int = y = 1`
    if (!ts_node_is_null(right) && (p.kind_of(right) == kind::assignment ||
                                    p.kind_of(right) == kind::augmented_assignment))
      p.error(msg::invalid_syntax, right);
  } else if (!ts_node_is_null(right) && p.kind_of(right) == kind::assignment) {
    // `f = a: 0`: an annotation is no value; CPython stops at its ':'.
    TSNode inner_type = p.child(right, field::type);
    if (!ts_node_is_null(inner_type)) {
      TSNode colon = ts_node_prev_sibling(inner_type);
      p.error(msg::invalid_syntax, ts_node_is_null(colon) ? inner_type : colon);
    }
  }
}

void check_augmented_assignment(syntax_pass& p, TSNode n) {
  TSNode left = p.child(n, field::left);
  if (!ts_node_is_null(left)) {
    std::string_view what;
    switch (p.kind_of(left)) {
      case kind::pattern_list:
        what = "tuple";
        break;
      case kind::tuple_pattern:
        if (is_tuple_pattern(p, left)) what = "tuple";
        break;
      case kind::list_pattern:
        what = "list";
        break;
      case kind::list_splat_pattern:
        what = "starred";
        break;
      default:
        break;
    }
    if (!what.empty()) p.error(msg::illegal_augassign_target, left, what);
  }
  TSNode right = p.child(n, field::right);
  if (!ts_node_is_null(right) && (p.kind_of(right) == kind::assignment ||
                                  p.kind_of(right) == kind::augmented_assignment))
    p.error(msg::invalid_syntax, right);
}

void check_with_item(syntax_pass& p, TSNode n) {
  // `with a as b`, and since 3.9 `with (a as b):` / `with (a as b,):`, which tree-sitter reads
  // as one item holding a parenthesised expression or a tuple.
  TSNode value = p.child(n, field::value);
  if (ts_node_is_null(value)) return;
  std::uint32_t count = 1;
  kind vk = p.kind_of(value);
  if (vk == kind::parenthesized_expression || vk == kind::tuple)
    count = ts_node_named_child_count(value);
  for (std::uint32_t i = 0; i < count; ++i) {
    TSNode item = vk == kind::parenthesized_expression || vk == kind::tuple
                      ? ts_node_named_child(value, i)
                      : value;
    // The as_pattern may be the last operand of an operator (`with a if b else c as t`).
    while (!ts_node_is_null(item) && p.kind_of(item) != kind::as_pattern &&
           ts_node_named_child_count(item) > 0) {
      kind ik = p.kind_of(item);
      if (ik != kind::conditional_expression && ik != kind::boolean_operator &&
          ik != kind::not_operator && ik != kind::comparison_operator && ik != kind::lambda &&
          ik != kind::binary_operator && ik != kind::unary_operator && ik != kind::await)
        break;
      item = ts_node_named_child(item, ts_node_named_child_count(item) - 1);
    }
    if (ts_node_is_null(item) || p.kind_of(item) != kind::as_pattern) continue;
    TSNode alias = p.child(item, field::alias);
    if (ts_node_is_null(alias) || ts_node_named_child_count(alias) == 0) continue;
    TSNode target = ts_node_named_child(alias, 0);
    if (!ts_node_is_null(find_invalid_target(p, target, target_kind::assign).node)) {
      report_invalid_target(p, target, target_use::with, false);
      return;
    }
  }
}

void check_except_clause(syntax_pass& p, TSNode n) {
  TSFieldId value_id = p.g().field_id(field::value);
  TSFieldId alias_id = p.g().field_id(field::alias);
  std::uint32_t values = 0;
  TSNode first{}, alias{};
  bool star = false;
  std::uint32_t i = 0;
  p.each_child(n, [&](TSNode ch, TSFieldId f) {
    if (f == value_id) {
      if (values++ == 0) first = ch;
    } else if (f == alias_id) {
      alias = ch;
    } else if (i == 1 && p.kind_of(ch) == kind::star) {  // `except*` is two tokens
      star = true;
    }
    ++i;
    return true;
  });
  if (values > 1) {
    p.error(p.minor() >= 10 ? msg::multiple_exception_types : msg::invalid_syntax, first);
  } else if (star && values == 0 && p.minor() >= 11) {
    p.error(msg::expected_exception_types, n);
  }
  if (!ts_node_is_null(alias) && p.kind_of(alias) != kind::identifier)
    p.error(msg::invalid_syntax, alias);  // tree-sitter keeps `as name` in an as_pattern mostly
}

namespace {

// Whether CPython takes an unparenthesised `:=` as the node `up` levels above the current one
// (its parent, field, version).
bool walrus_allowed(syntax_pass& p, std::size_t up) {
  const syntax_frame* parent = p.ancestor(up + 1);
  if (!parent) return false;
  switch (parent->k) {
    case kind::parenthesized_expression:
    case kind::argument_list:
    case kind::list:
    case kind::tuple:
    case kind::interpolation:  // `f'{x:=1}'` is a format spec to CPython, a walrus to tree-sitter
    case kind::ERROR:
      return true;
    case kind::set:
      return p.minor() >= 9;
    case kind::decorator:
      return p.minor() >= 9;
    case kind::set_comprehension:
      return p.minor() >= 9 && p.in_field(up, field::body);
    case kind::list_comprehension:
    case kind::generator_expression:
      return p.in_field(up, field::body);
    case kind::if_statement:
    case kind::elif_clause:
    case kind::while_statement:
      return p.in_field(up, field::condition);
    case kind::match_statement:
      return p.in_field(up, field::subject);
    case kind::if_clause: {
      const syntax_frame* owner = p.ancestor(up + 2);
      return owner && owner->k == kind::case_clause;
    }
    case kind::subscript:
      return p.in_field(up, field::subscript) && p.minor() >= 10;
    default:
      return false;
  }
}

}  // namespace

void check_named_expression(syntax_pass& p, TSNode n) {
  const syntax_frame* parent = p.parent();
  if (!parent) return;
  bool ok = walrus_allowed(p, 0);
  if (ok) return;
  // `(not a := 1)`, `(lambda: x := 1)`: to CPython the walrus's target is the operator
  // expression tree-sitter put it into.
  switch (parent->k) {
    case kind::not_operator:
    case kind::conditional_expression:
    case kind::boolean_operator:
    case kind::comparison_operator:
    case kind::lambda:
    case kind::unary_operator:
    case kind::await:
      if (ts_node_end_byte(parent->node) == ts_node_end_byte(n)) {
        TSNode whole = whole_operand(p, 1);
        // Where a walrus could stand, CPython names its bad target; elsewhere it is just
        // invalid syntax.
        std::size_t up = 1;
        while (p.ancestor(up) && !ts_node_eq(p.ancestor(up)->node, whole)) ++up;
        if (p.minor() >= 9 || walrus_allowed(p, up)) {
          report_invalid_target(p, whole, target_use::walrus, false);
          return;
        }
      }
      break;
    default:
      break;
  }
  // Point at ':=', as CPython does.
  TSNode walrus = p.first_child(n, kind::walrus);
  p.error(msg::invalid_syntax, ts_node_is_null(walrus) ? n : walrus);
}

void check_as_pattern(syntax_pass& p, TSNode n) {
  // tree-sitter reads `x as y` as an expression anywhere; CPython has it after `with`, in
  // `except` and in `case` patterns. tree-sitter also binds `as` tighter than operators:
  // `with a if b else c as t:` has the as_pattern as the last operand of the conditional,
  // so climb to the expression it ends.
  std::size_t up = 1;
  for (const syntax_frame* a = p.ancestor(up); a; a = p.ancestor(++up)) {
    switch (a->k) {
      case kind::conditional_expression:
      case kind::boolean_operator:
      case kind::not_operator:
      case kind::comparison_operator:
      case kind::lambda:
      case kind::binary_operator:
      case kind::unary_operator:
      case kind::await:
        if (ts_node_end_byte(a->node) == ts_node_end_byte(n)) continue;
        break;
      default:
        break;
    }
    break;
  }
  const syntax_frame* parent = p.ancestor(up);
  if (!parent) return;
  switch (parent->k) {
    case kind::with_item:
    case kind::case_pattern:
    case kind::as_pattern:
    case kind::case_clause:
    case kind::ERROR:
      return;
    case kind::except_clause: {
      // `except E as name`: a name only.
      TSNode alias = p.child(n, field::alias);
      TSNode target = ts_node_is_null(alias) ? alias : ts_node_named_child(alias, 0);
      if (!ts_node_is_null(target) && p.kind_of(target) != kind::identifier)
        p.error(msg::invalid_syntax, target);
      return;
    }
    case kind::parenthesized_expression:
    case kind::tuple: {
      // `with (a as b, c):` when it is the only item (3.9+; the version check says 3.8's).
      const syntax_frame* item = p.ancestor(up + 1);
      const syntax_frame* clause = p.ancestor(up + 2);
      if (item && clause && item->k == kind::with_item && clause->k == kind::with_clause &&
          ts_node_named_child_count(clause->node) == 1)
        return;
      break;
    }
    default:
      break;
  }
  TSNode as = p.first_child(n, kind::kw_as);
  if (!ts_node_is_null(as)) p.error(msg::invalid_syntax, as);
}

}  // namespace asynclift::detail
