// The Python text the lift writes (internal). Every snippet but the trailer is an expression
// or a simple statement that fits on one line; none binds a name in the module namespace or
// needs an event loop. Snippets that look up builtins (globals, __import__, getattr, hasattr, sorted, …) rely
// on the source not rebinding those names at module level; lift() warns when it does.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace asynclift::detail {

// `'text'` for ASCII text without quotes or backslashes needing care; escapes otherwise.
std::string py_string(std::string_view text);

// The key CPython uses in __annotations__ for the simple target `name`. Identifiers are
// NFKC-normalised by CPython's parser; a non-ASCII name is therefore read back from a code
// object (`(lambda ﬁ: 0).__code__.co_varnames[0]` is 'fi') rather than spelled as a string.
std::string annotation_key(std::string_view name);

// `from <dots><module> import *` with module scope's meaning: import as the IMPORT_NAME
// opcode does, then bind `__all__` (or every public name) in globals() one by one, as
// IMPORT_STAR does. The module and its names are held in wrapper locals `<scratch>module` and
// `<scratch>names`, and attributes are fetched by map(getattr, …), so an AttributeError from a
// bad `__all__` has no frame of the lift's own in its traceback; those builtins come from
// `__import__('builtins')`, so a namespace that rebinds `map` does not break it.
std::string star_import(std::string_view module, int level, std::string_view scratch);

// In interactive mode, an expression statement E becomes open + E + close: E is evaluated,
// then sys.displayhook is looked up and called with it, as CPython's PRINT_EXPR does.
inline constexpr std::string_view displayhook_open = "(lambda v, s: s.displayhook(v))((";
inline constexpr std::string_view displayhook_close = "), __import__('sys'))";

// CPython's SETUP_ANNOTATIONS: create `__annotations__` unless the namespace has one.
inline constexpr std::string_view setup_annotations = "globals().setdefault('__annotations__', {})";
// The same, for 3.11 code whose only annotations are in match blocks: CPython 3.11.0–3.11.3
// does not set up annotations for them, 3.11.4 and later do (gh-105164).
inline constexpr std::string_view setup_annotations_311 =
    "globals().setdefault('__annotations__', {}) if __import__('sys').version_info >= (3, 11, 4) "
    "else None";

// `global a, b, c` statements (sorted names), each line at most about 100 columns.
std::vector<std::string> global_statements(std::vector<std::string> names);

// Run once after the wrapper is defined: moves every code object nested in the wrapper
// (those whose first line is after `last_header_line`) `line_offset` lines up, so that their
// tracebacks show the source's lines, and drops the `<wrapper>.<locals>.` prefix from the
// qualified names of lambdas, comprehensions and generator expressions defined directly in
// the wrapper (co_qualname from 3.11, the qualname constant before); 3.13 class bodies also
// get their `__firstlineno__` constant moved. Builtin-free: a namespace that rebinds `tuple`
// or `isinstance` (common in a REPL) does not break it.
// A few lines, joined by `nl`, without a final line break.
std::string code_fixup(std::string_view wrapper, std::uint32_t line_offset,
                       std::uint32_t last_header_line, std::string_view nl);

}  // namespace asynclift::detail
