// Pass 1 — statements: definitions, bindings, imports, directives and the compiler's
// statement-level rules (return/break/continue/async for/async with/from __future__).
#include <string>

#include "patterns.hpp"
#include "type_params.hpp"
#include "walker.hpp"
#include "walker_children.hpp"

namespace asynclift::detail {
namespace {

bool is_future_feature(std::string_view f) {
  return f == "nested_scopes" || f == "generators" || f == "division" ||
         f == "absolute_import" || f == "with_statement" || f == "print_function" ||
         f == "unicode_literals" || f == "barry_as_FLUFL" || f == "generator_stop" ||
         f == "annotations";
}

}  // namespace

// A module docstring: a first statement that is a plain (non-f, non-bytes) string literal.
bool walker::is_docstring(TSNode stmt) const {
  const grammar& g = g_;
  std::string_view text = text_;
  if (g.kind_of(stmt) != kind::expression_statement || ts_node_named_child_count(stmt) != 1)
    return false;
  TSNode e = ts_node_named_child(stmt, 0);
  auto plain = [&](TSNode s) {
    if (g.kind_of(s) != kind::string) return false;
    TSNode start = ts_node_child(s, 0);
    for (char ch : node_text(start, text)) {
      if (ch == 'f' || ch == 'F' || ch == 'b' || ch == 'B') return false;
      if (ch == '"' || ch == '\'') break;
    }
    return true;
  };
  if (g.kind_of(e) == kind::string) return plain(e);
  if (g.kind_of(e) != kind::concatenated_string) return false;
  for (uint32_t i = 0; i < ts_node_named_child_count(e); ++i)
    if (!plain(ts_node_named_child(e, i))) return false;
  return true;
}

void walker::visit_block(TSNode n, const context& c) {
  for (children ch(*this, n); ch; ++ch)
    if (ts_node_is_named(*ch) && kind_of(*ch) != kind::comment) push(*ch, c);
}

void walker::visit_future_import(TSNode n, const context& c) {
  const bool valid = c.scope == 0 && valid_futures_.count(ts_node_start_byte(n)) != 0;
  if (!valid) sink_.report(msg::future_not_first, n);
  for (children ch(*this, n); ch; ++ch) {
    if (ch.field() != field::name) continue;
    TSNode feature = *ch, bound = *ch;
    if (kind_of(*ch) == kind::aliased_import) {
      feature = ts_node_child_by_field_id(*ch, g_.field_id(field::name));
      bound = ts_node_child_by_field_id(*ch, g_.field_id(field::alias));
    }
    std::string_view f = text_of(feature);
    if (valid) {
      if (f == "braces")
        sink_.report(msg::future_braces, n);
      else if (!is_future_feature(f))
        sink_.report(msg::future_unknown, n, f);
    }
    if (!ts_node_is_null(bound)) {
      TSNode id = kind_of(bound) == kind::dotted_name ? ts_node_named_child(bound, 0) : bound;
      add_def(c.scope, text_of(id), def_import, ts_node_start_byte(id));
    }
  }
}

void walker::visit_parameters(TSNode params, std::uint32_t inner, const context& outer,
                              const context& annotations, std::uint32_t def_begin) {
  // CPython adds parameters in the order: positional (and positional-only), keyword-only,
  // *args, **kwargs; the order decides which duplicate is reported.
  enum category : std::uint32_t { positional, keyword_only, var_positional, var_keyword };
  std::size_t mark = param_scratch_.size();
  bool after_star = false;
  context ann = annotations;
  ann.r = role::load;
  auto record = [&](TSNode name, category cat) {
    if (kind_of(name) != kind::identifier) return;  // tuple parameters: a syntax check's job
    param_scratch_.push_back(cat);
    param_scratch_.push_back(ts_node_start_byte(name));
    param_scratch_.push_back(ts_node_end_byte(name));
  };
  for (children ch(*this, params); ch; ++ch) {
    TSNode p = *ch;
    switch (kind_of(p)) {
      case kind::identifier:
        record(p, after_star ? keyword_only : positional);
        break;
      case kind::keyword_separator:
        after_star = true;
        break;
      case kind::list_splat_pattern:
        after_star = true;
        record(ts_node_named_child(p, 0), var_positional);
        break;
      case kind::dictionary_splat_pattern:
        record(ts_node_named_child(p, 0), var_keyword);
        break;
      case kind::default_parameter:
      case kind::typed_parameter:
      case kind::typed_default_parameter: {
        TSNode value = ts_node_child_by_field_id(p, g_.field_id(field::value));
        TSNode type = ts_node_child_by_field_id(p, g_.field_id(field::type));
        TSNode name = ts_node_child_by_field_id(p, g_.field_id(field::name));
        category cat = after_star ? keyword_only : positional;
        if (ts_node_is_null(name)) {  // typed_parameter: identifier or a splat pattern
          name = ts_node_named_child(p, 0);
          if (kind_of(name) == kind::list_splat_pattern) {
            after_star = true;
            cat = var_positional;
            name = ts_node_named_child(name, 0);
          } else if (kind_of(name) == kind::dictionary_splat_pattern) {
            cat = var_keyword;
            name = ts_node_named_child(name, 0);
          }
        }
        if (!ts_node_is_null(name)) record(name, cat);
        if (!ts_node_is_null(value)) push(value, outer);
        if (!ts_node_is_null(type)) visit_annotation(type, ann);
        break;
      }
      default:
        break;
    }
  }
  for (std::uint32_t cat = positional; cat <= var_keyword; ++cat)
    for (std::size_t i = mark; i < param_scratch_.size(); i += 3)
      if (param_scratch_[i] == cat) {
        std::uint32_t b = param_scratch_[i + 1], e = param_scratch_[i + 2];
        std::string_view name = text_.substr(b, e - b);
        if (name == "__debug__") {
          // 3.9–3.11 point at the function or lambda, other versions at the parameter.
          std::uint32_t at = minor() >= 9 && minor() <= 11 ? def_begin : b;
          sink_.report(msg::debug_assign, at, minor() >= 9 && minor() <= 11 ? at + 1 : e);
        }
        add_def(inner, name, def_param, b);
      }
  param_scratch_.resize(mark);
}

// An annotation, evaluated (when compiled) in the scope of `c`. Under
// `from __future__ import annotations` CPython does not compile annotations; from 3.10 it also
// puts them in a scope of their own, where await/yield/walrus are errors.
void walker::visit_annotation(TSNode n, const context& c) {
  context a = c;
  a.r = role::load;
  if (future_annotations_) {
    a.compiled = false;
    if (minor() >= 10) {
      a = scope_context(new_scope(scope_kind::annotation, c.scope, ts_node_start_byte(n)));
      a.compiled = false;
    }
  }
  push(n, a);
}

void walker::visit_function(TSNode n, const context& c, TSNode decorated) {
  (void)decorated;
  bool is_async = kind_of(ts_node_child(n, 0)) == kind::kw_async;
  TSNode name = ts_node_child_by_field_id(n, g_.field_id(field::name));
  TSNode params = ts_node_child_by_field_id(n, g_.field_id(field::parameters));
  TSNode tparams = ts_node_child_by_field_id(n, g_.field_id(field::type_parameters));
  TSNode returns = ts_node_child_by_field_id(n, g_.field_id(field::return_type));
  TSNode body = ts_node_child_by_field_id(n, g_.field_id(field::body));
  const std::uint32_t begin = ts_node_start_byte(n);

  if (!ts_node_is_null(name)) {
    check_debug_binding(name, n);
    add_def(c.scope, text_of(name), def_local, ts_node_start_byte(name));
  }
  context ann = c;
  ann.r = role::load;
  std::uint32_t parent = c.scope;
  if (!ts_node_is_null(tparams)) {
    parent = new_scope(scope_kind::type_params, c.scope, begin);
    visit_type_params(tparams, parent, c);
    ann = scope_context(parent);
  }
  std::uint32_t f = new_scope(scope_kind::function, parent, begin);
  r_.scopes[f].is_async = is_async;
  r_.scopes[f].coroutine = is_async;
  if (!ts_node_is_null(params)) visit_parameters(params, f, c, ann, begin);
  if (!ts_node_is_null(returns)) visit_annotation(returns, ann);
  if (!ts_node_is_null(body)) push(body, scope_context(f));
  push_action(action::end_scope, n, scope_context(f));
}

void walker::visit_class(TSNode n, const context& c) {
  TSNode name = ts_node_child_by_field_id(n, g_.field_id(field::name));
  TSNode tparams = ts_node_child_by_field_id(n, g_.field_id(field::type_parameters));
  TSNode bases = ts_node_child_by_field_id(n, g_.field_id(field::superclasses));
  TSNode body = ts_node_child_by_field_id(n, g_.field_id(field::body));
  const std::uint32_t begin = ts_node_start_byte(n);
  if (!ts_node_is_null(name)) {
    check_debug_binding(name, n);
    add_def(c.scope, text_of(name), def_local, ts_node_start_byte(name));
  }
  context outer = c;
  outer.r = role::load;
  std::uint32_t parent = c.scope;
  if (!ts_node_is_null(tparams)) {
    parent = new_scope(scope_kind::type_params, c.scope, begin);
    visit_type_params(tparams, parent, c);
    outer = scope_context(parent);
  }
  if (!ts_node_is_null(bases)) push(bases, outer);
  std::uint32_t k = new_scope(scope_kind::class_body, parent, begin);
  if (!ts_node_is_null(name)) r_.scopes[k].private_name = text_of(name);
  if (!ts_node_is_null(body)) push(body, scope_context(k));
  push_action(action::end_scope, n, scope_context(k));
}

void walker::visit_type_params(TSNode n, std::uint32_t scope, const context& c) {
  (void)c;
  if (ts_node_has_error(n) && ts_node_start_byte(n) < text_.size() &&
      text_[ts_node_start_byte(n)] == '[')
    return visit_type_params_text(n, scope);
  for (children ch(*this, n); ch; ++ch) {
    TSNode t = *ch;
    if (kind_of(t) != kind::type) continue;
    TSNode inner = ts_node_named_child(t, 0);
    TSNode bound{};
    if (kind_of(inner) == kind::constrained_type) {
      bound = ts_node_named_child(inner, 1);
      inner = ts_node_named_child(ts_node_named_child(inner, 0), 0);
    } else if (kind_of(inner) == kind::splat_type) {
      inner = ts_node_named_child(inner, 0);
    }
    if (ts_node_is_null(inner) || kind_of(inner) != kind::identifier) continue;
    std::string_view name = text_of(inner);
    if (r_.symbols.flags(scope, name) & def_type_param)
      sink_.report(msg::duplicate_type_param, inner, name);
    add_def(scope, name, def_local | def_type_param, ts_node_start_byte(inner));
    if (!ts_node_is_null(bound)) {
      std::uint32_t b = new_scope(scope_kind::type_var_bound, scope, ts_node_start_byte(bound));
      TSNode inner_bound = ts_node_named_child(bound, 0);
      const bool constraints = !ts_node_is_null(inner_bound) && kind_of(inner_bound) == kind::tuple;
      r_.scopes[b].description = constraints && minor() >= 13 ? "a TypeVar constraint" : "a TypeVar bound";
      push(bound, scope_context(b));
    }
  }
}

// A list tree-sitter could not parse (PEP 696 defaults): names, bounds and defaults as
// CPython's symtable_visit_type_param visits them, read from the text.
void walker::visit_type_params_text(TSNode n, std::uint32_t scope) {
  const std::uint32_t open = ts_node_start_byte(n);
  std::uint32_t close = 0;
  for (const type_param_text& p : read_type_params(text_, open, close)) {
    if (p.name.empty()) continue;
    std::string_view name = text_.substr(p.name.begin, p.name.end - p.name.begin);
    if (r_.symbols.flags(scope, name) & def_type_param)
      sink_.report(msg::duplicate_type_param, p.name.begin, p.name.end, name);
    add_def(scope, name, def_local | def_type_param, p.name.begin);
    if (close >= text_.size()) continue;  // an unclosed list: a syntax error already
    if (!p.bound.empty() && p.stars == 0)
      visit_type_param_part(scope, open, p.bound.begin, p.bound.end, close, "a TypeVar bound");
    static constexpr std::string_view defaults[] = {"a TypeVar default", "a TypeVarTuple default",
                                                    "a ParamSpec default"};
    text_span d = p.default_value;
    while (d.begin < d.end && (text_[d.begin] == ' ' || text_[d.begin] == '\t')) ++d.begin;
    if (p.stars == 1 && d.begin < d.end && text_[d.begin] == '*') ++d.begin;  // `*Ts = *tuple[int]`
    if (!d.empty()) visit_type_param_part(scope, open, d.begin, d.end, close, defaults[p.stars]);
  }
}

// A bound or default in its own scope, parsed on its own between the list's brackets.
void walker::visit_type_param_part(std::uint32_t scope, std::uint32_t open, std::uint32_t begin,
                                   std::uint32_t end, std::uint32_t close, std::string_view what) {
  if (!fragment_parser_) fragment_parser_ = std::make_unique<parser>();
  tree_ptr tree = fragment_parser_->parse_fragment(text_, open, begin, end, close);
  if (!tree) return;
  // module > expression_statement > list > the expression
  TSNode list = ts_node_named_child(ts_node_named_child(ts_tree_root_node(tree.get()), 0), 0);
  if (ts_node_is_null(list) || kind_of(list) != kind::list || ts_node_named_child_count(list) != 1)
    return;
  TSNode e = ts_node_named_child(list, 0);
  const bool constraints = kind_of(e) == kind::tuple;
  std::uint32_t b = new_scope(scope_kind::type_var_bound, scope, begin);
  r_.scopes[b].description =
      what == "a TypeVar bound" && constraints && minor() >= 13 ? "a TypeVar constraint" : what;
  push(e, scope_context(b));
  fragments_.push_back(std::move(tree));
}

void walker::visit_type_alias(TSNode n, const context& c) {
  TSNode left = ts_node_child_by_field_id(n, g_.field_id(field::left));
  TSNode right = ts_node_child_by_field_id(n, g_.field_id(field::right));
  std::uint32_t parent = c.scope;
  TSNode name = ts_node_is_null(left) ? left : ts_node_named_child(left, 0);
  if (!ts_node_is_null(name) && kind_of(name) == kind::generic_type) {
    TSNode tparams{};
    for (children ch(*this, name); ch; ++ch)
      if (kind_of(*ch) == kind::type_parameter) tparams = *ch;
    name = ts_node_named_child(name, 0);
    if (!ts_node_is_null(tparams)) {
      parent = new_scope(scope_kind::type_params, c.scope, ts_node_start_byte(n));
      visit_type_params(tparams, parent, c);
    }
  }
  if (!ts_node_is_null(name) && kind_of(name) == kind::identifier)
    add_def(c.scope, text_of(name), def_local, ts_node_start_byte(name));
  if (!ts_node_is_null(right)) {
    std::uint32_t v = new_scope(scope_kind::type_alias, parent, ts_node_start_byte(n));
    push(right, scope_context(v));
  }
}

void walker::visit_assignment(TSNode n, const context& c) {
  TSNode left = ts_node_child_by_field_id(n, g_.field_id(field::left));
  TSNode right = ts_node_child_by_field_id(n, g_.field_id(field::right));
  TSNode type = ts_node_child_by_field_id(n, g_.field_id(field::type));
  context load = c;
  load.r = role::load;
  if (!ts_node_is_null(type)) {
    const scope& s = r_.scopes[c.scope];
    const bool evaluated = s.kind == scope_kind::module || s.kind == scope_kind::class_body;
    if (!ts_node_is_null(left) && kind_of(left) == kind::identifier) {
      std::string_view name = mangle(c.scope, text_of(left));
      std::uint16_t cur = r_.symbols.flags(c.scope, name);
      if ((cur & (def_global | def_nonlocal)) && c.scope != 0)
        sink_.report(cur & def_global ? msg::global_annot : msg::nonlocal_annot, n, name);
      if (name == "__debug__") sink_.report(msg::debug_assign, left);
      add_def(c.scope, text_of(left), def_annot | def_local, ts_node_start_byte(left));
    } else if (!ts_node_is_null(left)) {
      TSNode target = left;
      while (kind_of(target) == kind::parenthesized_expression && ts_node_named_child_count(target) == 1)
        target = ts_node_named_child(target, 0);
      if (kind_of(target) == kind::identifier) {
        if (!ts_node_is_null(right)) add_def(c.scope, text_of(target), def_local, ts_node_start_byte(target));
      } else {
        context t = c;
        t.r = role::store;
        visit_target(left, t);
      }
    }
    context ann = load;
    if (!evaluated) ann.compiled = false;
    visit_annotation(type, ann);
    if (!ts_node_is_null(right)) push(right, load);
    return;
  }
  if (!ts_node_is_null(left)) {
    context t = c;
    t.r = role::store;
    visit_target(left, t);
  }
  if (ts_node_is_null(right)) return;
  if (kind_of(right) == kind::assignment)
    visit_assignment(right, c);
  else
    push(right, load);
}

// `a, *[b, c] = x` (see starred_sequence_assignment): the targets before the star and the
// starred sequence are bound, the value after the '=' is read.
void walker::visit_starred_sequence_assignment(TSNode statement, TSNode error, const context& c) {
  context t = c;
  t.r = role::store;
  int stars = 1;
  const std::uint32_t count = ts_node_child_count(statement);
  for (std::uint32_t i = 0; i + 1 < count; ++i) {
    TSNode e = ts_node_child(statement, i);
    if (!ts_node_is_named(e) || kind_of(e) == kind::comment) continue;
    if (kind_of(e) == kind::list_splat || kind_of(e) == kind::list_splat_pattern) {
      ++stars;
      for (children inner(*this, e); inner; ++inner)
        if (ts_node_is_named(*inner)) visit_target(*inner, t);
      continue;
    }
    visit_target(e, t);
  }
  if (stars > 1) sink_.report(msg::multiple_starred, ts_node_start_byte(statement), ts_node_end_byte(error));
  visit_target(ts_node_child(error, 0), t);
  context load = c;
  load.r = role::load;
  push(ts_node_child(ts_node_child(statement, count - 1), 2), load);
}

void walker::visit_augmented_assignment(TSNode n, const context& c) {
  TSNode left = ts_node_child_by_field_id(n, g_.field_id(field::left));
  TSNode right = ts_node_child_by_field_id(n, g_.field_id(field::right));
  context load = c;
  load.r = role::load;
  if (!ts_node_is_null(left)) {
    context t = c;
    t.r = role::store;
    if (kind_of(left) == kind::identifier)
      visit_target(left, t);
    else
      push(left, load);  // the attribute or subscript is read, then written
  }
  if (!ts_node_is_null(right)) push(right, load);
}

void walker::visit_for(TSNode n, const context& c) {
  const bool is_async = kind_of(ts_node_child(n, 0)) == kind::kw_async;
  if (is_async) {
    const scope& s = r_.scopes[c.scope];
    if (c.scope == 0)
      mark_module_coroutine(async_kind::async_for, n);
    else if (!(s.kind == scope_kind::function && s.is_async))
      sink_.report(msg::async_for_outside_async, n);
  }
  context load = c;
  load.r = role::load;
  context target = c;
  target.r = role::store;
  context body = enter_block(n, load);
  body.loop = true;
  body.xstar_loop = false;
  for (children ch(*this, n); ch; ++ch) {
    switch (ch.field()) {
      case field::left: {
        visit_target(*ch, target);
        TSNode starred = starred_sequence_after_targets(g_, n);  // `for a, *[b] in x`
        if (!ts_node_is_null(starred)) visit_target(starred, target);
        break;
      }
      case field::right:
        push(*ch, load);
        break;
      case field::body:
        push(*ch, body);
        break;
      case field::alternative:
        push(*ch, load);
        break;
      default:
        break;
    }
  }
}

void walker::visit_while(TSNode n, const context& c) {
  context load = c;
  load.r = role::load;
  context body = enter_block(n, load);
  body.loop = true;
  body.xstar_loop = false;
  for (children ch(*this, n); ch; ++ch) {
    if (ch.field() == field::condition || ch.field() == field::alternative) push(*ch, load);
    if (ch.field() == field::body) push(*ch, body);
  }
}

void walker::visit_try(TSNode n, const context& c) {
  context load = enter_block(n, c);
  load.r = role::load;
  TSNode body = ts_node_child_by_field_id(n, g_.field_id(field::body));
  TSNode bare_except{};
  for (children ch(*this, n); ch; ++ch) {
    TSNode part = *ch;
    if (kind_of(part) != kind::except_clause) {
      if (ts_node_is_named(part)) push(part, load);
      continue;
    }
    if (!ts_node_is_null(bare_except)) {
      // A bare `except:` before another handler. 3.8/3.9 place the error at the last
      // statement compiled before it, later versions at the bare handler.
      std::uint32_t at = ts_node_start_byte(bare_except);
      if (minor() <= 9 && !ts_node_is_null(body) && ts_node_named_child_count(body) > 0)
        at = ts_node_start_byte(ts_node_named_child(body, ts_node_named_child_count(body) - 1));
      sink_.report(msg::default_except_not_last, at, at + 1);
      bare_except = TSNode{};
    }
    if (ts_node_named_child_count(part) == 1 && kind_of(ts_node_named_child(part, 0)) == kind::block)
      bare_except = part;
    bool star = false;
    context handler = load;
    for (children e(*this, part); e; ++e) {
      TSNode x = *e;
      kind k = kind_of(x);
      if (k == kind::star) star = true;
      if (k == kind::block) {
        if (star) {
          handler.xstar = true;
          handler.xstar_loop = true;
        }
        push(x, handler);
      } else if (k == kind::as_pattern) {
        for (children a(*this, x); a; ++a) {
          if (a.field() == field::alias) {
            context t = c;
            t.r = role::store;
            TSNode target = kind_of(*a) == kind::as_pattern_target ? ts_node_named_child(*a, 0) : *a;
            if (!ts_node_is_null(target) && kind_of(target) == kind::identifier &&
                text_of(target) == "__debug__") {
              check_debug_binding(target, part);
              t.r = role::store_checked;
            }
            // Scheduled, not bound now: the handler binds after the try body has run.
            if (!ts_node_is_null(target)) push_target(target, t);
          } else if (ts_node_is_named(*a)) {
            push(*a, load);
          }
        }
      } else if (ts_node_is_named(x) && k != kind::comment) {
        push(x, load);
      }
    }
  }
}

void walker::visit_with(TSNode n, const context& c) {
  const bool is_async = kind_of(ts_node_child(n, 0)) == kind::kw_async;
  if (is_async) {
    const scope& s = r_.scopes[c.scope];
    if (c.scope == 0)
      mark_module_coroutine(async_kind::async_with, n);
    else if (!(s.kind == scope_kind::function && s.is_async))
      sink_.report(msg::async_with_outside_async, n);
  }
  context load = c;
  load.r = role::load;
  const context body = enter_block(n, load);
  for (children ch(*this, n); ch; ++ch) {
    if (ch.field() == field::body) {
      push(*ch, body);
      continue;
    }
    if (kind_of(*ch) != kind::with_clause) continue;
    for (children item(*this, *ch); item; ++item) {
      if (kind_of(*item) != kind::with_item) continue;
      TSNode value = ts_node_child_by_field_id(*item, g_.field_id(field::value));
      if (ts_node_is_null(value)) continue;
      if (kind_of(value) != kind::as_pattern) {
        push(value, load);
        continue;
      }
      for (children a(*this, value); a; ++a) {
        if (a.field() == field::alias) {
          context t = c;
          t.r = role::store;
          TSNode target = kind_of(*a) == kind::as_pattern_target ? ts_node_named_child(*a, 0) : *a;
          if (!ts_node_is_null(target)) visit_target(target, t);
        } else if (ts_node_is_named(*a)) {
          push(*a, load);
        }
      }
    }
  }
}

void walker::visit_import(TSNode n, const context& c) {
  for (children ch(*this, n); ch; ++ch) {
    if (ch.field() != field::name) continue;
    TSNode bound = *ch;
    if (kind_of(bound) == kind::aliased_import)
      bound = ts_node_child_by_field_id(bound, g_.field_id(field::alias));
    else if (kind_of(bound) == kind::dotted_name)
      bound = ts_node_named_child(bound, 0);  // `import a.b` binds `a`
    if (!ts_node_is_null(bound) && kind_of(bound) == kind::identifier) {
      check_debug_binding(bound, n);
      add_def(c.scope, text_of(bound), def_import, ts_node_start_byte(bound));
    }
  }
}

void walker::visit_import_from(TSNode n, const context& c) {
  for (children ch(*this, n); ch; ++ch) {
    if (kind_of(*ch) == kind::wildcard_import) {
      if (c.scope != 0) {
        // 3.8/3.9 place the error at the enclosing definition, later versions at the `*`.
        if (minor() >= 10)
          sink_.report(msg::import_star_not_module, *ch);
        else
          sink_.report(msg::import_star_not_module, r_.scopes[c.scope].begin,
                       r_.scopes[c.scope].begin + 1);
      }
      continue;
    }
    if (ch.field() != field::name) continue;
    TSNode bound = *ch;
    if (kind_of(bound) == kind::aliased_import)
      bound = ts_node_child_by_field_id(bound, g_.field_id(field::alias));
    else if (kind_of(bound) == kind::dotted_name)
      bound = ts_node_named_child(bound, 0);
    if (!ts_node_is_null(bound) && kind_of(bound) == kind::identifier) {
      check_debug_binding(bound, n);
      add_def(c.scope, text_of(bound), def_import, ts_node_start_byte(bound));
    }
  }
}

void walker::visit_global(TSNode n, const context& c, bool is_nonlocal) {
  const std::uint32_t at = ts_node_start_byte(n);
  for (children ch(*this, n); ch; ++ch) {
    if (kind_of(*ch) != kind::identifier) continue;
    if (c.scope == 0) {  // checked in order with the other module events (resolve_module)
      r_.events.push_back({text_of(*ch), is_nonlocal ? def_nonlocal : def_global, true, at, ts_node_end_byte(n)});
      continue;
    }
    std::string_view name = mangle(c.scope, text_of(*ch));
    std::uint32_t i = r_.symbols.intern(c.scope, name);
    std::uint16_t cur = r_.symbols[i].flags;
    if (cur & (def_param | def_local | use | def_annot)) {
      msg m;
      if (cur & def_param)
        m = is_nonlocal ? msg::nonlocal_param : msg::global_param;
      else if (cur & use)
        m = is_nonlocal ? msg::nonlocal_after_use : msg::global_after_use;
      else if (cur & def_annot)
        m = is_nonlocal ? msg::nonlocal_annot : msg::global_annot;
      else
        m = is_nonlocal ? msg::nonlocal_after_assign : msg::global_after_assign;
      sink_.report(m, n, name);
    }
    add_def(c.scope, name, is_nonlocal ? def_nonlocal : def_global, at);
    if (r_.symbols[i].directive == no_offset) {
      r_.symbols[i].directive = at;
      r_.symbols[i].directive_end = ts_node_end_byte(n);
    }
  }
}

void walker::visit_return(TSNode n, const context& c) {
  scope& s = r_.scopes[c.scope];
  if (s.kind != scope_kind::function && s.kind != scope_kind::lambda) {
    if (c.compiled) sink_.report(msg::return_outside_function, n);
  } else if (c.xstar) {
    sink_.report(msg::except_star_control_flow, n);
  }
  bool has_value = false;
  context load = c;
  load.r = role::load;
  for (children ch(*this, n); ch; ++ch)
    if (ts_node_is_named(*ch) && kind_of(*ch) != kind::comment) {
      has_value = true;
      push(*ch, load);
    }
  if (has_value && s.kind == scope_kind::function) s.value_returns.push_back(ts_node_start_byte(n));
}

// CPython's compiler keeps at most CO_MAXBLOCKS frame blocks per code object (20; 21 from
// 3.13): one for each enclosing loop, `with` and `try`. The statement that opens one more is
// the error (3.8 reports it without a position).
context walker::enter_block(TSNode statement, const context& c) {
  context inner = c;
  const int limit = minor() >= 13 ? 21 : 20;
  if (c.blocks == limit)
    sink_.report(msg::too_many_blocks, ts_node_start_byte(statement), ts_node_end_byte(statement), {},
                 minor() <= 8);
  if (inner.blocks < 255) ++inner.blocks;
  return inner;
}

void walker::visit_loop_control(TSNode n, const context& c, bool is_break) {
  if (!c.loop)
    sink_.report(is_break ? msg::break_outside_loop : msg::continue_outside_loop, n);
  else if (c.xstar_loop)
    sink_.report(msg::except_star_control_flow, n);
}

void walker::visit_match(TSNode n, const context& c) {
  check_match_patterns(n, text_, sink_);
  context load = c;
  load.r = role::load;
  for (children ch(*this, n); ch; ++ch) {
    if (ch.field() == field::subject) {
      push(*ch, load);
      continue;
    }
    if (ch.field() != field::body) continue;
    for (children cl(*this, *ch); cl; ++cl) {
      if (kind_of(*cl) != kind::case_clause) continue;
      for (children part(*this, *cl); part; ++part) {
        TSNode p = *part;
        if (part.field() == field::guard || part.field() == field::consequence)
          push(p, load);
        else if (kind_of(p) == kind::case_pattern)
          visit_pattern(p, c);
      }
    }
  }
}

void walker::visit_pattern(TSNode n, const context& c) {
  context load = c;
  load.r = role::load;
  context capture = c;
  capture.r = role::store;
  auto capture_name = [&](TSNode id) {
    if (kind_of(id) == kind::identifier && text_of(id) != "_") visit_identifier(id, capture);
  };
  switch (kind_of(n)) {
    case kind::identifier:
      capture_name(n);
      return;
    case kind::dotted_name:
      if (ts_node_named_child_count(n) == 1)
        capture_name(ts_node_named_child(n, 0));
      else
        visit_identifier(ts_node_named_child(n, 0), load);
      return;
    case kind::splat_pattern:
      if (ts_node_named_child_count(n) == 1) capture_name(ts_node_named_child(n, 0));
      return;
    case kind::class_pattern:
      for (children ch(*this, n); ch; ++ch) {
        if (kind_of(*ch) == kind::dotted_name)
          visit_identifier(ts_node_named_child(*ch, 0), load);
        else if (ts_node_is_named(*ch))
          visit_pattern(*ch, c);
      }
      return;
    case kind::keyword_pattern: {
      bool first = true;
      for (children ch(*this, n); ch; ++ch) {
        if (!ts_node_is_named(*ch)) continue;
        if (first && kind_of(*ch) == kind::identifier) {
          first = false;
          continue;
        }
        visit_pattern(*ch, c);
      }
      return;
    }
    case kind::dict_pattern:
      for (children ch(*this, n); ch; ++ch) {
        if (ch.field() == field::key)
          push(*ch, load);
        else if (ts_node_is_named(*ch))
          visit_pattern(*ch, c);
      }
      return;
    case kind::as_pattern:
    case kind::case_pattern:
    case kind::list_pattern:
    case kind::tuple_pattern:
    case kind::union_pattern:
      for (children ch(*this, n); ch; ++ch)
        if (ts_node_is_named(*ch)) visit_pattern(*ch, c);
      return;
    default:  // literals
      if (ts_node_is_named(n)) push(n, load);
      return;
  }
}

}  // namespace asynclift::detail

namespace asynclift::detail {

// `__debug__` bound by a definition, import or handler: 3.8 points at the name, later
// versions at the statement.
void walker::check_debug_binding(TSNode name, TSNode statement) {
  if (text_of(name) != "__debug__") return;
  sink_.report(msg::debug_assign, minor() >= 9 ? statement : name);
}

}  // namespace asynclift::detail
