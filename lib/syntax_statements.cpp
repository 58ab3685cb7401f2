// Statement and expression forms tree-sitter accepts too freely.
//
// tree-sitter-python parses Python 2 (`print x`, `exec code`, `raise E, V`, `<>`) and takes
// several lists without CPython's limits (`assert a, b, c`, `from m import a,`, `except A, B`,
// `try:` without handlers, starred items in comprehensions and dict values, any mix of bytes
// and str in an implicit concatenation). Each check below is one of CPython's parser rules,
// with the message CPython gives in the target version.
#include <string>

#include "syntax_pass.hpp"

namespace asynclift::detail {
namespace {

bool is_bytes(const syntax_pass& p, TSNode string) {
  TSNode start = ts_node_named_child(string, 0);
  if (ts_node_is_null(start) || p.kind_of(start) != kind::string_start) return false;
  for (char c : p.text_of(start))
    if (c == 'b' || c == 'B') return true;
  return false;
}

// The physical line around `at`, without its terminator.
std::string_view line_around(std::string_view text, std::uint32_t at) {
  std::size_t b = at, e = at;
  while (b > 0 && text[b - 1] != '\n' && text[b - 1] != '\r') --b;
  while (e < text.size() && text[e] != '\n' && text[e] != '\r') ++e;
  return text.substr(b, e - b);
}

// CPython before 3.10 names the Python 2 statement from the text of the line it is on, and
// only when that line has no '(' (SyntaxError's _report_missing_parentheses).
void legacy_statement(syntax_pass& p, TSNode n, bool print) {
  std::string_view line = line_around(p.text(), ts_node_start_byte(n));
  if (p.minor() >= 10) {
    p.error(print ? msg::print_missing_parens : msg::exec_missing_parens, n);
    return;
  }
  if (line.find('(') != std::string_view::npos) {
    p.error(msg::invalid_syntax, n);
    return;
  }
  // The statement must open the line, or follow the first ':' of a one-line compound one.
  std::string_view word = print ? "print " : "exec ";
  auto starts_at = [&](std::size_t from) {
    while (from < line.size() && (line[from] == ' ' || line[from] == '\t' || line[from] == '\f'))
      ++from;
    return line.substr(from, word.size()) == word ? from : std::string_view::npos;
  };
  std::size_t at = starts_at(0);
  if (at == std::string_view::npos) {
    std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) at = starts_at(colon + 1);
  }
  if (at == std::string_view::npos) {
    p.error(msg::invalid_syntax, n);
    return;
  }
  if (!print) {
    p.error(msg::exec_missing_parens, n);
    return;
  }
  std::string_view rest = line.substr(at + word.size());
  std::size_t semicolon = rest.find(';');
  if (semicolon != std::string_view::npos) rest = rest.substr(0, semicolon);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
  if (rest.substr(0, 2) == ">>") {
    p.error(msg::print_missing_parens, n, "<message>, file=<output_stream>");
    return;
  }
  std::string arg(rest);
  if (!rest.empty() && rest.back() == ',') arg += " end=\" \"";
  p.error(msg::print_missing_parens, n, arg);
}

void check_comprehension(syntax_pass& p, TSNode n) {
  TSNode body = p.child(n, field::body);
  if (!ts_node_is_null(body) && p.kind_of(body) == kind::list_splat)
    p.error(msg::unpacking_in_comprehension, body);
}

void check_try(syntax_pass& p, TSNode n) {
  bool handlers = false, plain = false, star = false;
  TSNode mixed{};
  for (std::uint32_t i = 0, c = ts_node_named_child_count(n); i < c; ++i) {
    TSNode ch = ts_node_named_child(n, i);
    kind k = p.kind_of(ch);
    if (k == kind::finally_clause) handlers = true;
    if (k != kind::except_clause) continue;
    handlers = true;
    bool is_star = false;
    if (ts_node_child_count(ch) > 1 && p.kind_of(ts_node_child(ch, 1)) == kind::star)
      is_star = true;
    if ((is_star && plain) || (!is_star && star)) {
      if (ts_node_is_null(mixed)) mixed = ch;
    }
    (is_star ? star : plain) = true;
  }
  // An ERROR right after the block is a handler tree-sitter could not read: it says more.
  TSNode after = ts_node_next_sibling(n);
  if (!handlers && !ts_node_is_null(after) && p.kind_of(after) == kind::ERROR) return;
  if (!handlers) {
    // `try:` with an `else:` or nothing after its block; before 3.10 at the end of the text
    // CPython runs out of input first.
    // CPython stops at the token after the block: the next statement, or the end of the text.
    TSNode next = ts_node_next_named_sibling(n);
    std::uint32_t at = ts_node_end_byte(n);
    if (!ts_node_is_null(next)) {
      at = ts_node_start_byte(next);
    } else {
      at = static_cast<std::uint32_t>(p.text().size());
      while (at > 0 && (p.text()[at - 1] == '\n' || p.text()[at - 1] == '\r')) --at;
    }
    bool last = ts_node_is_null(next);
    p.error(p.minor() >= 10 ? msg::expected_except_or_finally
            : last         ? msg::unexpected_eof
                           : msg::invalid_syntax,
            at, at);
  } else if (!ts_node_is_null(mixed) && p.minor() >= 11) {
    p.error(msg::except_and_except_star, mixed);
  }
}

}  // namespace

void check_statement(syntax_pass& p, TSNode n, kind k) {
  switch (k) {
    case kind::print_statement:
      // `print >>f, x` is also a Python 3 expression (a tuple); tree-sitter calls it a
      // statement.
      for (std::uint32_t i = 0, c = ts_node_named_child_count(n); i < c; ++i)
        if (p.kind_of(ts_node_named_child(n, i)) == kind::chevron) return;
      legacy_statement(p, n, true);
      return;
    case kind::exec_statement:
      legacy_statement(p, n, false);
      return;
    case kind::raise_statement: {
      // `raise from E`: a cause needs an exception.
      TSNode second = ts_node_child(n, 1);
      if (!ts_node_is_null(second) && p.kind_of(second) == kind::kw_from) {
        p.error(msg::invalid_syntax, second);
        return;
      }
      // `raise E, V`
      TSNode value = ts_node_named_child(n, 0);
      if (!ts_node_is_null(value) && p.kind_of(value) == kind::expression_list)
        p.error(msg::invalid_syntax, value);
      return;
    }
    case kind::assert_statement: {
      // `assert test, msg` and no more.
      std::uint32_t exprs = 0;
      for (std::uint32_t i = 0, c = ts_node_named_child_count(n); i < c; ++i) {
        TSNode e = ts_node_named_child(n, i);
        if (ts_node_is_extra(e)) continue;
        if (++exprs == 3) {
          p.error(msg::invalid_syntax, e);
          return;
        }
      }
      return;
    }
    case kind::import_statement:
    case kind::import_from_statement:
    case kind::future_import_statement: {
      std::uint32_t c = ts_node_child_count(n);
      if (c == 0) return;
      // `from . import a.b`: what `from` imports are plain names.
      if (k != kind::import_statement) {
        bool names = false;  // past the `import` keyword
        for (std::uint32_t i = 0; i < c; ++i) {
          TSNode name = ts_node_child(n, i);
          if (p.kind_of(name) == kind::kw_import) names = true;
          if (!names) continue;
          if (p.kind_of(name) == kind::aliased_import) name = ts_node_named_child(name, 0);
          if (p.kind_of(name) == kind::dotted_name && ts_node_child_count(name) > 1) {
            p.error(msg::invalid_syntax, ts_node_child(name, 1));
            return;
          }
        }
      }
      // `from m import a,` needs parentheses; `import a,` is no statement at all.
      TSNode last = ts_node_child(n, c - 1);
      if (p.kind_of(last) != kind::comma) return;
      bool parenthesized = false;
      for (std::uint32_t i = 0; i < c; ++i)
        if (p.kind_of(ts_node_child(n, i)) == kind::lparen) parenthesized = true;
      if (parenthesized) return;
      p.error(k != kind::import_statement ? msg::trailing_comma_import : msg::invalid_syntax, last);
      return;
    }
    case kind::comparison_operator: {
      // `<>` is Python 2 (and `from __future__ import barry_as_FLUFL`, which this ignores).
      TSNode ne = p.first_child(n, kind::ne_old);
      if (!ts_node_is_null(ne)) p.error(msg::invalid_syntax, ne);
      return;
    }
    case kind::concatenated_string: {
      bool bytes = false, text = false;
      for (std::uint32_t i = 0, c = ts_node_named_child_count(n); i < c; ++i) {
        TSNode s = ts_node_named_child(n, i);
        if (p.kind_of(s) != kind::string) continue;
        (is_bytes(p, s) ? bytes : text) = true;
        if (bytes && text) {
          p.error(msg::bytes_mixed, p.minor() >= 9 ? s : n);
          return;
        }
      }
      return;
    }
    case kind::try_statement:
      check_try(p, n);
      return;
    case kind::dictionary: {
      // `{a: *b}`
      for (std::uint32_t i = 0, c = ts_node_named_child_count(n); i < c; ++i) {
        TSNode pair = ts_node_named_child(n, i);
        if (p.kind_of(pair) != kind::pair) continue;
        TSNode value = p.child(pair, field::value);
        if (!ts_node_is_null(value) && p.kind_of(value) == kind::list_splat) {
          p.error(p.minor() >= 10 ? msg::starred_dict_value : msg::invalid_syntax, value);
          return;
        }
        TSNode key = p.child(pair, field::key);
        if (!ts_node_is_null(key) && p.kind_of(key) == kind::list_splat) {
          p.error(msg::invalid_syntax, key);
          return;
        }
      }
      return;
    }
    case kind::list_comprehension:
    case kind::set_comprehension:
    case kind::generator_expression:
      check_comprehension(p, n);
      return;
    case kind::slice:
    {  // `A[:*b]`
      TSNode star = p.first_child(n, kind::list_splat, true);
      if (!ts_node_is_null(star)) p.error(msg::invalid_syntax, star);
      return;
    }
    default:
      return;
  }
}

}  // namespace asynclift::detail
