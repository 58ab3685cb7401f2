// asynclift — the lift: module-level Python source rewritten into an equivalent
// `async def __async_exec__()` that any event loop can await (SPEC.md section 2).
//
// Executing the lifted text in a namespace `g` defines `g[wrapper]` (and, when the source has
// them, sets the module docstring and runs the `from __future__` imports, which must stay at
// module level). Awaiting `g[wrapper]()` then has the effect of running the source as module
// code compiled with `ast.PyCF_ALLOW_TOP_LEVEL_AWAIT` in `g`: same bindings, output,
// exceptions, `__annotations__`, `__qualname__`/`__module__` of everything defined. The
// lifted text depends on no event-loop library.
//
// A REPL or notebook kernel uses it like this:
//
//     asynclift::lift_result r = asynclift::lift_text(cell);   // analyse + lift
//     if (!r.ok) show(r.analysis.diagnostics, r.diagnostics);  // CPython's own errors
//     else python_exec(r.code, g), then `await g["__async_exec__"]()` in its event loop.
//
// Tracebacks from code nested in the wrapper (functions, classes, lambdas, comprehensions)
// report the source's own line numbers; statements directly in the wrapper are `line_offset`
// lines further down than in the source.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asynclift/analysis.hpp"

namespace asynclift {

enum class lift_mode : unsigned char {
  // Module semantics.
  exec,
  // CPython's "single" mode, as a REPL: every expression statement in module scope (also in
  // if/for/while/with/try/match blocks at module level, never in def/class bodies) is passed
  // to sys.displayhook. A leading string literal is an expression, not a docstring.
  interactive,
  // Module semantics, and the wrapper returns the value of the final top-level statement
  // when that is an expression statement (else None), as IPython's "last_expr".
  last_expr,
};

// "exec", "interactive", "last-expr".
std::string_view to_string(lift_mode mode) noexcept;
// The inverse of to_string; nullopt for anything else.
std::optional<lift_mode> parse_lift_mode(std::string_view text) noexcept;

inline constexpr std::string_view default_wrapper_name = "__async_exec__";

struct lift_options {
  lift_mode mode = lift_mode::exec;
  // The name of the async def; an ASCII identifier that is not a keyword and that the
  // source does not use.
  std::string wrapper = std::string(default_wrapper_name);
  python_version target = default_python_version;
};

struct lift_result {
  // The analysis of the source (its verdict, async sites and diagnostics).
  asynclift::analysis analysis;
  // False when the lift was refused: the source has error diagnostics (in `analysis`), or
  // the lift itself cannot proceed (in `diagnostics`, e.g. the source uses the wrapper name).
  bool ok = false;
  // The lifted source. For lift(bytes): bytes in the source's own encoding, with its BOM
  // and coding cookie; for lift_text: UTF-8. Empty when !ok.
  std::string code;
  // How many lines further down the lifted text puts each line of the source that follows
  // the module docstring and `from __future__` imports. Tracebacks of statements directly in
  // the wrapper are off by this much; nested code reports the source's lines.
  std::uint32_t line_offset = 0;
  // The lift's own findings, with ranges into analysis.source: errors that refused the
  // lift, and warnings about constructs whose module meaning is approximated.
  std::vector<diagnostic> diagnostics;
};

// Lifts bytes as Python reads a file (BOM, coding cookie, UTF-8 by default).
lift_result lift(std::string_view bytes, const lift_options& options = {});
// Lifts text that is already decoded (editor buffers, notebook cells).
lift_result lift_text(std::string utf8, const lift_options& options = {});
// Lifts a source already analysed for options.target with top-level await allowed (a REPL
// that analysed the cell first does not pay for a second analysis).
lift_result lift(analysis analysed, const lift_options& options = {});

// The lines a script needs after the lifted text to run the wrapper: "asyncio" or "trio"
// (an empty string for anything else). For last_expr the result goes to sys.displayhook.
// `newline` is the line terminator to use.
std::string runner_lines(std::string_view runner, const lift_options& options,
                         std::string_view newline = "\n");

}  // namespace asynclift
