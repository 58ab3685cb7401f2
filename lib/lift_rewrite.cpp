// The rewrites that keep module-scope meaning inside the wrapper. One walk over the code that
// runs in module scope — the module's statements and the blocks of its compound statements,
// the outermost iterable of comprehensions, defaults, decorators, bases and (without the
// annotations future) annotations of definitions — never into a def, class or lambda body.
//
// - Annotated assignments. `x: T = v` with x global is a SyntaxError in a function, and in a
//   function CPython neither evaluates nor stores annotations. Module code evaluates v, binds
//   x, evaluates T and stores it in __annotations__. The rewrite keeps T and v in place:
//       __annotations__['x'] = (T) if [(x := (v))] else 0
//   evaluates v and binds x (the condition), then T, then stores it — module order exactly.
//   Under `from __future__ import annotations` T stays an annotation of a non-simple target
//   `(x): T = v` (not stored, no error) and the stored string is the one CPython computes for
//   a copy of T on the wrapper-local holder def. Other targets (`o.a: T = v`, `d[k]: T`,
//   `(x): T`): module code also evaluates T (without the future; 3.8 and 3.9 even with it),
//   a function does not, so a copy of T follows.
// - `from m import *`: an expression with IMPORT_NAME/IMPORT_STAR's meaning.
// - `locals()`, `vars()`, `dir()`, `exec(s)`, `eval(s)` (names not rebound by the source):
//   the module namespace made explicit with globals().
// - interactive: expression statements go to sys.displayhook; last-expr: `return (E)`.
#include "lift_rewrite.hpp"

#include <algorithm>

#include "lift_module.hpp"
#include "lift_python.hpp"
#include "syntax_tree.hpp"

namespace asynclift::detail {
namespace {

class rewriter {
 public:
  rewriter(const rewrite_context& ctx, edit_list& edits, rewrite_facts& facts)
      : ctx_(ctx), edits_(edits), facts_(facts), g_(grammar::get()) {}

  // The walk uses a stack of its own, not recursion: a valid module may nest expressions
  // tens of thousands deep (`1 + 1 + …` compiles on 3.8).
  void statements_from(TSNode first) {
    for (TSNode s = first; !ts_node_is_null(s); s = ts_node_next_named_sibling(s)) visit(s);
    std::reverse(stack_.begin(), stack_.end());
    while (!stack_.empty()) {
      const item t = stack_.back();
      stack_.pop_back();
      const std::size_t mark = stack_.size();
      if (t.leave_match) --in_match_;
      else handle(t.node);
      std::reverse(stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end());
    }
  }

 private:
  struct item {
    TSNode node;
    bool leave_match;  // the end of a match statement, not a node to visit
  };
  kind kind_of(TSNode n) const { return g_.kind_of(n); }
  std::string_view text(TSNode n) const { return node_text(n, ctx_.text); }
  TSNode field_of(TSNode n, field f) const {
    return ts_node_child_by_field_id(n, g_.field_id(f));
  }
  static std::uint32_t begin(TSNode n) { return ts_node_start_byte(n); }
  static std::uint32_t end(TSNode n) { return ts_node_end_byte(n); }
  bool bound(std::string_view name) const { return ctx_.bound && ctx_.bound->count(name); }
  void uses(std::string_view builtin) { facts_.builtins_used.insert(builtin); }

  // The first anonymous child `token` of n between offsets [from, to).
  TSNode token(TSNode n, kind k, std::uint32_t from, std::uint32_t to) const {
    for (std::uint32_t i = 0, count = ts_node_child_count(n); i < count; ++i) {
      TSNode c = ts_node_child(n, i);
      if (kind_of(c) == k && begin(c) >= from && end(c) <= to) return c;
    }
    return TSNode{};
  }

  // Schedules n; a handler schedules what it visits in source order.
  void visit(TSNode n) { stack_.push_back({n, false}); }

  void children(TSNode n) {
    for (std::uint32_t i = 0, count = ts_node_named_child_count(n); i < count; ++i)
      visit(ts_node_named_child(n, i));
  }

  void handle(TSNode n) {
    switch (kind_of(n)) {
      case kind::comment:
      case kind::identifier:
      case kind::string_start:
      case kind::string_content:
      case kind::string_end:
      case kind::escape_sequence:
      case kind::integer:
      case kind::float_:
        return;
      case kind::expression_statement:
        expression_statement(n);
        return;
      case kind::import_from_statement:
        import_from(n);
        return;
      case kind::function_definition:
        facts_.nested_code = true;
        visit_field(n, field::parameters);
        visit_field(n, field::return_type);
        return;
      case kind::class_definition:
        facts_.nested_code = true;
        visit_field(n, field::superclasses);
        return;
      case kind::lambda:
        facts_.nested_code = true;
        visit_field(n, field::parameters);
        return;
      case kind::list_comprehension:
      case kind::set_comprehension:
      case kind::dictionary_comprehension:
      case kind::generator_expression:
        comprehension(n);
        return;
      case kind::type_alias_statement:
        facts_.nested_code = true;  // the value is a lazily evaluated scope of its own
        return;
      case kind::type:
        // Annotations: under the annotations future CPython turns their text into strings,
        // which a rewrite inside them would change.
        if (!ctx_.future_annotations) children(n);
        return;
      case kind::match_statement:
        ++in_match_;
        children(n);
        stack_.push_back({n, true});
        return;
      case kind::call:
        call(n);
        children(n);
        return;
      default:
        children(n);
    }
  }

  void visit_field(TSNode n, field f) {
    TSNode c = field_of(n, f);
    if (!ts_node_is_null(c)) visit(c);
  }

  void comprehension(TSNode n) {
    facts_.nested_code = true;
    // Only the outermost iterable is evaluated in the enclosing scope.
    for (std::uint32_t i = 0, count = ts_node_named_child_count(n); i < count; ++i) {
      TSNode c = ts_node_named_child(n, i);
      if (kind_of(c) == kind::for_in_clause) {
        visit_field(c, field::right);
        return;
      }
    }
  }

  void expression_statement(TSNode s) {
    TSNode e = ts_node_named_child(s, 0);
    if (!ts_node_is_null(e) && ts_node_named_child_count(s) == 1) {
      if (kind_of(e) == kind::assignment && !ts_node_is_null(field_of(e, field::type))) {
        annotated(e);
        return;
      }
    }
    if (assigns(s)) {
      children(s);
      return;
    }
    if (ctx_.mode == lift_mode::interactive) {
      uses("__import__");
      edits_.insert(begin(s), std::string(displayhook_open), rank_open);
      edits_.insert(end(s), std::string(displayhook_close), rank_close);
    } else if (!ts_node_is_null(ctx_.last_expression) && ts_node_eq(s, ctx_.last_expression)) {
      edits_.insert(begin(s), "return (", rank_open);
      edits_.insert(end(s), ")", rank_close);
    }
    children(s);
  }

  void annotated(TSNode a) {
    TSNode left = field_of(a, field::left), type = field_of(a, field::type),
           right = field_of(a, field::right);
    (in_match_ > 0 ? facts_.annotations_in_match : facts_.annotations_outside_match) = true;
    const bool has_value = !ts_node_is_null(right);
    if (kind_of(left) != kind::identifier) {
      // `o.a: T = v`, `d[k]: T`, `(x): T`: the statement already does what module code does,
      // except evaluating T (which 3.8 and 3.9 do even under the annotations future).
      if (!ctx_.future_annotations || ctx_.target <= python_version::v3_9)
        edits_.insert(end(a), "; " + flat_copy(type), rank_close);
      visit(left);
      if (has_value) visit(right);
      return;
    }
    const std::string name(text(left));
    const std::string store = "__annotations__[" + annotation_key(name) + "]";
    if (ctx_.future_annotations) {
      const std::string param = "a" + std::to_string(facts_.holder_annotations.size());
      facts_.holder_annotations.emplace_back(text(type));
      edits_.insert(begin(left), "(", rank_open);
      edits_.insert(end(left), ")", rank_close);
      edits_.insert(end(a), "; " + store + " = " + std::string(ctx_.holder) + ".__annotations__['" +
                                param + "']",
                    rank_close);
      if (has_value) visit(right);
      return;
    }
    TSNode colon = token(a, kind::colon, end(left), begin(type));
    edits_.replace(begin(left), end(left), store);
    edits_.replace(begin(colon), end(colon), " =");
    visit(type);
    if (!has_value) return;
    TSNode equals = token(a, kind::equals, end(type), begin(right));
    edits_.insert(begin(type), "(", rank_open);
    edits_.insert(end(type), ")", rank_close);
    edits_.replace(begin(equals), end(equals), "if [(" + name + " :=");
    edits_.insert(begin(right), "(", rank_open);
    edits_.insert(end(right), "))] else 0", rank_close);
    visit(right);
  }

  // The annotation's text on one line: comments dropped, line breaks outside strings turned
  // into spaces. A string literal that spans lines is copied as it is (with a warning: the
  // lines after it move down).
  std::string flat_copy(TSNode type) {
    std::string_view t = text(type);
    if (t.find_first_of("\r\n") == std::string_view::npos) return std::string(t);
    std::string out;
    bool multiline_string = false;
    copy_flat(type, out, multiline_string);
    if (multiline_string) {
      diagnostic d;
      d.code = "lift-multiline-annotation";
      d.level = severity::warning;
      d.message = "this annotation contains a multi-line string: the lifted code evaluates a copy "
                  "of it, and the lines after it are not where the source has them";
      d.range = {begin(type), end(type)};
      facts_.warnings.push_back(std::move(d));
    }
    return out;
  }

  void copy_flat(TSNode type, std::string& out, bool& multiline_string) {
    // The string literals in the annotation, in order (a cursor walk: no recursion).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> strings;
    TSTreeCursor c = ts_tree_cursor_new(type);  // rooted at `type`: it never leaves it
    for (;;) {
      TSNode n = ts_tree_cursor_current_node(&c);
      if (kind_of(n) == kind::string) strings.emplace_back(begin(n), end(n));
      else if (ts_tree_cursor_goto_first_child(&c)) continue;
      bool moved = false;
      while (!(moved = ts_tree_cursor_goto_next_sibling(&c)))
        if (!ts_tree_cursor_goto_parent(&c)) break;
      if (!moved) break;
    }
    ts_tree_cursor_delete(&c);
    auto next = strings.begin();
    for (std::uint32_t i = begin(type), stop = end(type); i < stop; ++i) {
      if (next != strings.end() && next->first == i) {
        std::string_view s = ctx_.text.substr(i, next->second - i);
        if (s.find_first_of("\r\n") != std::string_view::npos) multiline_string = true;
        out += s;
        i = next++->second - 1;
        continue;
      }
      const char ch = ctx_.text[i];
      if (ch == '#') {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        while (i + 1 < stop && ctx_.text[i + 1] != '\n' && ctx_.text[i + 1] != '\r') ++i;
      } else if (ch == '\\' || ch == '\n' || ch == '\r') {
        // A line break and the next line's indentation become one space.
        while (i + 1 < stop && (ctx_.text[i + 1] == ' ' || ctx_.text[i + 1] == '\t' ||
                                ctx_.text[i + 1] == '\n' || ctx_.text[i + 1] == '\r'))
          ++i;
        if (!out.empty() && out.back() != ' ' && out.back() != '(' && out.back() != '[' &&
            out.back() != '{')
          out += ' ';
      } else {
        out += ch;
      }
    }
  }

  void import_from(TSNode s) {
    TSNode star{};
    for (std::uint32_t i = 0, count = ts_node_named_child_count(s); i < count; ++i)
      if (kind_of(ts_node_named_child(s, i)) == kind::wildcard_import) star = ts_node_named_child(s, i);
    if (ts_node_is_null(star)) return;
    TSNode module = field_of(s, field::module_name);
    int level = 0;
    TSNode dotted = module;
    if (kind_of(module) == kind::relative_import) {
      dotted = TSNode{};
      for (std::uint32_t i = 0, count = ts_node_named_child_count(module); i < count; ++i) {
        TSNode c = ts_node_named_child(module, i);
        if (kind_of(c) == kind::import_prefix) {
          for (char ch : text(c)) level += ch == '.';
        } else if (kind_of(c) == kind::dotted_name) {
          dotted = c;
        }
      }
    }
    std::string name;
    if (!ts_node_is_null(dotted))
      for (std::uint32_t i = 0, count = ts_node_named_child_count(dotted); i < count; ++i) {
        if (!name.empty()) name += '.';
        name += text(ts_node_named_child(dotted, i));
      }
    uses("__import__");
    uses("globals");
    std::string expr = star_import(name, level, ctx_.scratch);
    // Keep the statement's line breaks (backslash continuations) inside brackets.
    std::string breaks;
    std::string_view original = text(s);
    for (std::size_t i = 0; i < original.size(); ++i)
      if (original[i] == '\n' || original[i] == '\r') breaks += original[i];
    if (!breaks.empty()) expr = "(" + expr + breaks + ")";
    edits_.replace(begin(s), end(s), expr);
  }

  void call(TSNode c) {
    TSNode fn = field_of(c, field::function), args = field_of(c, field::arguments);
    if (kind_of(fn) != kind::identifier || ts_node_is_null(args) ||
        kind_of(args) != kind::argument_list)
      return;
    std::string_view name = text(fn);
    if (name != "locals" && name != "vars" && name != "dir" && name != "exec" && name != "eval")
      return;
    if (bound(name)) return;
    std::vector<TSNode> positional;
    for (std::uint32_t i = 0, count = ts_node_named_child_count(args); i < count; ++i) {
      TSNode a = ts_node_named_child(args, i);
      switch (kind_of(a)) {
        case kind::comment:
          continue;
        case kind::keyword_argument:
        case kind::list_splat:
        case kind::dictionary_splat:
        case kind::parenthesized_list_splat:
          return;
        default:
          positional.push_back(a);
      }
    }
    if ((name == "locals" || name == "vars") && positional.empty()) {
      uses("globals");
      edits_.replace(begin(fn), end(fn), "globals");
    } else if (name == "dir" && positional.empty()) {
      uses("globals");
      uses("sorted");
      edits_.replace(begin(fn), end(fn), "sorted");
      edits_.insert(begin(args) + 1, "globals()", rank_open);
    } else if ((name == "exec" || name == "eval") && positional.size() == 1) {
      uses("globals");
      edits_.insert(end(positional[0]), ", globals()", rank_close);
    }
  }

  const rewrite_context& ctx_;
  edit_list& edits_;
  rewrite_facts& facts_;
  const grammar& g_;
  std::vector<item> stack_;
  int in_match_ = 0;
};

}  // namespace

void plan_rewrites(const rewrite_context& ctx, TSNode first, edit_list& edits, rewrite_facts& facts) {
  rewriter(ctx, edits, facts).statements_from(first);
}

}  // namespace asynclift::detail
