// Parameter lists, argument lists and comprehension clauses.
//
// tree-sitter takes parameters and arguments as flat comma-separated lists of any kind, in
// any order; CPython's grammar fixes the order: positional-only parameters, then `/`, then
// the others, defaults only at the end of each group, `*` or `*args` once, `**kwargs` last,
// and a bare `*` followed by a name. Arguments: positional ones first, `*` unpacking before
// `**` unpacking, and a generator expression only when it is the sole argument.
// The messages are those of CPython's invalid_parameters / invalid_star_etc / invalid_kwds /
// invalid_arguments rules, which name the first parameter out of order; versions before
// those rules existed say "invalid syntax".
#include "syntax_pass.hpp"

namespace asynclift::detail {
namespace {

enum class param_kind : std::uint8_t {
  plain, with_default, slash, bare_star, star, double_star, parenthesized, other
};

param_kind classify(const syntax_pass& p, TSNode n, TSNode& annotation) {
  annotation = TSNode{};
  switch (p.kind_of(n)) {
    case kind::identifier:
      return param_kind::plain;
    case kind::default_parameter: {
      TSNode name = p.child(n, field::name);
      if (!ts_node_is_null(name) && p.kind_of(name) == kind::tuple_pattern)
        return param_kind::parenthesized;
      return param_kind::with_default;
    }
    case kind::typed_default_parameter:
      annotation = p.child(n, field::type);
      return param_kind::with_default;
    case kind::typed_parameter: {
      annotation = p.child(n, field::type);
      TSNode inner = ts_node_named_child(n, 0);
      if (ts_node_is_null(inner)) return param_kind::plain;
      if (p.kind_of(inner) == kind::list_splat_pattern) return param_kind::star;
      if (p.kind_of(inner) == kind::dictionary_splat_pattern) return param_kind::double_star;
      return param_kind::plain;
    }
    case kind::positional_separator:
      return param_kind::slash;
    case kind::keyword_separator:
      return param_kind::bare_star;
    case kind::list_splat_pattern:
      return param_kind::star;
    case kind::dictionary_splat_pattern:
      return param_kind::double_star;
    case kind::tuple_pattern:
      return param_kind::parenthesized;
    default:
      return param_kind::other;
  }
}

}  // namespace

void check_parameters(syntax_pass& p, TSNode n, bool lambda) {
  const int v = p.minor();
  // Where tree-sitter gave up, its ERROR nodes say what is wrong (syntax_errors.cpp).
  for (std::uint32_t i = 0, c = ts_node_named_child_count(n); i < c; ++i)
    if (p.kind_of(ts_node_named_child(n, i)) == kind::ERROR) return;
  bool any = false, slash = false, star = false, double_star = false, defaults = false;
  TSNode bare_star{};  // a bare `*` still waiting for a named parameter
  for (std::uint32_t i = 0, c = ts_node_named_child_count(n); i < c; ++i) {
    TSNode param = ts_node_named_child(n, i);
    TSNode annotation;
    if (ts_node_is_extra(param)) continue;  // comments, line continuations
    param_kind k = classify(p, param, annotation);
    if (k == param_kind::other) continue;
    if (double_star) {
      p.error(v >= 11 ? msg::arguments_after_var_keyword : msg::invalid_syntax, param);
      return;
    }
    switch (k) {
      case param_kind::slash:
        if (!any) {
          // CPython's rule wants `/,`: `def f(/)` is plain invalid syntax.
          TSNode next = ts_node_next_sibling(param);
          bool comma = !ts_node_is_null(next) && p.kind_of(next) == kind::comma;
          p.error(v >= 11 && comma ? msg::slash_first : msg::invalid_syntax, param);
          return;
        }
        if (slash) {
          p.error(v >= 11 ? msg::slash_twice : msg::invalid_syntax, param);
          return;
        }
        if (star) {
          p.error(v >= 11 ? msg::slash_after_star : msg::invalid_syntax, param);
          return;
        }
        slash = true;
        break;
      case param_kind::bare_star:
      case param_kind::star:
        if (star) {
          p.error(v >= 11 ? msg::star_twice : msg::invalid_syntax, param);
          return;
        }
        star = true;
        if (k == param_kind::bare_star) bare_star = param;
        break;
      case param_kind::double_star:
        if (!ts_node_is_null(bare_star)) {
          p.error(msg::bare_star_needs_names, bare_star);
          return;
        }
        double_star = true;
        break;
      case param_kind::with_default:
        if (!star) defaults = true;
        bare_star = TSNode{};
        break;
      case param_kind::plain:
        if (defaults && !star) {
          p.error(msg::default_order, param);
          return;
        }
        bare_star = TSNode{};
        break;
      case param_kind::parenthesized: {
        // `def f((a, b))`: only names in the parentheses make CPython say so.
        TSNode tuple = p.kind_of(param) == kind::tuple_pattern ? param : p.child(param, field::name);
        bool names = !ts_node_is_null(tuple) && ts_node_named_child_count(tuple) > 0 &&
                     p.kind_of(param) == kind::tuple_pattern;
        for (std::uint32_t j = 0, cc = names ? ts_node_named_child_count(tuple) : 0; j < cc; ++j)
          if (p.kind_of(ts_node_named_child(tuple, j)) != kind::identifier) names = false;
        p.error(v >= 11 && names
                    ? (lambda ? msg::lambda_params_parenthesized : msg::params_parenthesized)
                    : msg::invalid_syntax,
                param);
        return;
      }
      case param_kind::other:
        break;
    }
    // Only `*args` may have a starred annotation (`*args: *Ts`, 3.11).
    if (!ts_node_is_null(annotation)) {
      TSNode misplaced = misplaced_annotation_star(p, annotation, k == param_kind::star);
      if (!ts_node_is_null(misplaced)) {
        p.error(msg::invalid_syntax, misplaced);
        return;
      }
      // `a: T *b: U` (a ',' missing): tree-sitter reads a constrained type, `T*b: U`.
      TSNode t = ts_node_named_child(annotation, 0);
      if (!ts_node_is_null(t) && p.kind_of(t) == kind::constrained_type) {
        TSNode colon = p.first_child(t, kind::colon, false);
        p.error(msg::invalid_syntax, ts_node_is_null(colon) ? t : colon);
        return;
      }
    }
    any = true;
  }
  if (!ts_node_is_null(bare_star)) p.error(msg::bare_star_needs_names, bare_star);
}

void check_arguments(syntax_pass& p, TSNode n) {
  bool keyword = false, keyword_unpacking = false, any = false, comma = false;
  for (std::uint32_t i = 0, c = ts_node_child_count(n); i < c; ++i) {
    TSNode a = ts_node_child(n, i);
    kind k = p.kind_of(a);
    if (k == kind::comma) {
      comma = true;
      continue;
    }
    if (!ts_node_is_named(a) || ts_node_is_extra(a)) continue;
    any = true;
    switch (k) {
      case kind::keyword_argument:
        keyword = true;
        break;
      case kind::dictionary_splat:
        keyword_unpacking = true;
        break;
      case kind::list_splat:
        if (keyword_unpacking) {
          p.error(msg::unpacking_after_keyword_unpacking, a);
          return;
        }
        break;
      default:
        if (keyword_unpacking) {
          p.error(msg::positional_after_keyword_unpacking, a);
          return;
        }
        if (keyword) {
          p.error(msg::positional_after_keyword, a);
          return;
        }
        break;
    }
  }
  if (comma && !any) p.error(msg::invalid_syntax, n);  // `f(,)`
}

void check_for_in_clause(syntax_pass& p, TSNode n) {
  // tree-sitter reads `f(x for x in a, b)` as iterating over `a, b`; CPython's iterable is
  // one expression, and a generator that is not alone in a call must be parenthesized.
  TSFieldId right = p.g().field_id(field::right);
  std::uint32_t rights = 0;
  TSNode second{};
  bool trailing = false;
  p.each_child(n, [&](TSNode ch, TSFieldId f) {
    if (f == right) {
      if (++rights == 2) second = ch;
      trailing = false;
    } else if (rights > 0 && p.kind_of(ch) == kind::comma) {
      trailing = true;
    }
    return true;
  });
  if (rights < 2 && !trailing) return;
  const syntax_frame* comprehension = p.parent();
  const syntax_frame* owner = p.ancestor(2);
  bool call_argument = comprehension && comprehension->k == kind::generator_expression && owner &&
                       owner->k == kind::call && p.in_field(1, field::arguments);
  TSNode at = ts_node_is_null(second) ? n : second;
  p.error(call_argument ? msg::generator_must_be_parenthesized : msg::invalid_syntax,
          call_argument ? comprehension->node : at);
}

}  // namespace asynclift::detail
