// Pass 1 — expressions: names and targets, lambdas, comprehensions (visited in CPython's
// order), await, yield and assignment expressions.
#include "walker.hpp"
#include "walker_children.hpp"

namespace asynclift::detail {

void walker::visit_identifier(TSNode n, const context& c) {
  std::string_view name = text_of(n);
  const std::uint32_t at = ts_node_start_byte(n);
  switch (c.r) {
    case role::load:
      add_def(c.scope, name, use, at);
      return;
    case role::store:
      if (name == "__debug__") sink_.report(msg::debug_assign, n);
      add_def(c.scope, name, def_local, at);
      return;
    case role::del:
      if (name == "__debug__" && minor() >= 10) sink_.report(msg::debug_delete, n);
      add_def(c.scope, name, def_local, at);
      return;
    case role::comp_target: {
      if (name == "__debug__") sink_.report(msg::debug_assign, n);
      std::string_view m = mangle(c.scope, name);
      if (r_.symbols.flags(c.scope, m) & (def_global | def_nonlocal)) {
        const scope& s = r_.scopes[c.scope];
        sink_.report(msg::comp_inner_loop_rebinds_walrus, s.begin, s.begin + 1, m);
      }
      add_def(c.scope, name, def_local | def_comp_iter, at);
      return;
    }
    case role::store_checked:
      add_def(c.scope, name, def_local, at);
      return;
  }
}

// `*[a, b], c` as tree-sitter reads it: a starred node whose second child is an ERROR that
// ends with ',' (the sequence's first element and its comma), the other elements after it.
bool walker::starred_sequence_head(TSNode n) const {
  if (ts_node_child_count(n) < 3) return false;
  TSNode e = ts_node_child(n, 1);
  if (kind_of(e) != kind::ERROR) return false;
  const std::uint32_t c = ts_node_child_count(e);
  return c >= 2 && kind_of(ts_node_child(e, c - 1)) == kind::comma;
}

// An attribute or subscript chain whose head is a starred node: `*a.b[0]` as tree-sitter reads it.
bool walker::starred_chain(TSNode n) const {
  while (kind_of(n) == kind::attribute || kind_of(n) == kind::subscript || kind_of(n) == kind::call)
    n = ts_node_child(n, 0);
  return kind_of(n) == kind::list_splat;
}

// Reads a starred attribute or subscript target (see starred_chain) without the load check
// of its '*': the target's own check has spoken.
void walker::push_starred_chain(TSNode n, const context& c) {
  context load = c;
  load.r = role::load;
  const kind visiting = visiting_;
  visiting_ = kind::list_splat;
  push(n, load);
  visiting_ = visiting;
}

// A binding target: names are bound, the parts of attributes and subscripts are read.
// Also CPython's compiler checks on targets: at most one starred name per sequence, none
// outside a sequence, nothing assigned to `__debug__`.
void walker::visit_target(TSNode n, const context& c) {
  context load = c;
  load.r = role::load;
  kind k = kind_of(n);
  // tree-sitter-python has no starred sequence in targets: `*[a, b], c = x` comes out as
  // `*` ERROR([a, b] ,) c, and `x, *[a, b] = y` with an ERROR around [a, b]. The syntax
  // checks accept those shapes; their names are bound here.
  if (k == kind::ERROR) {
    for (children ch(*this, n); ch; ++ch)
      if (ts_node_is_named(*ch) && kind_of(*ch) != kind::comment) visit_target(*ch, c);
    return;
  }
  if ((k == kind::list_splat_pattern || k == kind::list_splat) && starred_sequence_head(n)) {
    for (children ch(*this, n); ch; ++ch)
      if (ts_node_is_named(*ch) && kind_of(*ch) != kind::comment) visit_target(*ch, c);
    return;
  }
  if ((k == kind::attribute || k == kind::subscript) && starred_chain(n)) {
    // `*a.b = x`: a starred attribute or subscript that is not inside a sequence.
    if (c.r == role::del)
      sink_.report(minor() >= 9 ? msg::cannot_delete : msg::starred_not_allowed, n, "starred");
    else
      sink_.report(msg::starred_must_be_in_tuple, n);
    push_starred_chain(n, c);
    return;
  }
  if (k == kind::list_splat_pattern || k == kind::list_splat) {
    // Only reached for a starred target that is not inside a sequence.
    if (c.r == role::del)
      sink_.report(minor() >= 9 ? msg::cannot_delete : msg::starred_not_allowed, n, "starred");
    else
      sink_.report(msg::starred_must_be_in_tuple, n);
  }
  switch (k) {
    case kind::identifier:
      visit_identifier(n, c);
      return;
    case kind::attribute: {
      TSNode attr = ts_node_child_by_field_id(n, g_.field_id(field::attribute));
      if (c.r != role::del && !ts_node_is_null(attr) && text_of(attr) == "__debug__")
        sink_.report(msg::debug_assign, n);
      push(n, load);
      return;
    }
    case kind::subscript:
      push(n, load);
      return;
    case kind::pattern_list:
    case kind::tuple_pattern:
    case kind::list_pattern:
    case kind::tuple:
    case kind::list:
    case kind::expression_list: {
      int stars = 0;
      for (children ch(*this, n); ch; ++ch) {
        TSNode e = *ch;
        if (!ts_node_is_named(e) || kind_of(e) == kind::comment) continue;
        kind ek = kind_of(e);
        if (ek == kind::list_splat_pattern || ek == kind::list_splat) {
          ++stars;
          if (c.r == role::del) {
            sink_.report(minor() >= 9 ? msg::cannot_delete : msg::starred_not_allowed, e, "starred");
          } else if (stars == 2) {
            sink_.report(msg::multiple_starred, n);
          }
          for (children inner(*this, e); inner; ++inner)
            if (ts_node_is_named(*inner)) visit_target(*inner, c);
          continue;
        }
        if ((ek == kind::attribute || ek == kind::subscript) && starred_chain(e)) {
          // `*a.b, c = x`: tree-sitter binds the '*' to the chain's head, CPython to the whole
          // attribute or subscript, which is read like any such target.
          ++stars;
          if (c.r == role::del)
            sink_.report(minor() >= 9 ? msg::cannot_delete : msg::starred_not_allowed, e, "starred");
          else if (stars == 2)
            sink_.report(msg::multiple_starred, n);
          push_starred_chain(e, c);
          continue;
        }
        visit_target(e, c);
      }
      return;
    }
    case kind::parenthesized_expression:
      for (children ch(*this, n); ch; ++ch)
        if (ts_node_is_named(*ch) && kind_of(*ch) != kind::comment) visit_target(*ch, c);
      return;
    case kind::list_splat_pattern:
    case kind::list_splat:
      for (children ch(*this, n); ch; ++ch)
        if (ts_node_is_named(*ch)) visit_target(*ch, c);
      return;
    default:
      // Not a valid target (the syntax checks report it); its names are still read.
      if (ts_node_is_named(n)) push(n, load);
      return;
  }
}

// What CPython calls a PEP 695 scope in "… cannot be used within …" messages, or "".
std::string_view walker::forbidden_context(std::uint32_t s) const noexcept {
  const scope& sc = r_.scopes[s];
  switch (sc.kind) {
    case scope_kind::type_params:
      return "the definition of a generic";
    case scope_kind::type_alias:
      return "a type alias";
    case scope_kind::type_var_bound:
      return sc.description;
    default:
      return {};
  }
}

// Keyword arguments of one call or class definition: `__debug__` and repeated names.
void walker::check_keywords(TSNode arguments) {
  std::uint32_t seen[16];
  std::size_t count = 0;
  for (children ch(*this, arguments); ch; ++ch) {
    if (kind_of(*ch) != kind::keyword_argument) continue;
    TSNode name = ts_node_child_by_field_id(*ch, g_.field_id(field::name));
    if (ts_node_is_null(name)) continue;
    std::string_view n = text_of(name);
    if (n == "__debug__") {
      // 3.9–3.11 point at the call, other versions at the keyword.
      TSNode call = ts_node_parent(arguments);
      sink_.report(msg::debug_assign, minor() >= 9 && minor() <= 11 && !ts_node_is_null(call) ? call : *ch);
    }
    bool repeated = false;
    for (std::size_t i = 0; i < count && !repeated; ++i) {
      TSNode other = ts_node_descendant_for_byte_range(arguments, seen[i], seen[i]);
      repeated = text_of(other) == n;
    }
    if (repeated) sink_.report(msg::keyword_repeated, *ch, n);
    if (count < 16) seen[count++] = ts_node_start_byte(name);
  }
}

// CPython's stack limits on nesting, measured with `x = -…-1`, `x = not … not 1`,
// `x = lambda: … lambda: 1` and, for 3.8, `x = ((…))` on each version (tests/oracle/limits.py):
// its parser overflows at 1680 (3.8), 5968 (3.9-3.12) or 5967 (3.13) units, a unary operator
// taking one, a lambda two and, in 3.8's LL(1) parser, a bracket 17 (16 for a dict);
// 3.10-3.12 compile each unary operator recursively and stop at 2990, 2993 and 2995 of them.
// The limits are reported once each; past the parser's the walk does not go deeper (false).
bool walker::deepen(TSNode n, context& c, unsigned units, bool unary) {
  const int v = minor();
  const unsigned parser_limit = v == 8 ? 1680 : v >= 13 ? 5967 : 5968;
  const unsigned compiler_limit = v == 10 ? 2990 : v == 11 ? 2993 : v == 12 ? 2995 : 0;
  if (unary && compiler_limit != 0 && ++c.unary_depth == compiler_limit)
    sink_.report(msg::compile_recursion, n);
  c.parser_depth = static_cast<std::uint16_t>(c.parser_depth + units);
  if (c.parser_depth >= parser_limit) {
    sink_.report(msg::parser_stack_overflow, n);
    return false;
  }
  return true;
}

void walker::visit_lambda(TSNode n, const context& c) {
  context outer = c;
  outer.r = role::load;
  if (!deepen(n, outer, 2, false)) return;
  std::uint32_t l = new_scope(scope_kind::lambda, c.scope, ts_node_start_byte(n));
  TSNode params = ts_node_child_by_field_id(n, g_.field_id(field::parameters));
  TSNode body = ts_node_child_by_field_id(n, g_.field_id(field::body));
  if (!ts_node_is_null(params)) visit_parameters(params, l, outer, outer, ts_node_start_byte(n));
  context inner = scope_context(l);
  inner.parser_depth = outer.parser_depth;
  inner.unary_depth = outer.unary_depth;
  inner.compiled = c.compiled;
  inner.comp_iter = c.comp_iter;  // CPython's new blocks inherit ste_comp_iter_expr
  if (!ts_node_is_null(body)) push(body, inner);
  push_action(action::end_scope, n, inner);
}

// CPython's order: the first iterable in the enclosing scope; then, in the comprehension's
// scope, each generator's target, iterable and conditions; then the value and the element.
void walker::visit_comprehension(TSNode n, const context& c, comp_kind k) {
  if (minor() == 12 && !forbidden_context(c.scope).empty()) {
    std::uint32_t p = r_.scopes[c.scope].parent;
    while (p != no_scope && !forbidden_context(p).empty()) p = r_.scopes[p].parent;
    if (p != no_scope && r_.scopes[p].kind == scope_kind::class_body)
      sink_.report(msg::comprehension_in_class_annotation_scope, n);
  }
  context outer = c;
  outer.r = role::load;
  TSNode body{};
  bool first = true;
  std::uint32_t s = no_scope;
  context inner;
  for (children ch(*this, n); ch; ++ch) {
    TSNode part = *ch;
    if (ch.field() == field::body) {
      body = part;
      continue;
    }
    kind pk = kind_of(part);
    if (pk == kind::for_in_clause) {
      TSNode left = ts_node_child_by_field_id(part, g_.field_id(field::left));
      TSNode right = ts_node_child_by_field_id(part, g_.field_id(field::right));
      const bool is_async = kind_of(ts_node_child(part, 0)) == kind::kw_async;
      const bool outermost = first;
      if (outermost) {
        context iter = outer;
        iter.comp_iter = true;
        if (!ts_node_is_null(right)) push(right, iter);
        s = new_scope(scope_kind::comprehension, c.scope, ts_node_start_byte(n));
        r_.scopes[s].comp = k;
        r_.scopes[s].inlined = minor() >= 12 && k != comp_kind::generator;
        inner = scope_context(s);
        inner.compiled = c.compiled;
        inner.comp_iter = c.comp_iter;  // CPython's new blocks inherit ste_comp_iter_expr
        first = false;
      }
      if (is_async) r_.scopes[s].coroutine = true;
      if (!ts_node_is_null(left)) {
        context t = inner;
        t.r = role::comp_target;
        push_target(left, t);
        TSNode starred = starred_sequence_after_targets(g_, part);  // `for a, *[b] in x`
        if (!ts_node_is_null(starred)) push_target(starred, t);
      }
      if (!outermost && !ts_node_is_null(right)) {
        context iter = inner;
        iter.comp_iter = true;
        push(right, iter);
      }
    } else if (pk == kind::if_clause) {
      if (s == no_scope) continue;
      for (children cond(*this, part); cond; ++cond)
        if (ts_node_is_named(*cond)) push(*cond, inner);
    }
  }
  if (s == no_scope) return;  // no generator: a syntax error reported elsewhere
  if (!ts_node_is_null(body)) {
    if (kind_of(body) == kind::pair) {
      TSNode key = ts_node_child_by_field_id(body, g_.field_id(field::key));
      TSNode value = ts_node_child_by_field_id(body, g_.field_id(field::value));
      if (!ts_node_is_null(value)) push(value, inner);
      if (!ts_node_is_null(key)) push(key, inner);
    } else {
      push(body, inner);
    }
  }
  push_action(action::end_comprehension, n, inner);
}

}  // namespace asynclift::detail

namespace asynclift::detail {

// 3.8–3.10: an async comprehension is legal only directly inside a scope that is itself a
// coroutine (an async def, an async comprehension, or any scope holding an `await`).
void walker::check_async_children(std::uint32_t s) {
  const scope& sc = r_.scopes[s];
  if (sc.coroutine) return;
  for (std::uint32_t at : sc.async_children)
    sink_.report(msg::async_comprehension_outside_async, at, at + 1, {}, minor() <= 9);
}

void walker::end_comprehension(TSNode n, const context& c) {
  const std::uint32_t s = c.scope;
  scope& sc = r_.scopes[s];
  const std::uint32_t begin = ts_node_start_byte(n), end = ts_node_end_byte(n);
  if (sc.generator) {
    static constexpr std::string_view names[] = {"", "list comprehension", "set comprehension",
                                                 "dict comprehension", "generator expression"};
    std::uint32_t at = minor() >= 10 ? sc.first_yield : begin;
    sink_.report(msg::yield_in_comprehension, at, at + 1, names[static_cast<int>(sc.comp)]);
  }
  check_async_children(s);
  if (!sc.coroutine) return;

  const std::uint32_t e = sc.parent;
  if (sc.comp == comp_kind::generator) {
    // An asynchronous generator expression only needs awaiting by whoever iterates it, but
    // CPython still marks module code that creates one as a coroutine.
    if (unit_is_module(e) && c.compiled) mark_module_coroutine(async_kind::async_comprehension, n);
    return;
  }
  scope& outer = r_.scopes[e];
  if (outer.kind == scope_kind::module) {
    // Marked by the compiler, so not for comprehensions in annotations it never compiles.
    if (c.compiled) mark_module_coroutine(async_kind::async_comprehension, n);
    return;
  }
  if (minor() <= 10) {
    // Legal when the enclosing scope is a coroutine — known once that scope is complete.
    if (c.compiled) outer.async_children.push_back(begin);
    return;
  }
  switch (outer.kind) {
    case scope_kind::function:
      if (outer.is_async) return;
      break;
    case scope_kind::comprehension:
      outer.coroutine = true;  // the outer comprehension becomes asynchronous
      return;
    default:
      break;
  }
  if (c.compiled)
    sink_.report(msg::async_comprehension_outside_async, begin, end, {}, minor() <= 9);
}

void walker::visit_await(TSNode n, const context& c) {
  scope& s = r_.scopes[c.scope];
  switch (s.kind) {
    case scope_kind::annotation:
      sink_.report(msg::annotation_forbidden, n, "await expression");
      break;
    case scope_kind::module:
      mark_module_coroutine(async_kind::await_expr, n);
      break;
    // CPython's symtable marks any scope holding an `await` as a coroutine, even where the
    // compiler then rejects it; that mark decides other errors (async generators, and
    // before 3.11 async comprehensions).
    case scope_kind::class_body:
      s.coroutine = true;
      if (c.compiled) sink_.report(msg::await_outside_function, n);
      break;
    case scope_kind::function:
      s.coroutine = true;
      if (!s.is_async && c.compiled) sink_.report(msg::await_outside_async_function, n);
      break;
    case scope_kind::lambda:
      s.coroutine = true;
      if (c.compiled) sink_.report(msg::await_outside_async_function, n);
      break;
    case scope_kind::comprehension:
      s.coroutine = true;
      break;
    default:
      sink_.report(msg::forbidden_in_type_scope, ts_node_start_byte(n), ts_node_end_byte(n),
                   "await expression", false, forbidden_context(c.scope));
      break;
  }
  context load = c;
  load.r = role::load;
  for (children ch(*this, n); ch; ++ch)
    if (ts_node_is_named(*ch)) push(*ch, load);
}

void walker::visit_yield(TSNode n, const context& c) {
  scope& s = r_.scopes[c.scope];
  bool from = false;
  for (children ch(*this, n); ch; ++ch)
    if (kind_of(*ch) == kind::kw_from) from = true;
  switch (s.kind) {
    case scope_kind::annotation:
      sink_.report(msg::annotation_forbidden, n, "yield expression");
      break;
    case scope_kind::module:
    case scope_kind::class_body:
      if (c.compiled) sink_.report(from ? msg::yield_from_outside_function : msg::yield_outside_function, n);
      break;
    case scope_kind::function:
    case scope_kind::lambda:
      s.generator = true;
      if (from && s.is_async && c.compiled) sink_.report(msg::yield_from_in_async, n);
      break;
    case scope_kind::comprehension:
      if (!s.generator) s.first_yield = ts_node_start_byte(n);
      s.generator = true;
      break;
    default:
      sink_.report(msg::forbidden_in_type_scope, ts_node_start_byte(n), ts_node_end_byte(n),
                   "yield expression", false, forbidden_context(c.scope));
      break;
  }
  context load = c;
  load.r = role::load;
  for (children ch(*this, n); ch; ++ch)
    if (ts_node_is_named(*ch)) push(*ch, load);
}

void walker::visit_walrus(TSNode n, const context& c) {
  TSNode target = ts_node_child_by_field_id(n, g_.field_id(field::name));
  TSNode value = ts_node_child_by_field_id(n, g_.field_id(field::value));
  const std::uint32_t at = ts_node_start_byte(n);
  context load = c;
  load.r = role::load;
  const scope& cur = r_.scopes[c.scope];
  if (cur.kind == scope_kind::annotation) {
    sink_.report(msg::annotation_forbidden, n, "named expression");
  } else if (!forbidden_context(c.scope).empty()) {
    sink_.report(msg::forbidden_in_type_scope, ts_node_start_byte(n), ts_node_end_byte(n),
                 "named expression", false, forbidden_context(c.scope));
  } else if (c.comp_iter) {
    sink_.report(msg::walrus_in_comp_iterable, n);
  } else if (cur.kind == scope_kind::comprehension && !ts_node_is_null(target) &&
             kind_of(target) == kind::identifier) {
    // The target binds in the nearest enclosing function (or the module), never in the
    // comprehensions it sits in, and may not rebind their iteration variables.
    std::string_view name = mangle(c.scope, text_of(target));
    std::uint32_t s = c.scope;
    bool failed = false;
    while (r_.scopes[s].kind == scope_kind::comprehension) {
      if (r_.symbols.flags(s, name) & def_comp_iter) {
        sink_.report(msg::walrus_rebinds_iter_var, n, text_of(target));
        failed = true;
        break;
      }
      s = r_.scopes[s].parent;
    }
    if (!failed) {
      scope_kind k = r_.scopes[s].kind;
      if (k == scope_kind::function || k == scope_kind::lambda) {
        std::uint16_t flag = (r_.symbols.flags(s, name) & def_global) ? def_global : def_nonlocal;
        std::uint32_t i = add_def(c.scope, name, flag, at);
        if (r_.symbols[i].directive == no_offset) {
          r_.symbols[i].directive = at;
          r_.symbols[i].directive_end = ts_node_end_byte(n);
        }
        add_def(s, name, def_local, at);
      } else if (k == scope_kind::module) {
        std::uint32_t i = add_def(c.scope, name, def_global, at);
        if (r_.symbols[i].directive == no_offset) {
          r_.symbols[i].directive = at;
          r_.symbols[i].directive_end = ts_node_end_byte(n);
        }
        add_def(s, name, def_global, at);
      } else if (k == scope_kind::class_body) {
        sink_.report(msg::walrus_comp_in_class, n);
      } else if (k == scope_kind::type_params) {
        sink_.report(msg::walrus_comp_in_type_scope, n, "within the definition of a generic");
      } else if (k == scope_kind::type_alias) {
        sink_.report(msg::walrus_comp_in_type_scope, n, "in a type alias");
      } else if (k == scope_kind::type_var_bound) {
        sink_.report(msg::walrus_comp_in_type_scope, n, "in a TypeVar bound");
      }
    }
  }
  if (!ts_node_is_null(value)) push(value, load);
  if (!ts_node_is_null(target)) {
    context t = c;
    t.r = role::store;
    push_target(target, t);
  }
}

}  // namespace asynclift::detail
