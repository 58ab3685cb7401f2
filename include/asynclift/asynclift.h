/*
 * asynclift — C API.
 *
 * Decides, exactly as CPython 3.8–3.13 would, whether Python source needs to run as async code
 * (module code compiled with ast.PyCF_ALLOW_TOP_LEVEL_AWAIT), where the constructs that make it
 * async are, and which errors CPython's symtable and compiler would raise for it; and lifts such
 * source into an equivalent `async def` that any event loop can await. This header is plain C11
 * (and C++), for editors, REPLs and bindings in other languages; the C++ API is in
 * <asynclift/asynclift.hpp>.
 *
 * Conventions, which every function below follows:
 *
 *  - Objects are opaque handles. Each type has an explicit constructor returning a new handle
 *    (the caller owns it) and a matching `_free` function; nothing is freed implicitly. `_free`
 *    functions accept NULL.
 *  - Functions that can fail return an `asynclift_status` (0 on success, a negative code on
 *    failure) and write their result through an out parameter, which is set to NULL on failure.
 *    After a failure, asynclift_last_error() describes it. No C++ exception ever crosses this
 *    API.
 *  - Text is passed as a pointer plus a length in bytes; it need not be NUL-terminated and may
 *    not be longer than UINT32_MAX bytes. Inputs are copied: the caller may free or change them
 *    as soon as the call returns.
 *  - Strings returned by the library are NUL-terminated and borrowed: they belong to the handle
 *    they came from and stay valid as long as the function's documentation says (at most until
 *    that handle is freed). Never free them.
 *  - Byte offsets refer to the analysed text (asynclift_analysis_text): for bytes decoded from a
 *    file that is the decoded UTF-8 text, without a BOM. Lines and columns are 1-based; columns
 *    count Unicode code points, as CPython's SyntaxError.offset does.
 *  - Thread safety: there is no global state. Different handles may be used from different
 *    threads at the same time. A handle that is changed by a call (an analyser, a document) must
 *    be used by one thread at a time. An analysis is immutable: any number of threads may read
 *    it at the same time.
 */
#ifndef ASYNCLIFT_ASYNCLIFT_H
#define ASYNCLIFT_ASYNCLIFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define ASYNCLIFT_API __attribute__((visibility("default")))
#else
#define ASYNCLIFT_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------ */
/* Status codes, errors, versions                                                             */

/* The result of a function that can fail. */
typedef enum asynclift_status {
  ASYNCLIFT_OK = 0,
  /* A NULL handle or out parameter, a NULL text with a non-zero length, a text longer than
     UINT32_MAX bytes, an unknown target version or flag. */
  ASYNCLIFT_ERROR_INVALID_ARGUMENT = -1,
  ASYNCLIFT_ERROR_OUT_OF_MEMORY = -2,
  /* An unexpected failure inside the library (a bug); asynclift_last_error() has details. */
  ASYNCLIFT_ERROR_INTERNAL = -3
} asynclift_status;

/* A short English name for a status ("ok", "invalid argument", …). Never NULL; unknown codes
   give "unknown status". The string is static.
   Thread safety: safe to call from any thread. */
ASYNCLIFT_API const char *asynclift_status_name(asynclift_status status);

/* A sentence describing the most recent failure of an asynclift function on the calling thread
   (successful calls leave it unchanged); "" when nothing has failed on this thread yet.
   Ownership: borrowed; valid until the next failing asynclift call on the same thread.
   Thread safety: each thread has its own message. */
ASYNCLIFT_API const char *asynclift_last_error(void);

/* asynclift's own version, "MAJOR.MINOR.PATCH". The string is static.
   Thread safety: safe to call from any thread. */
ASYNCLIFT_API const char *asynclift_version(void);

/* The CPython version whose behaviour is reproduced; the value is the minor version.
   ASYNCLIFT_PYTHON_DEFAULT stands for the library's default (the newest supported). */
typedef enum asynclift_python_version {
  ASYNCLIFT_PYTHON_DEFAULT = 0,
  ASYNCLIFT_PYTHON_3_8 = 8,
  ASYNCLIFT_PYTHON_3_9 = 9,
  ASYNCLIFT_PYTHON_3_10 = 10,
  ASYNCLIFT_PYTHON_3_11 = 11,
  ASYNCLIFT_PYTHON_3_12 = 12,
  ASYNCLIFT_PYTHON_3_13 = 13
} asynclift_python_version;

/* "3.8" … "3.13"; ASYNCLIFT_PYTHON_DEFAULT gives the name of the version it stands for. NULL
   for a value that is not a supported version. The string is static.
   Thread safety: safe to call from any thread. */
ASYNCLIFT_API const char *asynclift_python_version_name(asynclift_python_version version);

/* Parses "3.8" … "3.13" (NUL-terminated) into *out. ASYNCLIFT_ERROR_INVALID_ARGUMENT for any
   other text or a NULL argument.
   Thread safety: safe to call from any thread. */
ASYNCLIFT_API asynclift_status asynclift_python_version_parse(const char *text,
                                                              asynclift_python_version *out);

/* Flags for the analysing functions, combined with `|`. */
typedef enum asynclift_flags {
  ASYNCLIFT_FLAGS_NONE = 0,
  /* Analyse as a plain module (CPython without PyCF_ALLOW_TOP_LEVEL_AWAIT): top-level `await`,
     `async for`, `async with` and async comprehensions are errors. */
  ASYNCLIFT_FLAG_PLAIN_MODULE = 1
} asynclift_flags;

/* ------------------------------------------------------------------------------------------ */
/* Analysis results                                                                           */

/* The result of analysing one source: immutable once made. */
typedef struct asynclift_analysis asynclift_analysis;

/* The top-level constructs that make module code a coroutine. */
typedef enum asynclift_async_kind {
  ASYNCLIFT_ASYNC_AWAIT = 0,
  ASYNCLIFT_ASYNC_FOR = 1,
  ASYNCLIFT_ASYNC_WITH = 2,
  ASYNCLIFT_ASYNC_COMPREHENSION = 3
} asynclift_async_kind;

/* "await", "async-for", "async-with", "async-comprehension" (the names of the CLI's JSON).
   NULL for an unknown value. The string is static.
   Thread safety: safe to call from any thread. */
ASYNCLIFT_API const char *asynclift_async_kind_name(asynclift_async_kind kind);

typedef enum asynclift_severity {
  ASYNCLIFT_SEVERITY_ERROR = 0,
  ASYNCLIFT_SEVERITY_WARNING = 1
} asynclift_severity;

/* "error", "warning". NULL for an unknown value. The string is static.
   Thread safety: safe to call from any thread. */
ASYNCLIFT_API const char *asynclift_severity_name(asynclift_severity severity);

/* Where something is: the half-open byte range [begin_byte, end_byte) of the analysed text and
   the line and column of both ends. */
typedef struct asynclift_span {
  uint32_t begin_byte;
  uint32_t end_byte;
  uint32_t line;       /* 1-based */
  uint32_t column;     /* 1-based, in code points */
  uint32_t end_line;   /* of end_byte */
  uint32_t end_column; /* of end_byte */
} asynclift_span;

typedef struct asynclift_async_site {
  asynclift_async_kind kind;
  asynclift_span span; /* the whole construct (for `async for`/`async with`: the statement) */
} asynclift_async_site;

typedef struct asynclift_diagnostic {
  const char *code;    /* stable kebab-case identifier, e.g. "nonlocal-without-binding" */
  const char *message; /* CPython's wording for the target version */
  asynclift_severity severity;
  /* CPython 3.8/3.9 report a few compiler errors without a position. When set, show line 0,
     column 1 as CPython does; `span` still covers the construct. */
  bool unpositioned;
  asynclift_span span; /* span.line/column: where CPython reports the error */
} asynclift_diagnostic;

/* CPython's verdict: true when the module code object would have CO_COROUTINE set and the
   source has no error diagnostic (source with errors cannot run, so it never needs async).
   NULL gives false.
   Thread safety: the analysis is immutable; safe to call from any number of threads. */
ASYNCLIFT_API bool asynclift_analysis_needs_async(const asynclift_analysis *analysis);

/* True when at least one diagnostic has severity error. NULL gives false.
   Thread safety: as asynclift_analysis_needs_async. */
ASYNCLIFT_API bool asynclift_analysis_has_errors(const asynclift_analysis *analysis);

/* The target version the analysis was made for (never ASYNCLIFT_PYTHON_DEFAULT).
   NULL gives ASYNCLIFT_PYTHON_DEFAULT.
   Thread safety: as asynclift_analysis_needs_async. */
ASYNCLIFT_API asynclift_python_version asynclift_analysis_target(const asynclift_analysis *analysis);

/* The text every byte offset refers to (decoded UTF-8), NUL-terminated; its length in bytes is
   stored in *length unless length is NULL. For bytes that could not be decoded this is "" and
   the only diagnostic says why.
   Ownership: borrowed from the analysis; valid until it is freed (for an analysis borrowed from
   a document: until the document is edited or freed).
   Thread safety: as asynclift_analysis_needs_async. */
ASYNCLIFT_API const char *asynclift_analysis_text(const asynclift_analysis *analysis,
                                                  size_t *length);

/* The encoding the source was read with, normalised as CPython does ("utf-8", "iso-8859-1",
   …); "utf-8" for text passed as UTF-8.
   Ownership: borrowed, as asynclift_analysis_text. Thread safety: as
   asynclift_analysis_needs_async. */
ASYNCLIFT_API const char *asynclift_analysis_encoding(const asynclift_analysis *analysis);

/* Number of async sites (0 for NULL).
   Thread safety: as asynclift_analysis_needs_async. */
ASYNCLIFT_API size_t asynclift_analysis_async_site_count(const asynclift_analysis *analysis);

/* Copies async site `index` (0-based, in source order) into *out. False, leaving *out untouched,
   when index is out of range or an argument is NULL.
   Thread safety: as asynclift_analysis_needs_async. */
ASYNCLIFT_API bool asynclift_analysis_async_site(const asynclift_analysis *analysis, size_t index,
                                                 asynclift_async_site *out);

/* Number of diagnostics (0 for NULL).
   Thread safety: as asynclift_analysis_needs_async. */
ASYNCLIFT_API size_t asynclift_analysis_diagnostic_count(const asynclift_analysis *analysis);

/* Copies diagnostic `index` (0-based, sorted by position) into *out. False, leaving *out
   untouched, when index is out of range or an argument is NULL.
   Ownership: out->code and out->message are borrowed, as asynclift_analysis_text.
   Thread safety: as asynclift_analysis_needs_async. */
ASYNCLIFT_API bool asynclift_analysis_diagnostic(const asynclift_analysis *analysis, size_t index,
                                                 asynclift_diagnostic *out);

/* Number of names bound in module scope (assignments, imports, def/class, loop and with
   targets, …), 0 for NULL.
   Thread safety: as asynclift_analysis_needs_async. */
ASYNCLIFT_API size_t asynclift_analysis_module_binding_count(const asynclift_analysis *analysis);

/* Module-scope name `index` (0-based, in order of first binding); its length in bytes goes to
   *length unless length is NULL. NULL when index is out of range.
   Ownership: borrowed, as asynclift_analysis_text.
   Thread safety: as asynclift_analysis_needs_async. */
ASYNCLIFT_API const char *asynclift_analysis_module_binding(const asynclift_analysis *analysis,
                                                            size_t index, size_t *length);

/* Turns a byte offset of the analysed text into a 1-based line and code-point column (offsets
   past the end clamp to the end). False, writing nothing, when an argument is NULL.
   Thread safety: as asynclift_analysis_needs_async. */
ASYNCLIFT_API bool asynclift_analysis_locate(const asynclift_analysis *analysis,
                                             uint32_t byte_offset, uint32_t *line,
                                             uint32_t *column);

/* Frees an analysis made by asynclift_analyse_* or asynclift_analyser_analyse_*. NULL is
   ignored. Never pass the analysis borrowed from a document (asynclift_document_analysis).
   Thread safety: no other thread may be using the analysis. */
ASYNCLIFT_API void asynclift_analysis_free(asynclift_analysis *analysis);

/* ------------------------------------------------------------------------------------------ */
/* Analysing                                                                                  */

/* A reusable analyser: owns a parser that is kept between calls, which saves an allocation per
   call. Use one per thread. */
typedef struct asynclift_analyser asynclift_analyser;

/* Makes an analyser.
   Ownership: the caller owns *out and frees it with asynclift_analyser_free.
   Thread safety: safe to call from any thread. */
ASYNCLIFT_API asynclift_status asynclift_analyser_new(asynclift_analyser **out);

/* Frees an analyser (NULL is ignored). Analyses it made stay valid.
   Thread safety: no other thread may be using the analyser. */
ASYNCLIFT_API void asynclift_analyser_free(asynclift_analyser *analyser);

/* Analyses `length` bytes as Python reads a file (UTF-8 BOM, PEP 263 coding cookie, else UTF-8)
   for `target` with `flags` (asynclift_flags). Undecodable bytes are not a failure: the
   analysis then holds one error diagnostic saying why, as CPython would raise it.
   Ownership: `bytes` is copied; the caller owns *out and frees it with asynclift_analysis_free.
   Thread safety: one thread at a time per analyser. */
ASYNCLIFT_API asynclift_status asynclift_analyser_analyse_bytes(
    asynclift_analyser *analyser, const char *bytes, size_t length,
    asynclift_python_version target, uint32_t flags, asynclift_analysis **out);

/* As asynclift_analyser_analyse_bytes, for text that is already UTF-8 (an editor buffer, a
   notebook cell): no BOM or coding cookie handling.
   Ownership and thread safety: as asynclift_analyser_analyse_bytes. */
ASYNCLIFT_API asynclift_status asynclift_analyser_analyse_text(
    asynclift_analyser *analyser, const char *utf8, size_t length,
    asynclift_python_version target, uint32_t flags, asynclift_analysis **out);

/* One-shot forms of the two functions above; each call uses a parser of its own.
   Ownership: the caller owns *out and frees it with asynclift_analysis_free.
   Thread safety: safe to call from any thread. */
ASYNCLIFT_API asynclift_status asynclift_analyse_bytes(const char *bytes, size_t length,
                                                       asynclift_python_version target,
                                                       uint32_t flags, asynclift_analysis **out);
ASYNCLIFT_API asynclift_status asynclift_analyse_text(const char *utf8, size_t length,
                                                      asynclift_python_version target,
                                                      uint32_t flags, asynclift_analysis **out);

/* The verdict alone, for a REPL deciding how to run a cell of UTF-8 text: 1 when the text is
   valid and needs async execution, 0 when it does not (or is invalid), a negative
   asynclift_status on failure. Text without the bytes `async` or `await` is answered by a byte
   scan, without parsing.
   Ownership: `utf8` is only read during the call.
   Thread safety: safe to call from any thread (each thread reuses a parser of its own). */
ASYNCLIFT_API int asynclift_needs_async(const char *utf8, size_t length,
                                        asynclift_python_version target, uint32_t flags);

/* ------------------------------------------------------------------------------------------ */
/* Documents (editors)                                                                        */

/* An editable UTF-8 text with its analysis, for editors: apply edits, ask for the analysis of
   the current text. The analysis always equals a fresh analysis of the same text. */
typedef struct asynclift_document asynclift_document;

/* Makes a document holding a copy of `length` bytes of UTF-8 text.
   Ownership: the caller owns *out and frees it with asynclift_document_free.
   Thread safety: safe to call from any thread. */
ASYNCLIFT_API asynclift_status asynclift_document_new(const char *utf8, size_t length,
                                                      asynclift_python_version target,
                                                      uint32_t flags, asynclift_document **out);

/* Frees a document (NULL is ignored), and with it the analysis borrowed from it.
   Thread safety: no other thread may be using the document. */
ASYNCLIFT_API void asynclift_document_free(asynclift_document *document);

/* Replaces the bytes [begin, end) of the current text with `replacement_length` bytes of
   `replacement` (which may be NULL when replacement_length is 0). Offsets past the end clamp to
   the end; begin > end is treated as begin == end. Invalidates the text and analysis borrowed
   from the document. ASYNCLIFT_ERROR_INVALID_ARGUMENT, leaving the document unchanged, when
   the text would grow beyond UINT32_MAX bytes.
   Ownership: `replacement` is copied.
   Thread safety: one thread at a time per document. */
ASYNCLIFT_API asynclift_status asynclift_document_edit(asynclift_document *document, size_t begin,
                                                       size_t end, const char *replacement,
                                                       size_t replacement_length);

/* The current text, NUL-terminated; its length in bytes goes to *length unless length is NULL.
   NULL for a NULL document.
   Ownership: borrowed; valid until the next edit or until the document is freed.
   Thread safety: one thread at a time per document. */
ASYNCLIFT_API const char *asynclift_document_text(const asynclift_document *document,
                                                  size_t *length);

/* The analysis of the current text, computed on first use after an edit.
   Ownership: *out is borrowed from the document: do not free it; it is valid until the next
   edit or until the document is freed.
   Thread safety: one thread at a time per document; the analysis may then be read from other
   threads until the next edit. */
ASYNCLIFT_API asynclift_status asynclift_document_analysis(asynclift_document *document,
                                                           const asynclift_analysis **out);

/* ------------------------------------------------------------------------------------------ */
/* Lift                                                                                       */

/* The result of lifting a source into an equivalent `async def` that any event loop can
   await (see <asynclift/lift.hpp>): immutable once made. */
typedef struct asynclift_lift asynclift_lift;

typedef enum asynclift_lift_mode {
  ASYNCLIFT_LIFT_EXEC = 0,        /* module semantics */
  ASYNCLIFT_LIFT_INTERACTIVE = 1, /* CPython's "single" mode: expression statements at module
                                     level go to sys.displayhook */
  ASYNCLIFT_LIFT_LAST_EXPR = 2    /* module semantics; the wrapper returns the value of a final
                                     top-level expression statement, else None */
} asynclift_lift_mode;

/* "exec", "interactive", "last-expr". NULL for an unknown value. The string is static.
   Thread safety: safe to call from any thread. */
ASYNCLIFT_API const char *asynclift_lift_mode_name(asynclift_lift_mode mode);

/* Lifts `length` bytes read as Python reads a file (BOM, coding cookie, else UTF-8) for
   `target` in `mode`. `wrapper` is the NUL-terminated name of the async def, or NULL for
   "__async_exec__". A source with errors is not a failure of the call: the lift is then
   refused (asynclift_lift_ok is false) and the diagnostics say why.
   Ownership: inputs are copied; the caller owns *out and frees it with asynclift_lift_free.
   Thread safety: safe to call from any thread. */
ASYNCLIFT_API asynclift_status asynclift_lift_bytes(const char *bytes, size_t length,
                                                    asynclift_python_version target,
                                                    asynclift_lift_mode mode,
                                                    const char *wrapper, asynclift_lift **out);

/* As asynclift_lift_bytes, for text that is already UTF-8 (a REPL cell, an editor buffer).
   Ownership and thread safety: as asynclift_lift_bytes. */
ASYNCLIFT_API asynclift_status asynclift_lift_text(const char *utf8, size_t length,
                                                   asynclift_python_version target,
                                                   asynclift_lift_mode mode, const char *wrapper,
                                                   asynclift_lift **out);

/* True when the source was lifted; false when the lift was refused (errors in the analysis,
   or the lift's own diagnostics). NULL gives false.
   Thread safety: the result is immutable; safe to call from any number of threads. */
ASYNCLIFT_API bool asynclift_lift_ok(const asynclift_lift *lift);

/* The lifted source ("" when refused), NUL-terminated; its length in bytes goes to *length
   unless length is NULL (the text may hold NUL bytes in a non-UTF-8 encoding, so prefer the
   length). For asynclift_lift_bytes it is in the source's own encoding, BOM and coding cookie
   included; for asynclift_lift_text, UTF-8.
   Ownership: borrowed; valid until the result is freed.
   Thread safety: as asynclift_lift_ok. */
ASYNCLIFT_API const char *asynclift_lift_code(const asynclift_lift *lift, size_t *length);

/* How many lines further down the lifted text puts the source's statements that run directly
   in the wrapper (tracebacks of those are off by this much; nested code keeps its lines).
   0 for NULL.
   Thread safety: as asynclift_lift_ok. */
ASYNCLIFT_API uint32_t asynclift_lift_line_offset(const asynclift_lift *lift);

/* The analysis of the source (verdict, async sites, CPython's diagnostics).
   Ownership: borrowed from the lift result: do not free it; valid until the result is freed.
   Thread safety: as asynclift_lift_ok. */
ASYNCLIFT_API const asynclift_analysis *asynclift_lift_analysis(const asynclift_lift *lift);

/* Number of the lift's own diagnostics (errors that refused the lift, warnings about
   approximated constructs), 0 for NULL. CPython's diagnostics are in the analysis.
   Thread safety: as asynclift_lift_ok. */
ASYNCLIFT_API size_t asynclift_lift_diagnostic_count(const asynclift_lift *lift);

/* Copies the lift's diagnostic `index` into *out; its span refers to the analysis's text.
   False, leaving *out untouched, when index is out of range or an argument is NULL.
   Ownership: out->code and out->message are borrowed; valid until the result is freed.
   Thread safety: as asynclift_lift_ok. */
ASYNCLIFT_API bool asynclift_lift_diagnostic(const asynclift_lift *lift, size_t index,
                                             asynclift_diagnostic *out);

/* Frees a lift result (NULL is ignored), and with it its analysis.
   Thread safety: no other thread may be using the result. */
ASYNCLIFT_API void asynclift_lift_free(asynclift_lift *lift);

#ifdef __cplusplus
}
#endif

#endif /* ASYNCLIFT_ASYNCLIFT_H */
