// The tree pass of the syntax checks (internal): shared state of the one walk over the tree
// and the checks it runs, grouped by theme in syntax_*.cpp. See syntax_checks.cpp.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "messages.hpp"
#include "syntax_lexer.hpp"
#include "syntax_tree.hpp"
#include "walker.hpp"

namespace asynclift::detail {

// A node on the path from the root to the node being checked.
struct syntax_frame {
  TSNode node;
  kind k;
};

class syntax_pass {
 public:
  syntax_pass(std::string_view text, diagnostic_sink& sink)
      : text_(text), sink_(sink), g_(grammar::get()), minor_(asynclift::minor(sink.version())) {}

  // --- what is being walked -------------------------------------------------------------
  int minor() const noexcept { return minor_; }
  const grammar& g() const noexcept { return g_; }
  std::string_view text() const noexcept { return text_; }
  kind kind_of(TSNode n) const noexcept { return g_.kind_of(n); }
  std::string_view text_of(TSNode n) const noexcept { return node_text(n, text_); }
  TSNode child(TSNode n, field f) const noexcept {
    return ts_node_child_by_field_id(n, g_.field_id(f));
  }
  // The first child of `n` of kind `k` (named children only with `named`), or null.
  TSNode first_child(TSNode n, kind k, bool named = false) const noexcept {
    const std::uint32_t c = named ? ts_node_named_child_count(n) : ts_node_child_count(n);
    for (std::uint32_t i = 0; i < c; ++i) {
      TSNode t = named ? ts_node_named_child(n, i) : ts_node_child(n, i);
      if (kind_of(t) == k) return t;
    }
    return TSNode{};
  }
  // The node `up` levels above the current one (1: its parent); null past the root.
  const syntax_frame* ancestor(std::size_t up) const noexcept {
    return up < path_.size() ? &path_[path_.size() - 1 - up] : nullptr;
  }
  const syntax_frame* parent() const noexcept { return ancestor(1); }
  const syntax_frame* current() const noexcept { return ancestor(0); }
  // Whether the node `up` levels above the current one is in field `want` of its parent.
  bool in_field(std::size_t up, field want) {
    const syntax_frame* f = ancestor(up);
    const syntax_frame* owner = ancestor(up + 1);
    if (!f || !owner) return false;
    TSFieldId id = g_.field_id(want);
    bool found = false;
    each_child(owner->node, [&](TSNode c, TSFieldId fid) {
      if (ts_node_eq(c, f->node)) {
        found = fid == id;
        return false;
      }
      return true;
    });
    return found;
  }
  // Calls f(child, field id) for each child of `n` in order while f returns true. Not
  // reentrant: f must not call it again.
  template <class F>
  void each_child(TSNode n, F&& f) {
    ts_tree_cursor_reset(&cursor_, n);
    if (!ts_tree_cursor_goto_first_child(&cursor_)) return;
    do {
      if (!f(ts_tree_cursor_current_node(&cursor_), ts_tree_cursor_current_field_id(&cursor_)))
        return;
    } while (ts_tree_cursor_goto_next_sibling(&cursor_));
  }
  // A reusable stack for iterative searches (no allocation per use once it has grown).
  std::vector<TSNode>& scratch() noexcept {
    scratch_.clear();
    return scratch_;
  }
  // Inside a replacement field of an f-string (CPython before 3.12 prefixes its messages).
  bool in_fstring() const noexcept { return interpolations_ > 0; }

  // --- reporting --------------------------------------------------------------------------
  void error(msg id, std::uint32_t begin, std::uint32_t end, std::string_view arg = {},
             std::string_view arg2 = {}, bool force = false);
  void error(msg id, TSNode n, std::string_view arg = {}, std::string_view arg2 = {}) {
    error(id, ts_node_start_byte(n), ts_node_end_byte(n), arg, arg2);
  }
  // CPython's name for an expression in "cannot assign to %s" and its family.
  std::string_view expression_name(TSNode n) const noexcept;

  // Nothing is reported for [begin, end) but what `error` is told with `force`: the text is
  // checked otherwise (a type parameter list tree-sitter cannot parse).
  void quiet(std::uint32_t begin, std::uint32_t end) { quiet_ranges_.push_back({begin, end}); }
  bool is_quiet(std::uint32_t at) const noexcept {
    for (const auto& r : quiet_ranges_)
      if (at >= r.begin && at < r.end) return true;
    return false;
  }

  // --- the walk (syntax_checks.cpp) -------------------------------------------------------
  // Only subtrees touching these ranges (or holding an ERROR node) are walked; see
  // token_facts::interesting.
  void only_in(const token_facts* facts) noexcept { facts_ = facts; }
  // From `at` on nothing is reported (the token pass found CPython's tokens diverge there).
  void quiet_from(std::uint32_t at) noexcept { quiet_from_ = at; }
  // An error the token pass reported: no generic "invalid syntax" on its line.
  void note_reported(std::uint32_t at) { reported_.push_back(at); }
  // A generic "invalid syntax" at [begin, end), reported at the end of run() unless something
  // specific was said about its line.
  // `weak`: left out too when the tree has an error of its own on that line.
  void generic_error(std::uint32_t begin, std::uint32_t end, bool weak = false) {
    generic_.push_back({begin, end, false, weak});
  }
  // Walks the tree under `root`; or, with `statement` (a child of the module `root`), only
  // that statement, as the whole walk would see it.
  void run(TSNode root, TSNode statement = TSNode{});

 private:
  void visit(TSNode n, kind k);
  bool is_fstring_at(std::uint32_t at) const noexcept;
  void leave(kind k);

  std::string_view text_;
  diagnostic_sink& sink_;
  const grammar& g_;
  int minor_;
  std::vector<syntax_frame> path_;
  int interpolations_ = 0;
  // Errors reported by the specific checks; a generic "invalid syntax" for an ERROR node on
  // the same line is then left out.
  std::vector<std::uint32_t> reported_;
  struct pending_error {
    std::uint32_t begin, end;
    bool fstring = false;  // inside a replacement field
    bool weak = false;     // see generic_error
  };
  std::vector<pending_error> generic_;
  std::vector<pending_error> quiet_ranges_;
  std::uint32_t quiet_from_ = 0xFFFFFFFFu;
  TSTreeCursor cursor_{};  // for each_child
  const token_facts* facts_ = nullptr;
  bool worth_visiting(TSNode n) const noexcept;
  std::vector<TSNode> scratch_;
};

// What is wrong with an assignment target, found by find_invalid_target.
struct invalid_target {
  TSNode node{};              // the first expression that cannot be assigned (null: none)
  bool in_display = false;    // found inside a list or tuple display
  bool parenthesized = false; // it was in parentheses of its own
};
enum class target_kind : std::uint8_t { assign, del };
// The first expression of `n` that cannot be a target of an assignment (CPython's
// star_targets) or of `del` (del_targets), in source order. Iterative.
invalid_target find_invalid_target(syntax_pass& p, TSNode n, target_kind k);
// How CPython words an invalid target in each place; `value_follows`: the '=' of an
// assignment has its value on the same line (3.10+ then suggests '==').
enum class target_use : std::uint8_t { assign, augmented, loop, walrus, with };
void report_invalid_target(syntax_pass& p, TSNode target, target_use use, bool value_follows);
// tree-sitter binds `:=` and a split `+=` to the last operand of `not x`, `a if b else c`,
// `lambda: x`, …; CPython's target is the whole expression. The outermost ancestor (from
// `up` levels above the current node) of which the node is the last operand.
TSNode whole_operand(const syntax_pass& p, std::size_t up);

// Checks by theme, called from syntax_pass::visit for the node kinds they care about.
// syntax_targets.cpp: what may be assigned, deleted, annotated, bound by `as` or `:=`.
void check_assignment(syntax_pass& p, TSNode n);
void check_augmented_assignment(syntax_pass& p, TSNode n);
void check_delete(syntax_pass& p, TSNode n);
void check_with_item(syntax_pass& p, TSNode n);
void check_except_clause(syntax_pass& p, TSNode n);
void check_named_expression(syntax_pass& p, TSNode n);
void check_as_pattern(syntax_pass& p, TSNode n);
void check_identifier(syntax_pass& p, TSNode n);
TSNode misplaced_annotation_star(const syntax_pass& p, TSNode annotation, bool star_parameter);
void check_lambda_place(syntax_pass& p, TSNode n);
void check_yield_place(syntax_pass& p, TSNode n);
void check_await(syntax_pass& p, TSNode n);
void check_parenthesized_star(syntax_pass& p, TSNode n);
void check_list_splat(syntax_pass& p, TSNode n);
// syntax_params.cpp: parameter lists, argument lists, comprehension clauses.
void check_parameters(syntax_pass& p, TSNode n, bool lambda);
void check_arguments(syntax_pass& p, TSNode n);
void check_for_in_clause(syntax_pass& p, TSNode n);
// syntax_statements.cpp: statement forms tree-sitter accepts from Python 2 or too freely.
void check_statement(syntax_pass& p, TSNode n, kind k);
// syntax_patterns.cpp: match statement patterns.
void check_pattern(syntax_pass& p, TSNode n, kind k);
// syntax_versions.cpp: syntax newer than the target version.
void check_version(syntax_pass& p, TSNode n, kind k);
// syntax_errors.cpp: tree-sitter's ERROR and MISSING nodes, with CPython's wording when the
// shape says which of CPython's errors it is.
enum class error_verdict : std::uint8_t {
  reported,  // a specific error was reported
  valid,     // valid Python that tree-sitter 0.25 cannot parse
  generic,   // "invalid syntax", unless something specific is said about the same line
};
error_verdict check_error_node(syntax_pass& p, TSNode n);
// syntax_versions.cpp: type parameter lists, from what the token pass saw of them.
void check_type_params(syntax_pass& p, const token_facts& facts);
// Statements not separated by a NEWLINE or a ';', simple statements spanning one (syntax_lines.cpp).
void check_statement_lines(syntax_pass& p, TSNode root, const token_facts& facts);
// The same for one top-level statement, as check_statement_lines sees it.
void check_statement_lines_of(syntax_pass& p, TSNode statement, const token_facts& facts);

}  // namespace asynclift::detail
