// The walk itself: scheduling, scopes, symbols and the node dispatch. Statement and expression
// handlers live in statements.cpp and expressions.cpp.
#include "walker.hpp"

#include <algorithm>

#include "resolve.hpp"
#include "walker_children.hpp"

namespace asynclift::detail {

void diagnostic_sink::report(msg id, std::uint32_t begin, std::uint32_t end, std::string_view arg,
                             bool unpositioned, std::string_view arg2) {
  diagnostic d;
  d.code = message_code(id);
  d.level = id == msg::top_level_locals ? severity::warning : severity::error;
  d.message = message_text(id, version_, arg, arg2);
  d.range = {begin, std::max(begin, end)};
  d.unpositioned = unpositioned;
  d.phase = message_phase(id, version_);
  out_.push_back(std::move(d));
}

walker::walker(std::string_view text, diagnostic_sink& sink, bool allow_top_level_await)
    : text_(text), sink_(sink), g_(grammar::get()), allow_top_level_await_(allow_top_level_await) {}

walker::~walker() {
  for (TSTreeCursor& c : cursors_) ts_tree_cursor_delete(&c);
}

std::uint32_t walker::new_scope(scope_kind k, std::uint32_t parent, std::uint32_t begin) {
  scope s;
  s.kind = k;
  s.parent = parent;
  s.begin = begin;
  if (parent != no_scope) s.private_name = r_.scopes[parent].private_name;
  r_.scopes.push_back(std::move(s));
  return static_cast<std::uint32_t>(r_.scopes.size() - 1);
}

bool walker::function_like(std::uint32_t s) const noexcept {
  scope_kind k = r_.scopes[s].kind;
  return k == scope_kind::function || k == scope_kind::lambda || k == scope_kind::comprehension ||
         k == scope_kind::type_params || k == scope_kind::type_alias;
}

// Is code in scope `s` compiled as part of the module's own code object? From 3.12 on,
// list/set/dict comprehensions are inlined into the code of the scope around them.
bool walker::unit_is_module(std::uint32_t s) const noexcept {
  while (r_.scopes[s].inlined) s = r_.scopes[s].parent;
  return r_.scopes[s].kind == scope_kind::module;
}

// Without PyCF_ALLOW_TOP_LEVEL_AWAIT, each construct that would make module code a coroutine
// is the error CPython gives for it in plain module code.
void walker::mark_module_coroutine(async_kind k, TSNode n) {
  if (!allow_top_level_await_) {
    switch (k) {
      case async_kind::await_expr:
        sink_.report(msg::await_outside_function, n);
        return;
      case async_kind::async_for:
        sink_.report(msg::async_for_outside_async, n);
        return;
      case async_kind::async_with:
        sink_.report(msg::async_with_outside_async, n);
        return;
      case async_kind::async_comprehension:
        if (kind_of(n) != kind::generator_expression)
          sink_.report(msg::async_comprehension_outside_async, ts_node_start_byte(n),
                       ts_node_end_byte(n), {}, minor() <= 9);
        return;
    }
  }
  r_.sites.push_back({k, {ts_node_start_byte(n), ts_node_end_byte(n)}});
}

// CPython's _Py_Mangle: `__x` inside a class C becomes `_C__x`.
std::string_view walker::mangle(std::uint32_t scope, std::string_view name) {
  std::string_view cls = r_.scopes[scope].private_name;
  if (cls.empty() || name.size() < 3 || name[0] != '_' || name[1] != '_') return name;
  if (name.substr(name.size() - 2) == "__" || name.find('.') != std::string_view::npos) return name;
  std::size_t skip = cls.find_first_not_of('_');
  if (skip == std::string_view::npos) return name;
  std::string m = "_";
  m.append(cls.substr(skip));
  m.append(name);
  return r_.symbols.store(std::move(m));
}

std::uint32_t walker::add_def(std::uint32_t scope, std::string_view name, std::uint16_t flag,
                              std::uint32_t at) {
  if (scope == 0) {
    r_.events.push_back({name, flag, false, at, at + static_cast<std::uint32_t>(name.size())});
    return no_offset;
  }
  name = mangle(scope, name);
  std::uint32_t i = r_.symbols.intern(scope, name);
  symbol& sym = r_.symbols[i];
  if ((flag & def_param) && (sym.flags & def_param)) {
    // Duplicate argument: 3.8/3.9 point at the function, later versions at the parameter.
    std::uint32_t pos = minor() >= 10 ? at : r_.scopes[scope].begin;
    sink_.report(msg::duplicate_argument, pos, pos + static_cast<std::uint32_t>(name.size()), name);
  }
  std::uint16_t before = sym.flags;
  sym.flags = static_cast<std::uint16_t>(sym.flags | flag);
  if ((flag & def_nonlocal) && !(before & def_nonlocal)) r_.nonlocals.push_back(i);
  return i;
}

void walker::begin_module(TSNode root) {
  r_ = walk_result{};
  root_node_ = root;
  root_kind_ = kind_of(root);
  new_scope(scope_kind::module, no_scope, 0);
  stack_.clear();
  valid_futures_.clear();
  future_annotations_ = future_barry_ = future_done_ = false;
  // `from __future__` imports are valid only before any other statement (a docstring aside).
  std::uint32_t index = 0;
  for (children ch(*this, root); ch; ++ch) {
    TSNode s = *ch;
    if (!ts_node_is_named(s) || kind_of(s) == kind::comment) continue;
    if (index++ == 0 && is_docstring(s)) continue;
    if (kind_of(s) != kind::future_import_statement || future_done_) {
      future_done_ = true;
      continue;
    }
    valid_futures_.insert(ts_node_start_byte(s));
    // The features in force for the whole module (every later statement sees them).
    for (children f(*this, s); f; ++f) {
      if (f.field() != field::name) continue;
      TSNode feature = kind_of(*f) == kind::aliased_import
                           ? ts_node_child_by_field_id(*f, g_.field_id(field::name))
                           : *f;
      std::string_view name = text_of(feature);
      if (name == "annotations") future_annotations_ = true;
      if (name == "barry_as_FLUFL") future_barry_ = true;
    }
  }
}

void walker::begin_module_part(bool future_annotations, bool future_barry) {
  r_ = walk_result{};
  root_node_ = TSNode{};
  root_kind_ = kind::module;
  new_scope(scope_kind::module, no_scope, 0);
  stack_.clear();
  valid_futures_.clear();
  future_annotations_ = future_annotations;
  future_barry_ = future_barry;
  future_done_ = true;
}

void walker::run(TSNode root) {
  begin_module(root);
  std::uint32_t index = 0;
  for (children ch(*this, root); ch; ++ch)
    if (ts_node_is_named(*ch) && kind_of(*ch) != kind::comment) run_statement(*ch, index++);
}

void walker::run_statement(TSNode statement, std::uint32_t index) {
  (void)index;
  statement_span span{};
  span.begin = ts_node_start_byte(statement);
  span.end = ts_node_end_byte(statement);
  span.diagnostics_begin = static_cast<std::uint32_t>(sink_.size());
  span.sites_begin = static_cast<std::uint32_t>(r_.sites.size());
  span.events_begin = static_cast<std::uint32_t>(r_.events.size());
  const std::size_t nonlocals = r_.nonlocals.size();
  // The statement is checked as a child of the module node (or of the ERROR node tree-sitter
  // made the root), never against the statement walked before it: a document walks only some.
  visiting_ = root_kind_;
  visiting_node_ = root_node_;
  push(statement, scope_context(0));
  drain();
  // Pass 2 for this statement: its nonlocal declarations only look at its own scopes.
  resolve_nonlocals(r_, nonlocals, sink_);
  span.diagnostics_end = static_cast<std::uint32_t>(sink_.size());
  span.sites_end = static_cast<std::uint32_t>(r_.sites.size());
  span.events_end = static_cast<std::uint32_t>(r_.events.size());
  r_.statements.push_back(span);
}

void walker::drain() {
  while (!stack_.empty()) {
    task t = stack_.back();
    stack_.pop_back();
    std::size_t mark = stack_.size();
    switch (t.a) {
      case action::visit:
        visiting_ = kind_of(t.node);
        visiting_node_ = t.node;
        visit(t.node, t.c);
        break;
      case action::target:
        visit_target(t.node, t.c);
        break;
      case action::end_scope:
        end_scope(t.c.scope);
        break;
      case action::end_comprehension:
        end_comprehension(t.node, t.c);
        break;
    }
    std::reverse(stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end());
  }
}

// A starred expression read where CPython does not allow one: only tuple, list and set
// displays, call arguments, subscripts and `*args` annotations take `*x`. tree-sitter binds `*`
// tighter than calls, attributes and subscripts (`*f(x)` is parsed as `(*f)(x)`), so the
// star is looked for at the head of that chain.
void walker::check_starred(TSNode child) {
  if ((visiting_ == kind::call || visiting_ == kind::attribute || visiting_ == kind::subscript) &&
      ts_node_eq(child, ts_node_child(visiting_node_, 0)))
    return;  // inside a chain: checked where the chain starts
  TSNode head = child;
  for (kind k = kind_of(head); k == kind::call || k == kind::attribute || k == kind::subscript;
       k = kind_of(head))
    head = ts_node_child(head, 0);
  if (kind_of(head) != kind::list_splat) return;
  if (head.id == child.id && starred_sequence_head(head)) return;  // `*[a], b`: a tuple
  switch (visiting_) {
    case kind::list:
    case kind::tuple:
    case kind::set:
    case kind::expression_list:
    case kind::argument_list:
    case kind::subscript:
    case kind::type:
    case kind::ERROR:
    case kind::list_splat:
      return;
    default:
      sink_.report(msg::starred_not_allowed, head);
  }
}

void walker::end_scope(std::uint32_t s) {
  check_async_children(s);
  scope& sc = r_.scopes[s];
  if (sc.coroutine && sc.generator)
    for (std::uint32_t at : sc.value_returns)
      sink_.report(msg::return_value_in_async_generator, at, at + 6);
}

// `from __future__ import *` is no grammar rule of tree-sitter's, but CPython parses it and
// rejects it as an unknown feature.
// A starred expression used as a statement (`*a`) is also an ERROR to tree-sitter, and a
// compiler error to CPython.
void walker::check_error_future(TSNode n) {
  const std::uint32_t count = ts_node_child_count(n);
  const char* want[] = {"from", "__future__", "import", "*"};
  for (std::uint32_t i = 0; i + 4 <= count; ++i) {
    std::uint32_t k = 0;
    while (k < 4 && text_of(ts_node_child(n, i + k)) == want[k]) ++k;
    if (k == 4) {
      TSNode first = ts_node_child(n, i);
      sink_.report(msg::future_unknown, ts_node_start_byte(first), ts_node_end_byte(ts_node_child(n, i + 3)), "*");
      return;
    }
  }
  if (count == 2 && text_of(ts_node_child(n, 0)) == "*" && ts_node_is_named(ts_node_child(n, 1))) {
    TSNode parent = ts_node_parent(n);
    if (!ts_node_is_null(parent) && (kind_of(parent) == kind::module || kind_of(parent) == kind::block))
      sink_.report(msg::starred_not_allowed, n);
  }
}

// Stack units a bracket takes in CPython 3.8's LL(1) parser (walker::deepen), or 0.
static unsigned bracket_units_3_8(kind k) noexcept {
  switch (k) {
    case kind::parenthesized_expression:
    case kind::list:
    case kind::tuple:
    case kind::set:
    case kind::argument_list:
    case kind::generator_expression:
    case kind::list_comprehension:
    case kind::set_comprehension:
      return 17;
    case kind::dictionary:
    case kind::dictionary_comprehension:
      return 16;
    default:
      return 0;
  }
}

void walker::visit(TSNode n, const context& outer) {
  context deeper;
  const context* cp = &outer;
  if (minor() == 8) {
    if (unsigned units = bracket_units_3_8(kind_of(n))) {
      deeper = outer;
      if (!deepen(n, deeper, units, false)) return;
      cp = &deeper;
    }
  }
  const context& c = *cp;
  switch (kind_of(n)) {
    case kind::module:
    case kind::block:
      visit_block(n, c);
      return;
    case kind::identifier:
      visit_identifier(n, c);
      return;
    case kind::comment:
    case kind::string_start:
    case kind::string_content:
    case kind::string_end:
    case kind::escape_sequence:
    case kind::escape_interpolation:
    case kind::integer:
    case kind::float_:
    case kind::true_:
    case kind::false_:
    case kind::none:
    case kind::ellipsis:
    case kind::type_conversion:
    case kind::pass_statement:
    case kind::line_continuation:
    case kind::ERROR:  // reported by the syntax checks; its pieces are not analysed
      check_error_future(n);
      return;
    case kind::function_definition:
      visit_function(n, c, TSNode{});
      return;
    case kind::decorated_definition: {
      TSNode def{};
      for (children ch(*this, n); ch; ++ch) {
        if (kind_of(*ch) == kind::decorator) {
          for (children d(*this, *ch); d; ++d)
            if (ts_node_is_named(*d)) push(*d, c);
        } else if (ch.field() == field::definition) {
          def = *ch;
        }
      }
      if (ts_node_is_null(def)) return;
      if (kind_of(def) == kind::function_definition)
        visit_function(def, c, n);
      else
        push(def, c);
      return;
    }
    case kind::class_definition:
      visit_class(n, c);
      return;
    case kind::assignment:
      visit_assignment(n, c);
      return;
    case kind::expression_statement: {
      TSNode e = starred_sequence_assignment(g_, n);
      if (!ts_node_is_null(e)) {
        visit_starred_sequence_assignment(n, e, c);
        return;
      }
      context load = c;
      load.r = role::load;
      for (children ch(*this, n); ch; ++ch)
        if (ts_node_is_named(*ch)) push(*ch, load);
      return;
    }
    case kind::augmented_assignment:
      visit_augmented_assignment(n, c);
      return;
    case kind::for_statement:
      visit_for(n, c);
      return;
    case kind::while_statement:
      visit_while(n, c);
      return;
    case kind::try_statement:
      visit_try(n, c);
      return;
    case kind::with_statement:
      visit_with(n, c);
      return;
    case kind::import_statement:
      visit_import(n, c);
      return;
    case kind::import_from_statement:
      visit_import_from(n, c);
      return;
    case kind::future_import_statement:
      visit_future_import(n, c);
      return;
    case kind::global_statement:
      visit_global(n, c, false);
      return;
    case kind::nonlocal_statement:
      visit_global(n, c, true);
      return;
    case kind::return_statement:
      visit_return(n, c);
      return;
    case kind::break_statement:
      visit_loop_control(n, c, true);
      return;
    case kind::continue_statement:
      visit_loop_control(n, c, false);
      return;
    case kind::delete_statement: {
      context t = c;
      t.r = role::del;
      for (children ch(*this, n); ch; ++ch)
        if (ts_node_is_named(*ch)) visit_target(*ch, t);
      return;
    }
    case kind::match_statement:
      visit_match(n, c);
      return;
    case kind::type_alias_statement:
      visit_type_alias(n, c);
      return;
    case kind::lambda:
      visit_lambda(n, c);
      return;
    case kind::list_comprehension:
      visit_comprehension(n, c, comp_kind::list);
      return;
    case kind::set_comprehension:
      visit_comprehension(n, c, comp_kind::set);
      return;
    case kind::dictionary_comprehension:
      visit_comprehension(n, c, comp_kind::dict);
      return;
    case kind::generator_expression:
      visit_comprehension(n, c, comp_kind::generator);
      return;
    case kind::await:
      visit_await(n, c);
      return;
    case kind::yield:
      visit_yield(n, c);
      return;
    case kind::named_expression:
      visit_walrus(n, c);
      return;
    case kind::attribute: {
      context load = c;
      load.r = role::load;
      TSNode object = ts_node_child_by_field_id(n, g_.field_id(field::object));
      if (!ts_node_is_null(object)) push(object, load);
      return;
    }
    case kind::argument_list: {
      check_keywords(n);
      context load = c;
      load.r = role::load;
      for (children ch(*this, n); ch; ++ch)
        if (ts_node_is_named(*ch)) push(*ch, load);
      return;
    }
    case kind::keyword_argument: {
      context load = c;
      load.r = role::load;
      TSNode value = ts_node_child_by_field_id(n, g_.field_id(field::value));
      if (!ts_node_is_null(value)) push(value, load);
      return;
    }
    case kind::unary_operator:
    case kind::not_operator: {
      context load = c;
      load.r = role::load;
      if (!deepen(n, load, 1, true)) return;
      for (children ch(*this, n); ch; ++ch)
        if (ts_node_is_named(*ch)) push(*ch, load);
      return;
    }
    case kind::subscript: {
      // `[*(a, b)] = [1, 2]` as tree-sitter reads it: the target as a subscript's value, an
      // ERROR holding the '=', the value as the subscript (the syntax checks accept it).
      TSNode value = ts_node_child_by_field_id(n, g_.field_id(field::value));
      TSNode equals{};
      for (children ch(*this, n); ch; ++ch)
        if (is_lone_equals(g_, *ch)) equals = *ch;
      context load = c;
      load.r = role::load;
      if (ts_node_is_null(equals) || ts_node_is_null(value)) {
        for (children ch(*this, n); ch; ++ch)
          if (ts_node_is_named(*ch)) push(*ch, load);
        return;
      }
      for (children ch(*this, n); ch; ++ch)
        if (ts_node_is_named(*ch) && ts_node_start_byte(*ch) > ts_node_start_byte(equals))
          push(*ch, load);
      context store = c;
      store.r = role::store;
      push_target(value, store);
      return;
    }
    default: {
      // Everything else reads its named children in the same context.
      context load = c;
      load.r = role::load;
      for (children ch(*this, n); ch; ++ch)
        if (ts_node_is_named(*ch)) push(*ch, load);
      return;
    }
  }
}

}  // namespace asynclift::detail
