// The analysis, end to end.
//
// 1. Decode the bytes as CPython's tokenizer does (BOM, PEP 263 cookie, UTF-8).
// 2. Parse with tree-sitter-python.
// 3. Syntax checks: tree-sitter's ERROR/MISSING nodes, and what CPython's tokenizer and parser
//    reject for the target version although tree-sitter accepts it (syntax_checks.cpp).
// 4. Pass 1, one walk over the tree in CPython's own order (walker.cpp, statements.cpp,
//    expressions.cpp): as CPython's symtable, record for every scope the flags of every name
//    (bound, used, parameter, global, nonlocal, annotated, imported, iteration variable) and
//    raise the errors that depend on the order of statements (`global x` after a use of x, a
//    walrus rebinding a comprehension variable, …); as CPython's compiler, check the rules
//    that depend on where code is (return/yield/await outside a function, async constructs
//    outside an async function, break/continue outside a loop, import * and
//    `from __future__` placement), and note every top-level construct that makes the module
//    a coroutine. Checks that need a whole scope (a `return value` in what turns out to be an
//    async generator) run when the scope ends.
// 5. Pass 2 (resolve.cpp): resolve every `nonlocal` against the bindings of the enclosing
//    function scopes, as CPython's analyze_block does with its `bound` sets.
// 6. Sort the diagnostics by position.
#include <algorithm>
#include <cstring>

#include "asynclift/analysis.hpp"
#include "analysis_parts.hpp"
#include "resolve.hpp"
#include "syntax_checks.hpp"
#include "syntax_tree.hpp"
#include "walker.hpp"

namespace asynclift {

namespace detail {
struct parser_state {
  parser p;
};
}  // namespace detail

std::string_view to_string(async_kind kind) noexcept {
  switch (kind) {
    case async_kind::await_expr:
      return "await";
    case async_kind::async_for:
      return "async-for";
    case async_kind::async_with:
      return "async-with";
    case async_kind::async_comprehension:
      return "async-comprehension";
  }
  return "?";
}

std::string_view to_string(phase p) noexcept {
  switch (p) {
    case phase::parser:
      return "parser";
    case phase::future:
      return "future";
    case phase::symtable:
      return "symtable";
    case phase::compiler:
      return "compiler";
  }
  return "?";
}

std::string_view to_string(severity level) noexcept {
  return level == severity::error ? "error" : "warning";
}

bool analysis::has_errors() const noexcept {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const diagnostic& d) { return d.level == severity::error; });
}

analyser::analyser() : state_(std::make_unique<detail::parser_state>()) {}
analyser::~analyser() = default;
analyser::analyser(analyser&&) noexcept = default;
analyser& analyser::operator=(analyser&&) noexcept = default;

analysis analyser::analyse_bytes(std::string_view bytes, const analyse_options& options) {
  return analyse(source_text::decode(bytes), options);
}

analysis analyser::analyse_text(std::string utf8, const analyse_options& options) {
  return analyse(source_text::from_utf8(std::move(utf8)), options);
}

analysis analyser::analyse(source_text source, const analyse_options& options) {
  return detail::analyse_source(state_->p, std::move(source), options, nullptr);
}

namespace {

// Bytes that are not UTF-8 are worded by the token holding them and the target version.
void report_decode_error(const decode_error& e, python_version target, detail::diagnostic_sink& sink) {
  using detail::msg;
  if (e.place == decode_place::file) {
    sink.report(msg::decode_error, 0, 0, e.message);
    return;
  }
  // By decode_place: code, string, fstring_code, fstring_literal.
  constexpr msg by_place[] = {msg::undecodable_name, msg::undecodable_string,
                              msg::undecodable_fstring_code, msg::undecodable_fstring_literal};
  sink.report(by_place[static_cast<int>(e.place) - 1], e.token_begin, e.token_end,
              minor(target) >= 12 ? e.codec_detail_312 : e.codec_detail);
}

}  // namespace

analysis detail::analyse_source(parser& p, source_text source, const analyse_options& options,
                                tree_ptr* keep_tree) {
  analysis a;
  a.target = options.target;
  a.source = std::move(source);
  detail::diagnostic_sink sink(options.target, a.diagnostics);
  const std::string& text = a.source.text();
  // CPython looks for NUL bytes before it decodes a token.
  if (!a.source.ok() && text.find('\0') == std::string::npos) {
    report_decode_error(a.source.error(), options.target, sink);
    return a;
  }
  if (std::size_t nul = text.find('\0'); nul != std::string::npos) {
    sink.report(detail::msg::null_bytes, static_cast<std::uint32_t>(nul),
                static_cast<std::uint32_t>(nul + 1));
    return a;
  }
  for (auto [begin, end] : a.source.non_ascii_bytes_literals()) {
    // The lexer words a bytes literal with other non-ASCII bytes itself.
    std::string_view literal(text.data() + begin, end - begin);
    if (std::none_of(literal.begin(), literal.end(), [](char c) { return c & 0x80; }))
      sink.report(detail::msg::bytes_non_ascii, begin, end);
  }
  detail::tree_ptr tree = p.parse(text);
  TSNode root = ts_tree_root_node(tree.get());
  detail::check_syntax(root, text, sink);
  detail::walker w(text, sink, options.allow_top_level_await);
  w.run(root);
  detail::walk_result& r = w.result();
  detail::finish_analysis(a, r.events, std::move(r.sites), sink);
  if (keep_tree) *keep_tree = std::move(tree);
  return a;
}

void detail::finish_analysis(analysis& a, const std::vector<module_event>& events,
                             std::vector<async_site> sites, diagnostic_sink& sink) {
  for (std::string_view name : resolve_module(events, sink)) a.module_bindings.emplace_back(name);
  // Every construct that makes the module a coroutine is recorded as a site.
  a.needs_async = !sites.empty();
  a.async_sites = std::move(sites);
  std::sort(a.async_sites.begin(), a.async_sites.end(),
            [](const async_site& x, const async_site& y) { return x.range.begin < y.range.begin; });
  std::stable_sort(a.diagnostics.begin(), a.diagnostics.end(),
                   [](const diagnostic& x, const diagnostic& y) {
                     return x.range.begin < y.range.begin;
                   });
  // CPython reads a NEWLINE after the last line when the text has none: errors found there
  // point at the end of the text, as an empty range.
  const auto size = static_cast<std::uint32_t>(a.source.text().size());
  for (diagnostic& d : a.diagnostics) {
    d.range.begin = std::min(d.range.begin, size);
    d.range.end = std::min(d.range.end, size);
  }
  a.unfinished = unfinished(a);
  a.incomplete = a.unfinished != unfinished_kind::none;
}

analysis analyse_bytes(std::string_view bytes, const analyse_options& options) {
  return analyser().analyse_bytes(bytes, options);
}

bool detail::may_need_async(std::string_view text) noexcept {
  // Every construct that makes code async contains the keyword `async` or `await`.
  for (std::size_t i = text.find('a'); i != std::string_view::npos; i = text.find('a', i + 1)) {
    std::string_view rest = text.substr(i + 1, 4);
    if (rest == "sync" || rest == "wait") return true;
  }
  return false;
}

bool needs_async(std::string_view utf8, const analyse_options& options) {
  if (!detail::may_need_async(utf8)) return false;
  thread_local analyser engine;  // one parser per thread, reused
  analysis a = engine.analyse_text(std::string(utf8), options);
  return a.needs_async && !a.has_errors();
}

analysis analyse_text(std::string utf8, const analyse_options& options) {
  return analyser().analyse_text(std::move(utf8), options);
}

std::optional<python_version> parse_python_version(std::string_view text) noexcept {
  if (text.size() < 3 || text.substr(0, 2) != "3.") return std::nullopt;
  std::string_view m = text.substr(2);
  int v = 0;
  for (char ch : m) {
    if (ch < '0' || ch > '9') return std::nullopt;
    v = v * 10 + (ch - '0');
    if (v > 99) return std::nullopt;
  }
  if (v < 8 || v > 13) return std::nullopt;
  return static_cast<python_version>(v);
}

std::string to_string(python_version v) { return "3." + std::to_string(minor(v)); }

std::string_view library_version() noexcept { return ASYNCLIFT_VERSION; }

std::string debug_tree(std::string_view bytes) {
  detail::parser p;
  source_text s = source_text::decode(bytes);
  auto t = p.parse(s.text());
  return detail::dump_tree(ts_tree_root_node(t.get()), s.text());
}

}  // namespace asynclift
