// Match statement patterns (3.10+) that tree-sitter accepts and CPython's parser rejects.
//
// tree-sitter's pattern rules are looser than CPython's: a `**rest` anywhere in a mapping
// pattern, a star pattern alone in parentheses or outside any sequence, positional patterns
// after keyword ones in a class pattern, any two numbers joined by '+' or '-' as a complex
// literal, `_` as the name of an as-pattern. The compiler-level pattern errors (repeated
// names, unreachable patterns, …) are the walker's (patterns.cpp).
#include "syntax_pass.hpp"

namespace asynclift::detail {
namespace {

bool is_imaginary(std::string_view number) {
  return !number.empty() && (number.back() == 'j' || number.back() == 'J');
}

// The splat_pattern inside a case_pattern, or null.
TSNode splat_of(const syntax_pass& p, TSNode case_pattern) {
  if (p.kind_of(case_pattern) != kind::case_pattern) return TSNode{};
  TSNode inner = ts_node_named_child(case_pattern, 0);
  return !ts_node_is_null(inner) && p.kind_of(inner) == kind::splat_pattern ? inner : TSNode{};
}

bool double_star(const syntax_pass& p, TSNode splat) {
  return ts_node_child_count(splat) > 0 && p.kind_of(ts_node_child(splat, 0)) == kind::double_star;
}

}  // namespace

void check_pattern(syntax_pass& p, TSNode n, kind k) {
  switch (k) {
    case kind::dict_pattern: {
      // `{key: value, **rest}`: one `**name`, last, and not `**_`.
      bool rest = false;
      for (std::uint32_t i = 0, c = ts_node_named_child_count(n); i < c; ++i) {
        TSNode e = ts_node_named_child(n, i);
        if (ts_node_is_extra(e)) continue;
        if (rest) {
          p.error(msg::invalid_syntax, e);
          return;
        }
        if (p.kind_of(e) != kind::splat_pattern) continue;
        if (!double_star(p, e) || ts_node_named_child_count(e) == 0) {
          p.error(msg::invalid_syntax, e);
          return;
        }
        rest = true;
      }
      return;
    }
    case kind::tuple_pattern:
    case kind::list_pattern: {
      // `(*x)` is a parenthesised star pattern, not a sequence; `**x` is for mappings.
      bool comma = false;
      std::uint32_t items = 0;
      for (std::uint32_t i = 0, c = ts_node_child_count(n); i < c; ++i) {
        TSNode e = ts_node_child(n, i);
        if (p.kind_of(e) == kind::comma) comma = true;
        TSNode splat = splat_of(p, e);
        if (p.kind_of(e) == kind::case_pattern) ++items;
        if (!ts_node_is_null(splat) && double_star(p, splat)) {
          p.error(msg::invalid_syntax, splat);
          return;
        }
      }
      if (k == kind::tuple_pattern && items == 1 && !comma) {
        TSNode splat = splat_of(p, ts_node_named_child(n, 0));
        if (!ts_node_is_null(splat)) p.error(msg::invalid_syntax, splat);
      }
      return;
    }
    case kind::case_clause: {
      // `case *x:` alone (with a comma it is an open sequence pattern).
      std::uint32_t patterns = 0;
      bool comma = false;
      TSNode single{};
      for (std::uint32_t i = 0, c = ts_node_child_count(n); i < c; ++i) {
        TSNode e = ts_node_child(n, i);
        kind ek = p.kind_of(e);
        if (ek == kind::colon) break;
        if (ek == kind::comma) comma = true;
        if (ek == kind::case_pattern && patterns++ == 0) single = e;
        TSNode splat = splat_of(p, e);
        if (!ts_node_is_null(splat) && double_star(p, splat)) {
          p.error(msg::invalid_syntax, splat);
          return;
        }
      }
      if (patterns == 1 && !comma) {
        TSNode splat = splat_of(p, single);
        if (!ts_node_is_null(splat)) p.error(msg::invalid_syntax, splat);
      }
      return;
    }
    case kind::class_pattern: {
      bool keyword = false;
      for (std::uint32_t i = 0, c = ts_node_named_child_count(n); i < c; ++i) {
        TSNode e = ts_node_named_child(n, i);
        if (p.kind_of(e) != kind::case_pattern) continue;
        TSNode inner = ts_node_named_child(e, 0);
        if (ts_node_is_null(inner)) continue;
        if (p.kind_of(inner) == kind::splat_pattern) {
          p.error(msg::invalid_syntax, inner);
          return;
        }
        if (p.kind_of(inner) == kind::keyword_pattern) {
          keyword = true;
        } else if (keyword) {
          p.error(msg::positional_patterns_after_keyword, e);
          return;
        }
      }
      return;
    }
    case kind::complex_pattern: {
      // [-] real (+|-) imaginary
      TSNode real{}, imaginary{};
      for (std::uint32_t i = 0, c = ts_node_named_child_count(n); i < c; ++i) {
        TSNode e = ts_node_named_child(n, i);
        kind ek = p.kind_of(e);
        if (ek != kind::integer && ek != kind::float_) continue;
        (ts_node_is_null(real) ? real : imaginary) = e;
      }
      if (ts_node_is_null(real) || ts_node_is_null(imaginary)) return;
      if (is_imaginary(p.text_of(real)))
        p.error(msg::real_number_required, real);
      else if (!is_imaginary(p.text_of(imaginary)))
        p.error(msg::imaginary_number_required, imaginary);
      return;
    }
    case kind::match_statement: {
      // A match block holds `case` clauses only; tree-sitter also takes an empty one and
      // leaves the indented statements after it.
      if (p.minor() < 10) return;
      TSNode body = p.child(n, field::body);
      if (ts_node_is_null(body)) return;
      for (std::uint32_t i = 0, c = ts_node_named_child_count(body); i < c; ++i)
        if (p.kind_of(ts_node_named_child(body, i)) == kind::case_clause) return;
      TSNode next = ts_node_next_named_sibling(n);
      if (!ts_node_is_null(next)) p.error(msg::invalid_syntax, next);
      return;
    }
    case kind::as_pattern: {
      // `case 42 as _:`
      std::uint32_t c = ts_node_named_child_count(n);
      if (c < 2) return;
      TSNode target = ts_node_named_child(n, c - 1);
      if (p.kind_of(target) == kind::identifier && p.text_of(target) == "_")
        p.error(msg::wildcard_as_target, target);
      return;
    }
    default:
      return;
  }
}

}  // namespace asynclift::detail
