// Syntax newer than the target version.
//
// tree-sitter-python has one grammar for every Python version, so syntax that only later
// versions accept parses cleanly: relaxed decorators (3.9), parenthesised context managers
// (3.9), `match` (3.10), `:=` unparenthesised in subscripts and sets (3.10), `except*` and
// `*` in subscripts (3.11), `type` aliases and type parameters (3.12), type parameter
// defaults (3.13). Each check runs only when the target version is older than the feature;
// CPython says "invalid syntax" for all of them, except where a newer parser recognises the
// construct enough to say something more precise ("expected '('").
//
// Type parameters are checked here too: their bounds and defaults, including the shape
// tree-sitter 0.25 gives PEP 696 defaults, which its grammar does not know (see
// pep696_default below).
#include "syntax_lexer.hpp"
#include "syntax_pass.hpp"

namespace asynclift::detail {
namespace {

bool is_dotted_name(const syntax_pass& p, TSNode n) {
  for (;;) {
    kind k = p.kind_of(n);
    if (k == kind::identifier) return true;
    if (k != kind::attribute) return false;
    n = p.child(n, field::object);
    if (ts_node_is_null(n)) return false;
  }
}

TSNode first_token(const syntax_pass& p, TSNode n, kind want) {
  for (std::uint32_t i = 0, c = ts_node_child_count(n); i < c; ++i) {
    TSNode t = ts_node_child(n, i);
    if (p.kind_of(t) == want) return t;
  }
  return TSNode{};
}

}  // namespace

void check_version(syntax_pass& p, TSNode n, kind k) {
  const int v = p.minor();
  switch (k) {
    case kind::match_statement:
      if (v < 10) {
        TSNode subject = p.child(n, field::subject);
        p.error(msg::invalid_syntax, ts_node_is_null(subject) ? n : subject);
      }
      return;
    case kind::except_clause:
      if (v < 11 && ts_node_child_count(n) > 1 && p.kind_of(ts_node_child(n, 1)) == kind::star)
        p.error(msg::invalid_syntax, ts_node_child(n, 1));
      return;
    case kind::type_alias_statement: {
      // tree-sitter also reads `type(x).attr = value` as a type alias; only `type Name` and
      // `type Name[...]` are one.
      TSNode left = p.child(n, field::left);
      TSNode name = ts_node_is_null(left) ? left : ts_node_named_child(left, 0);
      if (ts_node_is_null(name)) return;
      kind nk = p.kind_of(name);
      if (nk != kind::identifier && nk != kind::generic_type) return;
      if (v < 12) p.error(msg::invalid_syntax, left);
      return;
    }
    case kind::decorator:
      if (v < 9) {
        // `@` dotted_name [ `(` arguments `)` ]
        TSNode e = ts_node_named_child(n, 0);
        if (ts_node_is_null(e)) return;
        if (p.kind_of(e) == kind::call) e = p.child(e, field::function);
        if (ts_node_is_null(e) || !is_dotted_name(p, e)) p.error(msg::invalid_syntax, e);
      }
      return;
    case kind::with_clause:
      if (v < 9) {
        // `with (a as b):` is 3.9; without `as` the parentheses make a tuple, valid before.
        // tree-sitter reads a parenthesised single item as a parenthesised expression or a
        // tuple holding the as_pattern.
        bool parens = p.kind_of(ts_node_child(n, 0)) == kind::lparen;
        for (std::uint32_t i = 0, c = ts_node_named_child_count(n); i < c; ++i) {
          TSNode item = ts_node_named_child(n, i);
          TSNode value = p.child(item, field::value);
          if (ts_node_is_null(value)) continue;
          kind vk = p.kind_of(value);
          if (parens && vk == kind::as_pattern) {
            p.error(msg::invalid_syntax, first_token(p, value, kind::kw_as));
            return;
          }
          if (c == 1 && (vk == kind::parenthesized_expression || vk == kind::tuple)) {
            for (std::uint32_t j = 0, cc = ts_node_named_child_count(value); j < cc; ++j) {
              TSNode e = ts_node_named_child(value, j);
              if (p.kind_of(e) == kind::as_pattern) {
                p.error(msg::invalid_syntax, first_token(p, e, kind::kw_as));
                return;
              }
            }
          }
        }
      }
      return;
    case kind::subscript:
      if (v < 11) {
        // `a[*b]`
        TSFieldId sub = p.g().field_id(field::subscript);
        p.each_child(n, [&](TSNode s, TSFieldId f) {
          if (f == sub && p.kind_of(s) == kind::list_splat) {
            p.error(msg::invalid_syntax, s);
            return false;
          }
          return true;
        });
      }
      return;
    case kind::type_parameter:
      if (v < 11) {
        // `tuple[*Ts]` in an annotation (tree-sitter's generic type).
        for (std::uint32_t i = 0, c = ts_node_named_child_count(n); i < c; ++i) {
          TSNode t = ts_node_named_child(n, i);
          TSNode inner = p.kind_of(t) == kind::type ? ts_node_named_child(t, 0) : t;
          if (!ts_node_is_null(inner) && p.kind_of(inner) == kind::splat_type) {
            p.error(msg::invalid_syntax, inner);
            return;
          }
        }
      }
      return;
    case kind::for_statement:
      if (v < 9) {
        // `for x in *a, b:` is 3.9.
        TSNode right = p.child(n, field::right);
        if (ts_node_is_null(right)) return;
        if (p.kind_of(right) == kind::list_splat) {
          p.error(msg::invalid_syntax, right);
          return;
        }
        if (p.kind_of(right) != kind::expression_list) return;
        TSNode star = p.first_child(right, kind::list_splat, true);
        if (!ts_node_is_null(star)) p.error(msg::invalid_syntax, star);
      }
      return;
    default:
      return;
  }
}

// Type parameter lists, from the token pass (its facts do not depend on how tree-sitter
// recovered from defaults it cannot parse). A list that is valid for the target version is
// put out of reach of the tree's ERROR nodes; see the tree shapes in grammars/README.md.
void check_type_params(syntax_pass& p, const token_facts& facts) {
  using owner = type_param_list::owner;
  const int v = p.minor();
  std::string_view text = p.text();
  auto skip_space = [&](std::uint32_t at) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\f')) ++at;
    return at;
  };
  for (const type_param_list& l : facts.type_param_lists) {
    if (!l.closed) continue;
    const std::uint32_t end = l.close + 1;
    const type_param* params = facts.params.data() + l.first;
    if (v < 12) {
      // `type` statements are reported as a whole by check_version.
      if (l.of != owner::alias) {
        p.error(v >= 11 && l.of == owner::function ? msg::expected_lparen : msg::invalid_syntax,
                l.open, l.open + 1, {}, {}, true);
        p.quiet(l.open, end);
      }
      continue;
    }
    if (l.count == 0) {
      if (v >= 13)
        p.error(msg::empty_type_params, l.close, l.close + 1, {}, {}, true);
      else if (l.of == owner::function)
        p.error(msg::expected_lparen, l.open, l.open + 1, {}, {}, true);
      else
        p.error(msg::invalid_syntax, l.close, l.close + 1, {}, {}, true);
      p.quiet(l.open, end);
      continue;
    }
    bool shape = true, defaults = false;
    for (std::uint32_t i = 0; i < l.count; ++i) {
      const type_param& tp = params[i];
      shape = shape && tp.named && tp.well_formed && (!tp.bound || tp.bound_tokens > 0) &&
              (!tp.has_default || tp.default_tokens > 0);
      defaults = defaults || tp.has_default;
    }
    if (!shape) continue;  // tree-sitter's errors say it
    // A TypeVarTuple or ParamSpec takes no bound (3.12).
    for (std::uint32_t i = 0; i < l.count; ++i) {
      const type_param& tp = params[i];
      if (tp.stars == 0 || !tp.bound) continue;
      msg id = tp.stars == 1 ? (tp.constraints ? msg::tvt_constraints : msg::tvt_bound)
                             : (tp.constraints ? msg::paramspec_constraints : msg::paramspec_bound);
      std::uint32_t at = skip_space(tp.bound_begin);
      p.error(id, at, at + 1, {}, {}, true);
      p.quiet(l.open, end);
      break;
    }
    if (!defaults) continue;
    // Defaults are 3.13 (PEP 696), and only a TypeVarTuple's may be starred.
    const type_param* bad = nullptr;
    for (std::uint32_t i = 0; i < l.count && !bad; ++i)
      if (params[i].has_default && (v < 13 || (params[i].default_starred && params[i].stars != 1)))
        bad = &params[i];
    if (bad) {
      if (l.of == owner::function) {
        p.error(msg::expected_lparen, l.open, l.open + 1, {}, {}, true);
      } else if (l.of == owner::alias && bad->stars == 0 && v < 13) {
        p.error(msg::maybe_equality, bad->name_begin, bad->name_end, {}, {}, true);
      } else {
        p.error(msg::invalid_syntax, bad->equals, bad->equals + 1, {}, {}, true);
      }
    }
    // A parameter without a default after one with a default (a compiler error of
    // CPython's, checked here because only this pass sees the defaults).
    if (!bad) {
      bool seen = false;
      for (std::uint32_t i = 0; i < l.count; ++i) {
        const type_param& tp = params[i];
        if (tp.has_default) {
          seen = true;
        } else if (seen) {
          p.error(msg::type_param_default_order, tp.name_begin, tp.name_end,
                  text.substr(tp.name_begin, tp.name_end - tp.name_begin), {}, true);
          break;
        }
      }
    }
    // tree-sitter may read a whole `type` statement with defaults as something else.
    p.quiet(l.of == owner::alias ? l.statement : l.open, end);
  }
}

}  // namespace asynclift::detail
