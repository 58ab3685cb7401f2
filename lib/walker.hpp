// Pass 1 of the analysis (internal): one walk over the tree that collects, per scope, what
// CPython's symtable collects (flags of every name, directives, generator/coroutine facts),
// raises the errors that depend on the order of statements, and checks the rules CPython's
// compiler enforces while it walks the same tree. See analyse.cpp for the whole algorithm.
#pragma once

#include <tree_sitter/api.h>

#include <deque>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "asynclift/analysis.hpp"
#include "messages.hpp"
#include "symtable.hpp"
#include "syntax_tree.hpp"

namespace asynclift::detail {

// Collects diagnostics; message wording comes from messages.cpp.
class diagnostic_sink {
 public:
  diagnostic_sink(python_version v, std::vector<diagnostic>& out) : version_(v), out_(out) {}
  void report(msg id, std::uint32_t begin, std::uint32_t end, std::string_view arg = {},
              bool unpositioned = false, std::string_view arg2 = {});
  void report(msg id, TSNode n, std::string_view arg = {}) {
    report(id, ts_node_start_byte(n), ts_node_end_byte(n), arg);
  }
  python_version version() const noexcept { return version_; }
  std::size_t size() const noexcept { return out_.size(); }

 private:
  python_version version_;
  std::vector<diagnostic>& out_;
};

// How an identifier met in a given position is recorded.
enum class role : std::uint8_t {
  load,         // USE
  store,        // DEF_LOCAL
  del,          // DEF_LOCAL (as CPython's Del context)
  comp_target,  // DEF_LOCAL | DEF_COMP_ITER
  store_checked,  // DEF_LOCAL, name already checked by the caller
};

// Where a node is: the scope its names belong to and what the compiler allows there.
struct context {
  std::uint32_t scope = 0;
  role r = role::load;
  bool loop : 1 = false;        // `break`/`continue` allowed
  bool xstar_loop : 1 = false;  // inside `except*` with no loop in between (break/continue)
  bool xstar : 1 = false;       // inside `except*` (return)
  bool comp_iter : 1 = false;   // inside a comprehension's iterable, in this scope
  bool compiled : 1 = true;     // CPython compiles this code (false: unevaluated annotations)
  std::uint8_t blocks = 0;      // statically nested blocks (loops, with, try) in this code unit
  // Nesting of unary operators and lambdas, which CPython's parser and compiler recurse on
  // (walker::deepen): parser stack units, and unary operators alone.
  std::uint16_t parser_depth = 0;
  std::uint16_t unary_depth = 0;
};

// What a statement does to a module-level name, in source order: module scope is the one
// scope shared by all top-level statements, so its order-dependent checks run after the walk
// over these events (resolve_module), which also lets a document re-walk only the
// statements an edit touched.
struct module_event {
  std::string_view name;
  std::uint16_t flag;  // one of the symbol flags
  bool directive;      // a `global`/`nonlocal` statement (checked against earlier events)
  std::uint32_t begin, end;
};

// One top-level statement's share of the results: index ranges into the flat vectors.
struct statement_span {
  std::uint32_t begin, end;  // the statement's bytes
  std::uint32_t diagnostics_begin, diagnostics_end;
  std::uint32_t sites_begin, sites_end;
  std::uint32_t events_begin, events_end;
};

struct walk_result {
  std::vector<scope> scopes;
  symbol_table symbols;                   // every scope but the module's
  std::vector<std::uint32_t> nonlocals;   // symbols with def_nonlocal (for pass 2)
  std::vector<module_event> events;       // module scope, in source order
  std::vector<async_site> sites;
  std::vector<statement_span> statements;
};

class walker {
 public:
  walker(std::string_view text, diagnostic_sink& sink, bool allow_top_level_await = true);
  ~walker();
  walker(const walker&) = delete;
  walker& operator=(const walker&) = delete;

  // Walks every top-level statement of `root` (a module).
  void run(TSNode root);
  // Walks one top-level statement; `index` is its position among the module's statements.
  void run_statement(TSNode statement, std::uint32_t index);
  // Prepares a walk of `root`'s statements: module scope, future-import placement.
  void begin_module(TSNode root);
  // Prepares a walk of statements that come after the module's future imports (a part of a
  // document's text, parsed on its own), with the features those imports put in force.
  void begin_module_part(bool future_annotations, bool future_barry);
  walk_result& result() noexcept { return r_; }
  // Module-wide facts fixed by begin_module: the `from __future__` features in force.
  bool future_annotations() const noexcept { return future_annotations_; }
  bool future_barry() const noexcept { return future_barry_; }
  bool is_valid_future(TSNode statement) const {
    return valid_futures_.count(ts_node_start_byte(statement)) != 0;
  }

 private:
  enum class action : std::uint8_t { visit, target, end_scope, end_comprehension };
  struct task {
    TSNode node;
    context c;
    action a;
  };

  // Children of a node through a pooled tree cursor (no allocation per node).
  class children;

  // Scheduling: a visit pushes its work in execution order; the run loop reverses it.
  void push(TSNode n, const context& c) {
    if (c.r == role::load) check_starred(n);
    stack_.push_back({n, c, action::visit});
  }
  void check_starred(TSNode child);
  void push_target(TSNode n, const context& c) { stack_.push_back({n, c, action::target}); }
  void push_action(action a, TSNode n, const context& c) { stack_.push_back({n, c, a}); }

  void visit(TSNode n, const context& c);
  // Statements (statements.cpp).
  void visit_block(TSNode n, const context& c);
  void drain();
  void visit_function(TSNode n, const context& c, TSNode decorated);
  void visit_class(TSNode n, const context& c);
  void visit_assignment(TSNode n, const context& c);
  void visit_augmented_assignment(TSNode n, const context& c);
  void visit_for(TSNode n, const context& c);
  void visit_while(TSNode n, const context& c);
  void visit_try(TSNode n, const context& c);
  void visit_with(TSNode n, const context& c);
  void visit_import(TSNode n, const context& c);
  void visit_import_from(TSNode n, const context& c);
  void visit_future_import(TSNode n, const context& c);
  void visit_global(TSNode n, const context& c, bool is_nonlocal);
  void visit_return(TSNode n, const context& c);
  void visit_loop_control(TSNode n, const context& c, bool is_break);
  context enter_block(TSNode statement, const context& c);
  void visit_match(TSNode n, const context& c);
  void visit_pattern(TSNode n, const context& c);
  void visit_type_alias(TSNode n, const context& c);
  void visit_type_params(TSNode n, std::uint32_t scope, const context& c);
  void visit_type_params_text(TSNode n, std::uint32_t scope);
  void visit_type_param_part(std::uint32_t scope, std::uint32_t open, std::uint32_t begin,
                             std::uint32_t end, std::uint32_t close, std::string_view what);
  void visit_parameters(TSNode params, std::uint32_t inner, const context& defaults,
                        const context& annotations, std::uint32_t def_begin);
  void visit_annotation(TSNode n, const context& c);
  void check_debug_binding(TSNode name, TSNode statement);
  bool is_docstring(TSNode statement) const;
  std::string_view forbidden_context(std::uint32_t scope) const noexcept;
  void check_keywords(TSNode arguments);
  void check_error_future(TSNode n);
  // Expressions (expressions.cpp).
  void visit_identifier(TSNode n, const context& c);
  void visit_target(TSNode n, const context& c);
  bool starred_sequence_head(TSNode n) const;
  bool starred_chain(TSNode n) const;
  void push_starred_chain(TSNode n, const context& c);
  void visit_starred_sequence_assignment(TSNode statement, TSNode error, const context& c);
  void visit_lambda(TSNode n, const context& c);
  bool deepen(TSNode n, context& c, unsigned units, bool unary);
  void visit_comprehension(TSNode n, const context& c, comp_kind k);
  void end_comprehension(TSNode n, const context& c);
  void visit_await(TSNode n, const context& c);
  void visit_yield(TSNode n, const context& c);
  void visit_walrus(TSNode n, const context& c);
  void end_scope(std::uint32_t s);
  void check_async_children(std::uint32_t s);

  // Symbols.
  std::string_view mangle(std::uint32_t scope, std::string_view name);
  std::uint32_t add_def(std::uint32_t scope, std::string_view name, std::uint16_t flag,
                        std::uint32_t at);
  std::uint32_t new_scope(scope_kind k, std::uint32_t parent, std::uint32_t begin);
  void mark_module_coroutine(async_kind k, TSNode n);
  bool unit_is_module(std::uint32_t s) const noexcept;
  bool function_like(std::uint32_t s) const noexcept;

  context scope_context(std::uint32_t scope) const noexcept {
    context c;
    c.scope = scope;
    return c;
  }
  std::string_view text_of(TSNode n) const noexcept { return node_text(n, text_); }
  kind kind_of(TSNode n) const noexcept { return g_.kind_of(n); }
  int minor() const noexcept { return asynclift::minor(sink_.version()); }

  std::string_view text_;
  diagnostic_sink& sink_;
  const grammar& g_;
  walk_result r_;
  std::vector<task> stack_;
  kind visiting_ = kind::other;  // the node whose visit is pushing work, and its kind
  TSNode visiting_node_{};
  kind root_kind_ = kind::module;  // the root of the statements walked (module, or ERROR)
  TSNode root_node_{};
  std::deque<TSTreeCursor> cursors_;  // stable addresses for nested iteration
  std::unordered_set<std::uint32_t> valid_futures_;  // start offsets of well-placed future imports
  std::size_t cursor_depth_ = 0;
  std::vector<std::uint32_t> param_scratch_;
  bool allow_top_level_await_ = true;
  // Trees of expressions parsed on their own (type parameter defaults), alive for the walk.
  std::unique_ptr<parser> fragment_parser_;
  std::vector<tree_ptr> fragments_;
  bool future_annotations_ = false;
  bool future_barry_ = false;
  bool future_done_ = false;            // a statement other than a future import was seen
  std::uint32_t future_last_line_ = 0;  // line of the last valid future import
};

}  // namespace asynclift::detail
