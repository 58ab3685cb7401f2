// All of asynclift's diagnostic wording, in one table. Texts are CPython's own; where CPython
// changed a message between versions, the table holds each wording with the first version that
// used it. A '%s' in a text is filled with the message argument (a name, a construct, …).
#include "messages.hpp"

#include <array>

namespace asynclift::detail {
namespace {

struct wording {
  int since;              // first minor version with this text
  std::string_view text;  // '%s' = the argument
};

struct entry {
  std::string_view code;
  std::string_view exception;
  std::array<wording, 3> texts;  // newest last; unused slots have since = 99
};

constexpr wording none{99, {}};

constexpr entry table[] = {
    // Tokenizer and parser.
    {"syntax-error", "SyntaxError", {{{8, "invalid syntax"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "unexpected EOF while parsing"}, none, none}}},
    {"indentation-error", "IndentationError", {{{8, "expected an indented block"}, {10, "expected an indented block after %s on line %s"}, none}}},
    {"indentation-error", "IndentationError", {{{8, "unexpected indent"}, none, none}}},
    {"indentation-error", "IndentationError", {{{8, "unindent does not match any outer indentation level"}, none, none}}},
    {"tab-error", "TabError", {{{8, "inconsistent use of tabs and spaces in indentation"}, none, none}}},
    {"indentation-error", "IndentationError", {{{8, "too many levels of indentation"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "too many nested parentheses"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "unmatched '%s'"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "closing parenthesis '%s' does not match opening parenthesis '%s'"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "closing parenthesis '%s' does not match opening parenthesis '%s' on line %s"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "unexpected EOF while parsing"}, {10, "'%s' was never closed"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "unexpected character after line continuation character"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "EOL while scanning string literal"}, {10, "unterminated string literal (detected at line %s)"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "EOL while scanning string literal"}, {10, "unterminated string literal (detected at line %s)"}, {13, "unterminated string literal (detected at line %s); perhaps you escaped the end quote?"}}}},
    {"syntax-error", "SyntaxError", {{{8, "EOF while scanning triple-quoted string literal"}, {10, "unterminated triple-quoted string literal (detected at line %s)"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "unterminated f-string literal (detected at line %s)"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "unterminated triple-quoted f-string literal (detected at line %s)"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "too many nested f-strings"}, none, none}}},
    // A MemoryError: 3.8 prints its text to stderr, 3.9-3.11 raise it without a message (the
    // 3.12 wording stands in), 3.12+ with this one.
    {"too-complex", "MemoryError", {{{8, "s_push: parser stack overflow"}, {9, "Parser stack overflowed - Python source too complex to parse"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "invalid character in identifier"}, {9, "invalid character '%s' (U+%s)"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "invalid character in identifier"}, {9, "invalid non-printable character U+%s"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "invalid %s literal"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "invalid digit '%s' in %s literal"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "bytes can only contain ASCII literal characters."}, {10, "bytes can only contain ASCII literal characters"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "cannot mix bytes and nonbytes literals"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "(unicode error) 'unicodeescape' codec can't decode bytes in %s"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "(value error) invalid \\x escape at position %s"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: single '}' is not allowed"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: expecting '}'"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string expression part cannot include a backslash"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string expression part cannot include '#'"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: unmatched '%s'"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: closing parenthesis '%s' does not match opening parenthesis '%s'"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: unterminated string"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: too many nested parenthesis"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: expressions nested too deeply"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: empty expression not allowed"}, {12, "f-string: valid expression required before '}'"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: empty expression not allowed"}, {11, "f-string: expression required before '%s'"}, {12, "f-string: valid expression required before '%s'"}}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: invalid conversion character: expected 's', 'r', or 'a'"}, {12, "f-string: invalid conversion character '%s': expected 's', 'r', or 'a'"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: invalid conversion character: expected 's', 'r', or 'a'"}, {12, "f-string: missing conversion character"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: invalid conversion character: expected 's', 'r', or 'a'"}, {12, "f-string: invalid conversion character"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: invalid conversion character: expected 's', 'r', or 'a'"}, {12, "f-string: conversion type must come right after the exclamanation mark"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: expecting '}'"}, {12, "f-string: expecting '=', or '!', or ':', or '}'"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: expecting '}'"}, {12, "f-string: expecting '!', or ':', or '}'"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: expecting '}'"}, {12, "f-string: expecting ':' or '}'"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: expecting '}'"}, {12, "f-string: expecting '}', or format specs"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "invalid syntax"}, {9, "f-string: invalid syntax"}, {12, "f-string: lambda expressions are not allowed without parentheses"}}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: %s"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "You found it!"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "multiple exception types must be parenthesized"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "expected one or more exception types"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "arguments cannot follow var-keyword argument"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "at least one argument must precede /"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "/ may appear only once"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "/ must be ahead of *"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "* argument may appear only once"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "named arguments must follow bare *"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "non-default argument follows default argument"}, {12, "parameter without a default follows parameter with a default"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "Function parameters cannot be parenthesized"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "Lambda expression parameters cannot be parenthesized"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "iterable argument unpacking follows keyword argument unpacking"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "positional argument follows keyword argument unpacking"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "positional argument follows keyword argument"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "Generator expression must be parenthesized"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "iterable unpacking cannot be used in comprehension"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "expected 'except' or 'finally' block"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "cannot have both 'except' and 'except*' on the same 'try'"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "trailing comma not allowed without surrounding parentheses"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "cannot use a starred expression in a dictionary value"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "expected '('"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "expected ':'"}, none, none}}},
    {"invalid-target", "SyntaxError", {{{8, "cannot assign to %s here. Maybe you meant '==' instead of '='?"}, none, none}}},
    {"invalid-target", "SyntaxError", {{{8, "assignment to yield expression not possible"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "Type parameter list cannot be empty"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "cannot use bound with TypeVarTuple"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "cannot use constraints with TypeVarTuple"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "cannot use bound with ParamSpec"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "cannot use constraints with ParamSpec"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "invalid syntax"}, {10, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "positional patterns follow keyword patterns"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "real number required in complex literal"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "imaginary number required in complex literal"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "cannot use '_' as a target"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "can't use starred expression here"}, {10, "cannot use starred expression here"}, none}}},
    {"invalid-target", "SyntaxError", {{{8, "cannot use assignment expressions with %s"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "expression cannot contain assignment, perhaps you meant \"==\"?"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "var-positional argument cannot have default value"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "var-keyword argument cannot have default value"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "expected default value expression"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "expected comma between / and *"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "expected argument value expression"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "Invalid star expression"}, none, none}}},
    {"invalid-target", "SyntaxError", {{{8, "cannot assign to keyword argument unpacking"}, none, none}}},
    {"invalid-target", "SyntaxError", {{{8, "cannot assign to iterable argument unpacking"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "expression expected after dictionary key and ':'"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "':' expected after dictionary key"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "did you forget parentheses around the comprehension target?"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "expected 'else' after 'if' expression"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "invalid syntax. Perhaps you forgot a comma?"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "Expected one or more names after 'import'"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "Did you mean to use 'from ... import ...' instead?"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "'not' after an operator must be parenthesized"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "invalid pattern target"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "dict unpacking cannot be used in dict comprehension"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "'in' expected after for-loop variables"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "f-string: expecting a valid expression after '{'"}, none, none}}},
    {"syntax-error", "SyntaxError", {{{8, "non-default type parameter '%s' follows default type parameter"}, none, none}}},
    {"null-bytes", "ValueError", {{{8, "source code string cannot contain null bytes"}, none, none}}},
    {"encoding-error", "SyntaxError", {{{8, "%s"}, none, none}}},
    // Bytes that are not UTF-8 in a name, a string, an f-string's field or literal part; '%s'
    // is the codec's account ("byte 0xff in position 0: invalid start byte").
    {"encoding-error", "SyntaxError", {{{8, "invalid character in identifier"}, {9, "(unicode error) 'utf-8' codec can't decode %s"}, none}}},
    {"encoding-error", "SyntaxError", {{{8, "(unicode error) 'utf-8' codec can't decode %s"}, none, none}}},
    {"encoding-error", "SyntaxError", {{{8, "invalid character in identifier"}, {9, "f-string: (unicode error) 'utf-8' codec can't decode %s"}, {12, "(unicode error) 'utf-8' codec can't decode %s"}}}},
    {"encoding-error", "UnicodeDecodeError", {{{8, "(unicode error) 'utf-8' codec can't decode %s"}, {12, "'utf-8' codec can't decode %s"}, none}}},
    // A notebook cell holding a lone surrogate ('%s': its code unit, then its position).
    {"encoding-error", "UnicodeEncodeError", {{{8, "'utf-8' codec can't encode character '\\u%s' in position %s: surrogates not allowed"}, none, none}}},
    {"invalid-target", "SyntaxError", {{{8, "cannot assign to %s"}, none, none}}},
    {"invalid-target", "SyntaxError", {{{8, "cannot delete %s"}, none, none}}},
    {"invalid-target", "SyntaxError", {{{8, "illegal expression for augmented assignment"}, {9, "'%s' is an illegal expression for augmented assignment"}, none}}},
    {"invalid-target", "SyntaxError", {{{8, "only single target (not %s) can be annotated"}, none, none}}},
    {"invalid-target", "SyntaxError", {{{8, "illegal target for annotation"}, none, none}}},
    {"python2-syntax", "SyntaxError", {{{8, "Missing parentheses in call to 'print'. Did you mean print(%s)?"}, {10, "Missing parentheses in call to 'print'. Did you mean print(...)?"}, none}}},
    {"python2-syntax", "SyntaxError", {{{8, "Missing parentheses in call to 'exec'"}, {10, "Missing parentheses in call to 'exec'. Did you mean exec(...)?"}, none}}},
    {"syntax-error", "SyntaxError", {{{8, "%s"}, none, none}}},
    // Symbol table.
    {"global-parameter", "SyntaxError", {{{8, "name '%s' is parameter and global"}, none, none}}},
    {"global-after-assignment", "SyntaxError", {{{8, "name '%s' is assigned to before global declaration"}, none, none}}},
    {"global-after-use", "SyntaxError", {{{8, "name '%s' is used prior to global declaration"}, none, none}}},
    {"global-annotated", "SyntaxError", {{{8, "annotated name '%s' can't be global"}, none, none}}},
    {"nonlocal-parameter", "SyntaxError", {{{8, "name '%s' is parameter and nonlocal"}, none, none}}},
    {"nonlocal-after-assignment", "SyntaxError", {{{8, "name '%s' is assigned to before nonlocal declaration"}, none, none}}},
    {"nonlocal-after-use", "SyntaxError", {{{8, "name '%s' is used prior to nonlocal declaration"}, none, none}}},
    {"nonlocal-annotated", "SyntaxError", {{{8, "annotated name '%s' can't be nonlocal"}, none, none}}},
    {"nonlocal-at-module-level", "SyntaxError", {{{8, "nonlocal declaration not allowed at module level"}, none, none}}},
    {"nonlocal-without-binding", "SyntaxError", {{{8, "no binding for nonlocal '%s' found"}, none, none}}},
    {"nonlocal-and-global", "SyntaxError", {{{8, "name '%s' is nonlocal and global"}, none, none}}},
    {"nonlocal-type-parameter", "SyntaxError", {{{8, "nonlocal binding not allowed for type parameter '%s'"}, none, none}}},
    {"import-star-not-module-level", "SyntaxError", {{{8, "import * only allowed at module level"}, none, none}}},
    {"duplicate-argument", "SyntaxError", {{{8, "duplicate argument '%s' in function definition"}, none, none}}},
    {"duplicate-type-parameter", "SyntaxError", {{{8, "duplicate type parameter '%s'"}, none, none}}},
    {"walrus-in-class-comprehension", "SyntaxError", {{{8, "assignment expression within a comprehension cannot be used in a class body"}, none, none}}},
    {"walrus-rebinds-iteration-variable", "SyntaxError", {{{8, "assignment expression cannot rebind comprehension iteration variable '%s'"}, none, none}}},
    {"walrus-in-comprehension-iterable", "SyntaxError", {{{8, "assignment expression cannot be used in a comprehension iterable expression"}, none, none}}},
    {"comprehension-rebinds-walrus-target", "SyntaxError", {{{8, "comprehension inner loop cannot rebind assignment expression target '%s'"}, none, none}}},
    {"yield-in-comprehension", "SyntaxError", {{{8, "'yield' inside %s"}, none, none}}},
    {"forbidden-in-annotation", "SyntaxError", {{{8, "'%s' can not be used within an annotation"}, {12, "%s cannot be used within an annotation"}, none}}},
    {"forbidden-in-annotation", "SyntaxError", {{{8, "%s cannot be used within %s"}, none, none}}},
    {"walrus-in-class-comprehension", "SyntaxError", {{{8, "assignment expression within a comprehension cannot be used %s"}, none, none}}},
    {"comprehension-in-class-annotation-scope", "SyntaxError", {{{8, "Cannot use comprehension in annotation scope within class scope"}, none, none}}},
    // Compiler.
    {"return-outside-function", "SyntaxError", {{{8, "'return' outside function"}, none, none}}},
    {"yield-outside-function", "SyntaxError", {{{8, "'yield' outside function"}, none, none}}},
    {"yield-outside-function", "SyntaxError", {{{8, "'yield' outside function"}, {13, "'yield from' outside function"}, none}}},
    {"await-outside-function", "SyntaxError", {{{8, "'await' outside function"}, none, none}}},
    {"await-outside-async-function", "SyntaxError", {{{8, "'await' outside async function"}, none, none}}},
    {"async-for-outside-async-function", "SyntaxError", {{{8, "'async for' outside async function"}, none, none}}},
    {"async-with-outside-async-function", "SyntaxError", {{{8, "'async with' outside async function"}, none, none}}},
    {"async-comprehension-outside-async-function", "SyntaxError", {{{8, "asynchronous comprehension outside of an asynchronous function"}, none, none}}},
    {"break-outside-loop", "SyntaxError", {{{8, "'break' outside loop"}, none, none}}},
    {"continue-outside-loop", "SyntaxError", {{{8, "'continue' not properly in loop"}, none, none}}},
    {"return-value-in-async-generator", "SyntaxError", {{{8, "'return' with value in async generator"}, none, none}}},
    {"yield-from-in-async-function", "SyntaxError", {{{8, "'yield from' inside async function"}, none, none}}},
    {"future-import-not-first", "SyntaxError", {{{8, "from __future__ imports must occur at the beginning of the file"}, none, none}}},
    {"future-feature-unknown", "SyntaxError", {{{8, "future feature %s is not defined"}, none, none}}},
    {"future-feature-unknown", "SyntaxError", {{{8, "not a chance"}, none, none}}},
    {"control-flow-in-except-star", "SyntaxError", {{{8, "'break', 'continue' and 'return' cannot appear in an except* block"}, none, none}}},
    {"starred-target-outside-tuple", "SyntaxError", {{{8, "starred assignment target must be in a list or tuple"}, none, none}}},
    {"starred-expression-not-allowed", "SyntaxError", {{{8, "can't use starred expression here"}, none, none}}},
    {"multiple-starred-targets", "SyntaxError", {{{8, "two starred expressions in assignment"}, {9, "multiple starred expressions in assignment"}, none}}},
    {"assign-to-debug", "SyntaxError", {{{8, "cannot assign to __debug__"}, none, none}}},
    {"assign-to-debug", "SyntaxError", {{{8, "cannot delete __debug__"}, none, none}}},
    {"keyword-argument-repeated", "SyntaxError", {{{8, "keyword argument repeated"}, {9, "keyword argument repeated: %s"}, none}}},
    {"default-except-not-last", "SyntaxError", {{{8, "default 'except:' must be last"}, none, none}}},
    {"too-many-nested-blocks", "SyntaxError", {{{8, "too many statically nested blocks"}, none, none}}},
    {"pattern-name-repeated", "SyntaxError", {{{8, "multiple assignments to name '%s' in pattern"}, none, none}}},
    {"unreachable-pattern", "SyntaxError", {{{8, "name capture '%s' makes remaining patterns unreachable"}, none, none}}},
    {"unreachable-pattern", "SyntaxError", {{{8, "wildcard makes remaining patterns unreachable"}, none, none}}},
    {"alternative-patterns-differ", "SyntaxError", {{{8, "alternative patterns bind different names"}, none, none}}},
    {"pattern-multiple-stars", "SyntaxError", {{{8, "multiple starred names in sequence pattern"}, none, none}}},
    {"pattern-not-literal", "SyntaxError", {{{8, "patterns may only match literals and attribute lookups"}, none, none}}},
    {"pattern-not-literal", "SyntaxError", {{{8, "mapping pattern keys may only match literals and attribute lookups"}, none, none}}},
    {"pattern-duplicate-key", "SyntaxError", {{{8, "mapping pattern checks duplicate key (%s)"}, none, none}}},
    {"pattern-attribute-repeated", "SyntaxError", {{{8, "attribute name repeated in class pattern: %s"}, none, none}}},
    {"too-complex", "RecursionError", {{{8, "maximum recursion depth exceeded during compilation"}, none, none}}},
    // Warnings.
    {"top-level-locals", "Warning", {{{8, "locals() at module level returns the module namespace; a naive async wrapper would change that"}, none, none}}},
};

static_assert(sizeof(table) / sizeof(table[0]) == static_cast<std::size_t>(msg::count_),
              "one table entry per msg");

}  // namespace

std::string_view message_code(msg id) noexcept { return table[static_cast<int>(id)].code; }

phase message_phase(msg id, python_version v) noexcept {
  const int minor = asynclift::minor(v);
  switch (id) {
    case msg::future_not_first:
    case msg::future_unknown:
    case msg::future_braces:
      return phase::future;
    case msg::debug_assign:
    case msg::debug_delete:
    case msg::keyword_repeated:
      return minor <= 8 ? phase::parser : phase::compiler;
    default:
      break;
  }
  if (id < msg::global_param) return phase::parser;
  if (id <= msg::comprehension_in_class_annotation_scope) return phase::symtable;
  return phase::compiler;
}

std::string_view message_exception(msg id, python_version v) noexcept {
  if (id == msg::null_bytes && minor(v) >= 12) return "SyntaxError";
  if (id == msg::undecodable_fstring_literal && minor(v) < 12) return "SyntaxError";
  return table[static_cast<int>(id)].exception;
}

std::string message_text(msg id, python_version v, std::string_view arg, std::string_view arg2,
                         std::string_view arg3) {
  const entry& e = table[static_cast<int>(id)];
  std::string_view text = e.texts[0].text;
  for (const wording& w : e.texts)
    if (w.since <= minor(v)) text = w.text;
  std::string out;
  out.reserve(text.size() + arg.size() + arg2.size() + arg3.size());
  int filled = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 1 < text.size() && text[i + 1] == 's') {
      out.append(filled == 0 ? arg : filled == 1 ? arg2 : arg3);
      ++filled;
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace asynclift::detail
