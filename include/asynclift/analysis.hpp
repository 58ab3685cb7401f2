// asynclift — the analysis: does this source need async execution, where, and which errors
// would CPython raise for it (compiled as module code with ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)?
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asynclift/source.hpp"
#include "asynclift/version.hpp"

namespace asynclift {

enum class severity : unsigned char { error, warning };

// The top-level constructs that make module code a coroutine.
enum class async_kind : unsigned char { await_expr, async_for, async_with, async_comprehension };

// "await", "async-for", "async-with", "async-comprehension".
std::string_view to_string(async_kind kind) noexcept;
// "error", "warning".
std::string_view to_string(severity level) noexcept;

// Which part of CPython raises an error. CPython stops at its first error, and its phases run
// in this order: of several errors it reports one of the earliest phase.
enum class phase : unsigned char { parser, future, symtable, compiler };

// "parser", "future", "symtable", "compiler".
std::string_view to_string(phase p) noexcept;

// Why more lines could complete a text (see analysis::unfinished).
enum class unfinished_kind : unsigned char {
  none,
  bracket,       // a bracket is still open
  string,        // a triple-quoted string is still open
  continuation,  // the last line ends with a backslash
  block,         // a block header, a decorator, or a `try` still without handlers, at the end
};

struct async_site {
  async_kind kind;
  text_range range;  // the whole construct (for `async for`/`async with`: the statement)
};

// One finding. `range.begin` is where CPython reports the error (its lineno/offset).
struct diagnostic {
  std::string_view code;  // stable kebab-case identifier, e.g. "nonlocal-without-binding"
  severity level = severity::error;
  std::string message;    // CPython's wording for the target version
  text_range range;
  // CPython 3.8/3.9 report a few compiler errors without a position (line 0). When set, the
  // error's line prints as 0, as CPython's does; `range` still covers the construct.
  bool unpositioned = false;
  enum phase phase = phase::parser;
};

struct analyse_options {
  python_version target = default_python_version;
  // When false, top-level `await`/`async for`/`async with`/async comprehensions are errors, as
  // for a plain module (CPython without PyCF_ALLOW_TOP_LEVEL_AWAIT).
  bool allow_top_level_await = true;
};

struct analysis {
  source_text source;  // the decoded text every range refers to
  python_version target = default_python_version;
  // CPython's verdict: the module code object would have CO_COROUTINE set. Meaningful only
  // when there are no errors.
  bool needs_async = false;
  std::vector<async_site> async_sites;     // in source order
  std::vector<diagnostic> diagnostics;     // sorted by position
  // Names bound in module scope (assignments, imports, def/class, for/with/except targets,
  // walrus targets of top-level comprehensions, del, match captures, type aliases, names
  // declared global at top level), in order of first binding.
  std::vector<std::string> module_bindings;
  // The text is an unfinished statement that more lines could complete — at its end a bracket
  // or a triple-quoted string is still open, a backslash continues the line, the last line is
  // a block header or a decorator, or a `try` has no handler yet — and no parser error comes
  // before that unfinished part (errors of later phases do not count: CPython's parser stops
  // first). What a console checks before it shows a continuation prompt; `unfinished` says
  // why. Implies has_errors().
  bool incomplete = false;
  unfinished_kind unfinished = unfinished_kind::none;

  bool has_errors() const noexcept;
};

namespace detail {
struct parser_state;
}

// Analyses sources; owns a tree-sitter parser that it reuses between calls. Not thread-safe:
// use one analyser per thread. Separate analysers share nothing.
class analyser {
 public:
  analyser();
  ~analyser();
  analyser(analyser&&) noexcept;
  analyser& operator=(analyser&&) noexcept;
  analyser(const analyser&) = delete;
  analyser& operator=(const analyser&) = delete;

  // Bytes as Python reads a file (BOM, coding cookie, UTF-8 by default).
  analysis analyse_bytes(std::string_view bytes, const analyse_options& options = {});
  // Text that is already decoded (editor buffers, notebook cells).
  analysis analyse_text(std::string utf8, const analyse_options& options = {});
  analysis analyse(source_text source, const analyse_options& options = {});

 private:
  std::unique_ptr<detail::parser_state> state_;
};

// The verdict alone, for REPLs deciding how to run a cell: true when the text is valid and
// needs async execution. Text without the bytes `async` or `await` cannot need it and is
// answered by a byte scan, without parsing. Thread-safe.
bool needs_async(std::string_view utf8, const analyse_options& options = {});

// One-shot conveniences; each call builds its own parser. Thread-safe.
analysis analyse_bytes(std::string_view bytes, const analyse_options& options = {});
analysis analyse_text(std::string utf8, const analyse_options& options = {});

}  // namespace asynclift
