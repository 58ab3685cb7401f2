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

bool only_equals(const syntax_pass& p, TSNode n) { return is_lone_equals(p.g(), n); }

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


}  // namespace

namespace {

bool only(const syntax_pass& p, TSNode n, kind k) {
  return ts_node_child_count(n) == 1 && p.kind_of(ts_node_child(n, 0)) == k;
}

error_verdict report(syntax_pass& p, msg id, TSNode at, std::string_view arg = {}) {
  p.error(id, at, arg);
  return error_verdict::reported;
}

// The first token of `n` whose text is `text`, or null.
TSNode token(const syntax_pass& p, TSNode n, std::string_view text) {
  for (std::uint32_t i = 0, c = ts_node_child_count(n); i < c; ++i)
    if (p.text_of(ts_node_child(n, i)) == text) return ts_node_child(n, i);
  return TSNode{};
}

bool is_collection(kind k) {
  return k == kind::list || k == kind::tuple || k == kind::set || k == kind::dictionary ||
         k == kind::argument_list || k == kind::subscript || k == kind::parenthesized_expression ||
         k == kind::interpolation;
}

// ERROR nodes inside parameter lists, argument lists, displays and conditions.
error_verdict in_container(syntax_pass& p, TSNode n, const syntax_frame& parent, TSNode prev) {
  const int v = p.minor();
  const std::uint32_t c = ts_node_child_count(n);
  TSNode first = c > 0 ? ts_node_child(n, 0) : TSNode{};
  kind fk = ts_node_is_null(first) ? kind::other : p.kind_of(first);
  kind pk = ts_node_is_null(prev) ? kind::other : p.kind_of(prev);
  switch (parent.k) {
    case kind::lambda:
      // `lambda a, **b=3: None`: the default follows the parameter list.
      if (fk == kind::equals && pk == kind::lambda_parameters) {
        TSNode last = ts_node_named_child(prev, ts_node_named_child_count(prev) - 1);
        kind lk = ts_node_is_null(last) ? kind::other : p.kind_of(last);
        if (lk == kind::dictionary_splat_pattern)
          return report(p, v >= 11 ? msg::var_keyword_default : msg::invalid_syntax, first);
        if (lk == kind::list_splat_pattern)
          return report(p, v >= 11 ? msg::var_positional_default : msg::invalid_syntax, first);
      }
      break;
    case kind::pair:
      // `{1: *x}`
      if (fk == kind::colon && c >= 2 && p.kind_of(ts_node_child(n, 1)) == kind::star)
        return report(p, v >= 10 ? msg::starred_dict_value : msg::invalid_syntax, ts_node_child(n, 1));
      break;
    case kind::if_clause: {
      // `f(a for a in b if a, c)`: the comma ends the generator.
      const syntax_frame* gen = p.ancestor(2);
      const syntax_frame* call = p.ancestor(3);
      if (c > 0 && p.kind_of(ts_node_child(n, c - 1)) == kind::comma && gen &&
          gen->k == kind::generator_expression && call && call->k == kind::call)
        return report(p, msg::generator_must_be_parenthesized, gen->node);
      break;
    }
    case kind::list_splat: {
      // `[*x for x in y]` with tree-sitter lost in `*x for`.
      if (!ts_node_is_null(token(p, n, "for")))
        return report(p, msg::unpacking_in_comprehension, parent.node);
      break;
    }
    case kind::interpolation: {
      // `f'{x for x in y}'`: before 3.12 the expression part is compiled in parentheses, a
      // generator expression; tree-sitter has an ERROR for `x for` and a comparison `x in y`.
      TSNode for_token = token(p, n, "for");
      bool generator = false;
      if (!ts_node_is_null(for_token)) {
        TSNode next = ts_node_next_named_sibling(n);
        generator = !ts_node_is_null(next) && p.kind_of(next) == kind::comparison_operator &&
                    !ts_node_is_null(token(p, next, "in"));
      } else if (fk == kind::kw_if) {
        for (TSNode s = ts_node_prev_named_sibling(n); !ts_node_is_null(s); s = ts_node_prev_named_sibling(s))
          if (p.kind_of(s) == kind::ERROR && !ts_node_is_null(token(p, s, "for"))) generator = true;
      }
      if (generator) {
        if (v < 12) return error_verdict::valid;
        if (!ts_node_is_null(for_token)) return report(p, msg::fstring_expecting_after_expr, for_token);
      }
      break;
    }
    case kind::parameters:
    case kind::lambda_parameters:
      if (fk == kind::equals) {
        // `def f(d=, c)`, `def f(*a=3)`, `def f(**k=3)`
        if (pk == kind::list_splat_pattern || (pk == kind::typed_parameter && p.kind_of(ts_node_named_child(prev, 0)) == kind::list_splat_pattern))
          return report(p, v >= 11 ? msg::var_positional_default : msg::invalid_syntax, first);
        if (pk == kind::dictionary_splat_pattern || (pk == kind::typed_parameter && p.kind_of(ts_node_named_child(prev, 0)) == kind::dictionary_splat_pattern))
          return report(p, v >= 11 ? msg::var_keyword_default : msg::invalid_syntax, first);
        if (c == 1 && (pk == kind::identifier || pk == kind::typed_parameter))
          return report(p, v >= 11 ? msg::expected_default_value : msg::invalid_syntax, first);
      }
      if (only(p, n, kind::star) && pk == kind::positional_separator)
        return report(p, v >= 11 ? msg::expected_comma_slash_star : msg::invalid_syntax, first);
      return error_verdict::generic;
    case kind::argument_list:
      // `f(x()=2)`: '=' and a value after an argument that is no name.
      if (c >= 2 && fk == kind::equals && ts_node_is_named(prev) && pk != kind::identifier) {
        if ((pk == kind::true_ || pk == kind::false_ || pk == kind::none) && v != 9)
          return report(p, msg::cannot_assign, prev, p.expression_name(prev));
        return report(p, msg::keyword_argument_expression, prev);
      }
      // `f(a=)`
      if (c == 1 && fk == kind::equals && pk == kind::identifier)
        return report(p, v >= 12 ? msg::expected_argument_value : msg::invalid_syntax, prev);
      // `f(**x, *)`, `f(x, *)`
      if (only(p, n, kind::star)) {
        if (v >= 13) return report(p, msg::invalid_star_expression, first);
        bool keywords = false;
        for (TSNode s = ts_node_prev_named_sibling(n); !ts_node_is_null(s); s = ts_node_prev_named_sibling(s))
          if (p.kind_of(s) == kind::keyword_argument || p.kind_of(s) == kind::dictionary_splat) keywords = true;
        if (v == 9 || v == 10 || (v >= 11 && keywords))
          return report(p, msg::unpacking_after_keyword_unpacking, first);
        return error_verdict::generic;
      }
      // `f(a, x for x in y)`: a generator among other arguments.
      if (!ts_node_is_null(token(p, n, "for"))) {
        const syntax_frame* call = p.ancestor(2);
        return report(p, msg::generator_must_be_parenthesized, call ? call->node : parent.node);
      }
      break;
    case kind::keyword_argument:
      // `dict(a = i for i in y)`
      if (!ts_node_is_null(token(p, n, "for"))) {
        TSNode name = p.child(parent.node, field::name);
        if (v >= 10 && !ts_node_is_null(name)) return report(p, msg::maybe_equality, name);
        return report(p, msg::invalid_syntax, n);
      }
      break;
    case kind::dictionary_splat: {
      // `f(**kwargs={...})`
      if (c == 2 && p.kind_of(ts_node_child(n, 1)) == kind::equals) {
        const syntax_frame* args = p.ancestor(2);
        if (args && args->k == kind::argument_list)
          return report(p, v >= 12 ? msg::assign_to_keyword_unpacking : msg::invalid_syntax, parent.node);
      }
      // `{**x for x in y}`
      break;
    }
    case kind::if_statement:
    case kind::elif_clause:
    case kind::while_statement:
    case kind::list:
    case kind::tuple:
    case kind::set:
      // `if x = 3:`, `[z=3]`: CPython's invalid_named_expression.
      if (c >= 2 && fk == kind::equals && ts_node_is_named(prev)) {
        if (v < 10) return error_verdict::generic;
        if (pk == kind::identifier) return report(p, msg::maybe_equality, prev);
        if (pk != kind::list && pk != kind::tuple && pk != kind::generator_expression &&
            pk != kind::true_ && pk != kind::false_ && pk != kind::none)
          return report(p, msg::cannot_assign_here, prev, p.expression_name(prev));
        return error_verdict::generic;
      }
      break;
    default:
      break;
  }
  if (parent.k == kind::list || parent.k == kind::set || parent.k == kind::tuple ||
      parent.k == kind::dictionary) {
    // `{1: *x}`, `{1:}` (tree-sitter reads a set), `{1: 2, 3}`
    if (parent.k == kind::set && fk == kind::colon) {
      if (c >= 2 && p.kind_of(ts_node_child(n, 1)) == kind::star)
        return report(p, v >= 10 ? msg::starred_dict_value : msg::invalid_syntax, ts_node_child(n, 1));
      if (c == 1) return report(p, v >= 10 ? msg::dict_value_expected : msg::invalid_syntax, first);
    }
    if (parent.k == kind::dictionary && pk == kind::comma && ts_node_named_child_count(n) == 1 &&
        c == 1)
      return report(p, v >= 10 ? msg::dict_colon_expected : msg::invalid_syntax, first);
    // `[i, s for i in x]`: a comprehension over a tuple without its parentheses.
    if (parent.k != kind::tuple && parent.k != kind::dictionary && !ts_node_is_null(token(p, n, "for"))) {
      bool comma = false;
      for (TSNode s = ts_node_prev_sibling(n); !ts_node_is_null(s); s = ts_node_prev_sibling(s))
        if (p.kind_of(s) == kind::comma) comma = true;
      if (comma || p.kind_of(ts_node_child(n, 0)) != kind::kw_for)
        return report(p, v >= 10 ? msg::comprehension_target_parens : msg::invalid_syntax,
                      ts_node_named_child(parent.node, 0));
    }
  }
  // `[x if y]`: a conditional expression without its `else`.
  if (is_collection(parent.k) && fk == kind::kw_if && ts_node_is_named(prev) &&
      ts_node_is_null(token(p, n, "else")))
    return report(p, v >= 10 ? msg::expected_else : msg::invalid_syntax, prev);
  // `[1, 2 3]`: two expressions side by side inside brackets.
  if (is_collection(parent.k) && ts_node_named_child_count(n) >= 1 && ts_node_is_named(first) &&
      ts_node_is_named(prev) && pk != kind::comment) {
    TSNode at = prev;
    if (pk == kind::pair) at = p.child(prev, field::value);
    if (!ts_node_is_null(at))
      return report(p, v >= 10 ? msg::forgot_comma : msg::invalid_syntax, at);
  }
  return error_verdict::generic;
}

// ERROR nodes that stand for a whole statement.
error_verdict statement_shapes(syntax_pass& p, TSNode n, TSNode prev) {
  const int v = p.minor();
  const std::uint32_t c = ts_node_child_count(n);
  TSNode first = c > 0 ? ts_node_child(n, 0) : TSNode{};
  kind fk = ts_node_is_null(first) ? kind::other : p.kind_of(first);
  const syntax_frame* parent = p.parent();
  // `from m import` / `import` with nothing after.
  if ((fk == kind::kw_import && c == 1) ||
      (fk == kind::kw_from && c >= 2 && p.kind_of(ts_node_child(n, c - 1)) == kind::kw_import)) {
    TSNode last = ts_node_child(n, c - 1);
    return report(p, v >= 13 ? msg::expected_import_names : msg::invalid_syntax, last);
  }
  // `import a from b`
  if (parent && parent->k == kind::import_statement && !ts_node_is_null(token(p, n, "from")))
    return report(p, v >= 12 ? msg::import_from_order : msg::invalid_syntax, parent->node);
  // `a = 42 if True`
  TSNode if_token = token(p, n, "if");
  if (!ts_node_is_null(if_token) && ts_node_is_null(token(p, n, "else")) && fk != kind::kw_if) {
    TSNode before = ts_node_prev_sibling(if_token);
    if (!ts_node_is_null(before) && ts_node_is_named(before))
      return report(p, v >= 10 ? msg::expected_else : msg::invalid_syntax, before);
  }
  // `3 + not 3`, `- not 3`
  if (only(p, n, kind::kw_not) && parent &&
      (parent->k == kind::binary_operator || parent->k == kind::unary_operator))
    return report(p, v >= 13 ? msg::not_after_operator : msg::invalid_syntax, first);
  if (c == 1 && (p.text_of(first) == "-" || p.text_of(first) == "+" || p.text_of(first) == "~")) {
    TSNode next = ts_node_next_named_sibling(n);
    if (!ts_node_is_null(next) && p.kind_of(next) == kind::expression_statement) {
      TSNode e = ts_node_named_child(next, 0);
      if (!ts_node_is_null(e) && p.kind_of(e) == kind::not_operator)
        return report(p, v >= 13 ? msg::not_after_operator : msg::invalid_syntax, e);
    }
  }
  // `case 42 as 1 + 2:`
  if (parent && parent->k == kind::case_clause) {
    TSNode as = token(p, n, "as");
    if (!ts_node_is_null(as)) {
      TSNode target = ts_node_next_sibling(as);
      if (!ts_node_is_null(target) && p.kind_of(target) != kind::identifier)
        return report(p, msg::invalid_pattern_target, target);
    }
  }
  (void)prev;
  return error_verdict::generic;
}

}  // namespace

error_verdict check_error_node(syntax_pass& p, TSNode n) {
  const syntax_frame* parent = p.parent();
  // `f"{x:=}"`: a format spec starting with '=' that tree-sitter reads as a walrus; the
  // token pass checked the f-string as CPython reads it.
  for (std::size_t up = 1;; ++up) {
    const syntax_frame* a = p.ancestor(up);
    const syntax_frame* owner = p.ancestor(up + 1);
    if (!a || !owner || a->k == kind::module || a->k == kind::block) break;
    if (a->k == kind::named_expression && owner->k == kind::interpolation) return error_verdict::valid;
  }
  if (ts_node_is_missing(n)) {
    if (p.kind_of(n) == kind::colon && p.minor() >= 10) {
      p.error(msg::expected_colon, n);
      return error_verdict::reported;
    }
    // `A[*]`
    if (parent && parent->k == kind::list_splat && p.minor() >= 13) {
      p.error(msg::invalid_star_expression, parent->node);
      return error_verdict::reported;
    }
    // `{1: 2, 3:}`
    if (parent && parent->k == kind::pair && p.in_field(0, field::value)) {
      p.error(p.minor() >= 10 ? msg::dict_value_expected : msg::invalid_syntax, parent->node);
      return error_verdict::reported;
    }
    return error_verdict::generic;
  }
  // `{**x for x in y}`: tree-sitter keeps `for` in an ERROR below the `**`.
  for (std::size_t up = 1; up < 6; ++up) {
    const syntax_frame* a = p.ancestor(up);
    const syntax_frame* owner = p.ancestor(up + 1);
    if (!a || !owner) break;
    if (a->k == kind::dictionary_splat && owner->k == kind::dictionary) {
      if (!ts_node_is_null(token(p, n, "for"))) {
        p.error(msg::dict_unpacking_in_comprehension, a->node);
        return error_verdict::reported;
      }
      break;
    }
  }
  const std::uint32_t c = ts_node_child_count(n);
  TSNode first = c > 0 ? ts_node_child(n, 0) : TSNode{};
  TSNode prev = ts_node_prev_sibling(n);

  // `return *x` as a block's first statement: tree-sitter's grammar has no single starred
  // return value; CPython parses it and its compiler rejects it.
  if (c == 3 && p.kind_of(first) == kind::kw_return && p.text_of(ts_node_child(n, 1)) == "*" &&
      ts_node_is_named(ts_node_child(n, 2))) {
    bool in_function = false;
    for (std::size_t up = 1; const syntax_frame* a = p.ancestor(up); ++up) {
      if (a->k == kind::class_definition) break;
      if (a->k == kind::function_definition) {
        in_function = true;
        break;
      }
    }
    if (in_function)
      p.error(msg::starred_not_allowed, ts_node_start_byte(ts_node_child(n, 1)), ts_node_end_byte(n));
    else
      p.error(msg::return_outside_function, n);
    return error_verdict::reported;
  }

  // `a, *[b, c] = x`: ERROR(list) inside the starred target.
  if (parent && (parent->k == kind::list_splat || parent->k == kind::list_splat_pattern) &&
      ts_node_named_child_count(n) == 1) {
    TSNode seq = ts_node_named_child(n, 0);
    kind sk = p.kind_of(seq);
    if ((sk == kind::list || sk == kind::tuple || sk == kind::parenthesized_expression) &&
        ts_node_is_null(find_invalid_target(p, seq, target_kind::assign).node))
      return error_verdict::valid;
  }

  // A lone '=' inside an expression tree-sitter built from the target and the value.
  if (only_equals(p, n) && parent) {
    switch (parent->k) {
      case kind::subscript: {
        // `f(*args=[0])`
        const syntax_frame* splat = p.ancestor(2);
        const syntax_frame* args = p.ancestor(3);
        if (splat && args && splat->k == kind::list_splat && args->k == kind::argument_list) {
          p.error(p.minor() >= 12 ? msg::assign_to_iterable_unpacking : msg::invalid_syntax, splat->node);
          return error_verdict::reported;
        }
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

  // `True = True = 3`: several targets, the first invalid one named.
  if (c >= 4 && c % 2 == 0 && p.kind_of(ts_node_child(n, c - 1)) == kind::equals) {
    bool chain = true;
    for (std::uint32_t i = 1; i < c && chain; i += 2) chain = p.kind_of(ts_node_child(n, i)) == kind::equals;
    if (chain) {
      for (std::uint32_t i = 0; i < c; i += 2) {
        TSNode t = ts_node_child(n, i);
        if (!ts_node_is_null(find_invalid_target(p, t, target_kind::assign).node)) {
          report_invalid_target(p, t, target_use::assign, false);
          return error_verdict::reported;
        }
      }
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
  if (c >= 2 && (c == 2 || p.minor() >= 9) && p.kind_of(ts_node_child(n, 1)) == kind::colon &&
      ts_node_is_named(first) && (!parent || parent->k == kind::module || parent->k == kind::block) &&
      (c == 2 || p.kind_of(ts_node_child(n, 2)) != kind::kw_lambda)) {
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

  // `[x for x if y]`: no `in` after the target.
  if (c >= 2 && p.kind_of(first) == kind::kw_for) {
    TSNode second = ts_node_child(n, 1);
    if (c >= 2 && p.kind_of(second) == kind::ERROR && ts_node_named_child_count(second) >= 1) {
      TSNode if_tok = token(p, second, "if");
      if (!ts_node_is_null(if_tok) && ts_node_is_null(token(p, second, "in"))) {
        const int v = p.minor();
        if (v >= 13) {
          p.error(msg::in_expected, if_tok);
        } else {
          p.error(v >= 10 ? msg::expected_else : msg::invalid_syntax, ts_node_child(second, 0));
        }
        return error_verdict::reported;
      }
    }
    // `for a, (b + 1): pass`: no `in` at all; CPython names the bad target (3.9+).
    if (ts_node_is_null(token(p, n, "in"))) {
      for (std::uint32_t i = 1; i < c; ++i) {
        TSNode t = ts_node_child(n, i);
        if (p.kind_of(t) == kind::colon) break;
        if (!ts_node_is_named(t)) continue;
        invalid_target bad = find_invalid_target(p, t, target_kind::assign);
        if (!ts_node_is_null(bad.node)) {
          if (p.minor() < 9) return error_verdict::generic;
          p.error(msg::cannot_assign, bad.node, p.expression_name(bad.node));
          return error_verdict::reported;
        }
      }
    }
  }

  // `for f() in y:` and `[z for f() in y]`: ERROR("for" target "in" ...).
  if (c >= 3 && p.kind_of(first) == kind::kw_for &&
      (p.kind_of(ts_node_child(n, 2)) == kind::kw_in ||
       (p.kind_of(ts_node_child(n, 2)) == kind::ERROR && only(p, ts_node_child(n, 2), kind::kw_in)))) {
    TSNode target = ts_node_child(n, 1);
    if (!ts_node_is_null(find_invalid_target(p, target, target_kind::assign).node)) {
      report_invalid_target(p, target, target_use::loop, false);
      return error_verdict::reported;
    }
  }
  // `for a, *[b] in y:`: ERROR('*' sequence) after the target list (see
  // starred_sequence_after_targets), valid when the sequence is a valid target.
  if (parent && (parent->k == kind::for_statement || parent->k == kind::for_in_clause) && c == 2) {
    TSNode seq = starred_sequence_after_targets(grammar::get(), parent->node);
    if (!ts_node_is_null(seq) && ts_node_eq(seq, ts_node_child(n, 1)) &&
        ts_node_is_null(find_invalid_target(p, seq, target_kind::assign).node))
      return error_verdict::valid;
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

  if (parent) {
    error_verdict v = in_container(p, n, *parent, prev);
    if (v != error_verdict::generic) return v;
  }
  error_verdict v = statement_shapes(p, n, prev);
  if (v != error_verdict::generic) return v;
  return error_verdict::generic;
}

}  // namespace asynclift::detail
