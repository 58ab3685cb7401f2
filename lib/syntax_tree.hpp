// The tree-sitter layer (internal): parser and tree handles, and node kinds resolved to a
// dense enum once per process so the analyser compares small integers, never strings.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

extern "C" const TSLanguage* tree_sitter_python(void);

namespace asynclift::detail {

// Named node types of tree-sitter-python that the analyser looks at.
#define ASYNCLIFT_NAMED_KINDS(X, Y)                                                              \
  X(module) X(block) X(comment) X(identifier) X(ERROR)                                        \
  X(expression_statement) X(assignment) X(augmented_assignment) X(return_statement)           \
  X(delete_statement) X(pass_statement) X(break_statement) X(continue_statement)              \
  X(global_statement) X(nonlocal_statement) X(import_statement) X(import_from_statement)      \
  X(future_import_statement) X(aliased_import) X(dotted_name) X(relative_import)              \
  X(wildcard_import) X(import_prefix) X(assert_statement) X(raise_statement)                  \
  X(print_statement) X(exec_statement) X(chevron) X(type_alias_statement)                     \
  X(if_statement) X(elif_clause) X(else_clause) X(for_statement) X(while_statement)           \
  X(try_statement) X(except_clause) X(finally_clause) X(with_statement) X(with_clause)        \
  X(with_item) X(match_statement) X(case_clause) X(function_definition)                       \
  X(class_definition) X(decorated_definition) X(decorator) X(parameters) X(lambda_parameters) \
  X(default_parameter) X(typed_parameter) X(typed_default_parameter) X(list_splat_pattern)    \
  X(dictionary_splat_pattern) X(keyword_separator) X(positional_separator) X(type_parameter)  \
  X(type) X(generic_type) X(splat_type) X(union_type) X(constrained_type) X(member_type)      \
  X(lambda) X(named_expression) X(await) X(yield) X(conditional_expression)                   \
  X(boolean_operator) X(not_operator) X(comparison_operator) X(binary_operator)               \
  X(unary_operator) X(call) X(argument_list) X(keyword_argument) X(attribute) X(subscript)    \
  X(slice) X(list) X(tuple) X(set) X(dictionary) X(pair) X(parenthesized_expression)          \
  X(expression_list) X(pattern_list) X(tuple_pattern) X(list_pattern) X(list_splat)           \
  X(dictionary_splat) X(parenthesized_list_splat) X(list_comprehension)                       \
  X(set_comprehension) X(dictionary_comprehension) X(generator_expression)                    \
  X(for_in_clause) X(if_clause) X(string) X(string_start) X(string_content) X(string_end)     \
  X(concatenated_string) X(interpolation) X(format_specifier) X(format_expression)            \
  X(type_conversion) X(escape_sequence) X(escape_interpolation) X(integer) Y(float_, "float") Y(true_, "true")  \
  Y(false_, "false") X(none) X(ellipsis) X(as_pattern) X(as_pattern_target) X(case_pattern)           \
  X(class_pattern) X(complex_pattern) X(dict_pattern) X(keyword_pattern) X(splat_pattern)     \
  X(union_pattern) X(line_continuation)

// Anonymous tokens the analyser looks at: enum name, token text.
#define ASYNCLIFT_TOKEN_KINDS(X)                                                          \
  X(kw_async, "async") X(kw_await, "await") X(kw_def, "def") X(kw_class, "class")          \
  X(kw_lambda, "lambda") X(kw_for, "for") X(kw_in, "in") X(kw_if, "if") X(kw_else, "else") \
  X(kw_from, "from") X(kw_import, "import") X(kw_as, "as") X(kw_yield, "yield")            \
  X(kw_except, "except") X(kw_except_star, "except*") X(kw_with, "with")                   \
  X(kw_match, "match") X(kw_case, "case") X(kw_type, "type") X(kw_print, "print")          \
  X(kw_exec, "exec") X(kw_not, "not") X(kw_is, "is") X(kw_del, "del") X(kw_global, "global") \
  X(kw_nonlocal, "nonlocal") X(kw_return, "return") X(kw_while, "while")                   \
  X(lparen, "(") X(rparen, ")") X(lbracket, "[") X(rbracket, "]") X(lbrace, "{")          \
  X(rbrace, "}") X(colon, ":") X(comma, ",") X(equals, "=") X(star, "*")                  \
  X(double_star, "**") X(walrus, ":=") X(arrow, "->") X(at, "@") X(dot, ".")              \
  X(semicolon, ";") X(ne_old, "<>") X(backslash, "\\") X(bang, "!")

enum class kind : std::uint16_t {
  other = 0,
#define X(name) name,
#define Y(name, text) name,
  ASYNCLIFT_NAMED_KINDS(X, Y)
#undef X
#undef Y
#define X(name, text) name,
  ASYNCLIFT_TOKEN_KINDS(X)
#undef X
  count_
};

// Field names used by the analyser.
#define ASYNCLIFT_FIELDS(X, Y)                                                                   \
  X(alias) X(alternative) X(argument) X(arguments) X(attribute) X(body) X(cause) X(code)       \
  X(condition) X(consequence) X(definition) X(function) X(guard) X(key) X(left) X(module_name) \
  X(name) X(object) Y(operator_, "operator") X(parameters) X(return_type) X(right) X(subject)               \
  X(subscript) X(superclasses) X(type) X(type_parameters) X(value) X(expression)              \
  X(format_specifier) X(type_conversion) X(operators)

enum class field : std::uint8_t {
  none = 0,
#define X(name) name,
#define Y(name, text) name,
  ASYNCLIFT_FIELDS(X, Y)
#undef X
#undef Y
  count_
};

// Symbol and field ids of the grammar mapped to kind/field; built once, read-only after.
class grammar {
 public:
  static const grammar& get();
  const TSLanguage* language() const noexcept { return language_; }
  kind kind_of(TSNode n) const noexcept {
    TSSymbol s = ts_node_symbol(n);
    if (s == static_cast<TSSymbol>(-1)) return kind::ERROR;  // ts_builtin_sym_error
    return s < symbol_count_ ? kinds_[s] : kind::other;
  }
  field field_of(TSFieldId id) const noexcept {
    return id < field_count_ ? fields_[id] : field::none;
  }
  TSFieldId field_id(field f) const noexcept { return field_ids_[static_cast<int>(f)]; }

 private:
  grammar();
  const TSLanguage* language_;
  std::uint32_t symbol_count_ = 0;
  std::uint32_t field_count_ = 0;
  std::unique_ptr<kind[]> kinds_;
  std::unique_ptr<field[]> fields_;
  TSFieldId field_ids_[static_cast<int>(field::count_)] = {};
};

std::string_view kind_name(kind k) noexcept;

struct tree_deleter {
  void operator()(TSTree* t) const noexcept { ts_tree_delete(t); }
};
using tree_ptr = std::unique_ptr<TSTree, tree_deleter>;

struct parser_deleter {
  void operator()(TSParser* p) const noexcept { ts_parser_delete(p); }
};

// A tree-sitter parser for Python. Not thread-safe; one per thread.
class parser {
 public:
  parser();
  // Parses UTF-8 text; `old` (edited to match) enables incremental reparsing.
  tree_ptr parse(std::string_view text, const TSTree* old = nullptr);
  // Parses only text[open], text[begin, end) and text[close] (an expression between
  // brackets, in place: the nodes keep their offsets in `text`). Needs open < begin <= end
  // <= close < text.size().
  tree_ptr parse_fragment(std::string_view text, std::uint32_t open, std::uint32_t begin,
                          std::uint32_t end, std::uint32_t close);

 private:
  std::unique_ptr<TSParser, parser_deleter> parser_;
  std::string_view with_lf(std::string_view text);
  std::string lf_text_;  // the text with lone CRs as LFs, when it has any
};

// An ERROR node holding nothing but '=': how tree-sitter-python splits an assignment whose
// target it cannot parse (`[*(a, b)] = x` reads as a subscript around the '=').
inline bool is_lone_equals(const grammar& g, TSNode n) noexcept {
  return g.kind_of(n) == kind::ERROR && ts_node_child_count(n) == 1 &&
         g.kind_of(ts_node_child(n, 0)) == kind::equals;
}

// `a, *[b, c] = x` as tree-sitter-python reads it: an expression statement whose last child
// is a starred node holding an ERROR of the starred sequence and '=', then the value:
//   expression_statement(a "," list_splat("*" ERROR(list "=") x))
// Returns that ERROR, or a null node when `statement` has another shape.
inline TSNode starred_sequence_assignment(const grammar& g, TSNode statement) noexcept {
  if (g.kind_of(statement) != kind::expression_statement) return TSNode{};
  const std::uint32_t count = ts_node_child_count(statement);
  if (count < 3) return TSNode{};
  TSNode splat = ts_node_child(statement, count - 1);
  if (g.kind_of(splat) != kind::list_splat || ts_node_child_count(splat) != 3) return TSNode{};
  TSNode e = ts_node_child(splat, 1);
  if (g.kind_of(e) != kind::ERROR || ts_node_child_count(e) != 2) return TSNode{};
  const kind seq = g.kind_of(ts_node_child(e, 0));
  if ((seq != kind::list && seq != kind::tuple && seq != kind::parenthesized_expression) ||
      g.kind_of(ts_node_child(e, 1)) != kind::equals)
    return TSNode{};
  if (g.kind_of(ts_node_child(statement, count - 2)) != kind::comma) return TSNode{};
  return e;
}

// `for a, *[b] in x` as tree-sitter-python reads it: the `left` targets end with ',', then an
// ERROR of '*' and the starred sequence, then `in`. Given a `for` statement or clause, returns
// that sequence, or a null node.
inline TSNode starred_sequence_after_targets(const grammar& g, TSNode for_node) noexcept {
  bool after_comma = false;
  for (std::uint32_t i = 0, c = ts_node_child_count(for_node); i < c; ++i) {
    TSNode ch = ts_node_child(for_node, i);
    const kind k = g.kind_of(ch);
    if (k == kind::pattern_list || k == kind::expression_list) {
      const std::uint32_t n = ts_node_child_count(ch);
      after_comma = n > 0 && g.kind_of(ts_node_child(ch, n - 1)) == kind::comma;
      continue;
    }
    if (k == kind::ERROR && after_comma && ts_node_child_count(ch) == 2 &&
        g.kind_of(ts_node_child(ch, 0)) == kind::star) {
      TSNode seq = ts_node_child(ch, 1);
      const kind sk = g.kind_of(seq);
      if (sk == kind::list || sk == kind::tuple || sk == kind::parenthesized_expression) return seq;
    }
    after_comma = false;
  }
  return TSNode{};
}

inline std::string_view node_text(TSNode n, std::string_view text) noexcept {
  std::uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
  if (e > text.size()) e = static_cast<std::uint32_t>(text.size());
  if (b > e) b = e;
  return text.substr(b, e - b);
}

// S-expression-like dump of a tree with byte ranges and field names (for debugging).
std::string dump_tree(TSNode root, std::string_view text);

}  // namespace asynclift::detail
