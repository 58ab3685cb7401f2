/*
 * Tests of the C API (include/asynclift/asynclift.h), written in C11 and compiled with
 * -std=c11 -Wall -Wextra -pedantic -Werror, so they also prove the header is plain C.
 *
 * Each test checks real results — verdicts, kinds, CPython's messages and positions — and the
 * error paths (NULL arguments, unknown versions and flags). The document test applies a few
 * hundred pseudo-random edits and compares the document's analysis with a fresh analysis of the
 * same text after every one. Run with a test name to run only that test.
 */
#include <asynclift/asynclift.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef __STDC_NO_THREADS__
#include <threads.h>
#endif

static int failures = 0;

#define CHECK(cond)                                                                  \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      fprintf(stderr, "%s:%d: %s: check failed: %s\n", __FILE__, __LINE__, __func__, \
              #cond);                                                                \
      ++failures;                                                                    \
    }                                                                                \
  } while (0)

#define CHECK_STR(actual, expected)                                                       \
  do {                                                                                    \
    const char *a_ = (actual), *e_ = (expected);                                          \
    if (!a_ || strcmp(a_, e_) != 0) {                                                     \
      fprintf(stderr, "%s:%d: %s: expected \"%s\", got \"%s\"\n", __FILE__, __LINE__,     \
              __func__, e_, a_ ? a_ : "(null)");                                          \
      ++failures;                                                                         \
    }                                                                                     \
  } while (0)

static asynclift_analysis *analyse(const char *text, asynclift_python_version target,
                                   uint32_t flags) {
  asynclift_analysis *a = NULL;
  asynclift_status s = asynclift_analyse_text(text, strlen(text), target, flags, &a);
  CHECK(s == ASYNCLIFT_OK);
  CHECK(a != NULL);
  return a;
}

/* ---- versions, names, statuses ------------------------------------------------------------ */

static void test_versions(void) {
  CHECK_STR(asynclift_version(), ASYNCLIFT_EXPECTED_VERSION);
  CHECK_STR(asynclift_python_version_name(ASYNCLIFT_PYTHON_DEFAULT), "3.13");
  CHECK_STR(asynclift_python_version_name(ASYNCLIFT_PYTHON_3_8), "3.8");
  CHECK_STR(asynclift_python_version_name(ASYNCLIFT_PYTHON_3_10), "3.10");
  CHECK(asynclift_python_version_name((asynclift_python_version)7) == NULL);
  CHECK(asynclift_python_version_name((asynclift_python_version)14) == NULL);

  asynclift_python_version v = ASYNCLIFT_PYTHON_DEFAULT;
  CHECK(asynclift_python_version_parse("3.10", &v) == ASYNCLIFT_OK);
  CHECK(v == ASYNCLIFT_PYTHON_3_10);
  CHECK(asynclift_python_version_parse("3.13", &v) == ASYNCLIFT_OK);
  CHECK(v == ASYNCLIFT_PYTHON_3_13);
  CHECK(asynclift_python_version_parse("3.7", &v) == ASYNCLIFT_ERROR_INVALID_ARGUMENT);
  CHECK(strstr(asynclift_last_error(), "3.8 to 3.13") != NULL);
  CHECK(asynclift_python_version_parse("3.1x", &v) == ASYNCLIFT_ERROR_INVALID_ARGUMENT);
  CHECK(asynclift_python_version_parse(NULL, &v) == ASYNCLIFT_ERROR_INVALID_ARGUMENT);
  CHECK(asynclift_python_version_parse("3.9", NULL) == ASYNCLIFT_ERROR_INVALID_ARGUMENT);
}

static void test_names(void) {
  CHECK_STR(asynclift_status_name(ASYNCLIFT_OK), "ok");
  CHECK_STR(asynclift_status_name(ASYNCLIFT_ERROR_INVALID_ARGUMENT), "invalid argument");
  CHECK_STR(asynclift_status_name(ASYNCLIFT_ERROR_OUT_OF_MEMORY), "out of memory");
  CHECK_STR(asynclift_status_name(ASYNCLIFT_ERROR_INTERNAL), "internal error");
  CHECK_STR(asynclift_status_name((asynclift_status)-99), "unknown status");
  CHECK_STR(asynclift_async_kind_name(ASYNCLIFT_ASYNC_AWAIT), "await");
  CHECK_STR(asynclift_async_kind_name(ASYNCLIFT_ASYNC_FOR), "async-for");
  CHECK_STR(asynclift_async_kind_name(ASYNCLIFT_ASYNC_WITH), "async-with");
  CHECK_STR(asynclift_async_kind_name(ASYNCLIFT_ASYNC_COMPREHENSION), "async-comprehension");
  CHECK(asynclift_async_kind_name((asynclift_async_kind)9) == NULL);
  CHECK_STR(asynclift_severity_name(ASYNCLIFT_SEVERITY_ERROR), "error");
  CHECK_STR(asynclift_severity_name(ASYNCLIFT_SEVERITY_WARNING), "warning");
  CHECK(asynclift_severity_name((asynclift_severity)5) == NULL);
}

/* ---- analysis ----------------------------------------------------------------------------- */

/* The false positive that started the project, plus a top-level await. */
static void test_nonlocal_without_binding(void) {
  const char *src = "x = 1\ndef f():\n    nonlocal x\nawait foo()\n";
  asynclift_analysis *a = analyse(src, ASYNCLIFT_PYTHON_DEFAULT, ASYNCLIFT_FLAGS_NONE);
  CHECK(asynclift_analysis_target(a) == ASYNCLIFT_PYTHON_3_13);
  CHECK(asynclift_analysis_has_errors(a));
  CHECK(!asynclift_analysis_needs_async(a)); /* errors: it cannot run at all */

  CHECK(asynclift_analysis_diagnostic_count(a) == 1);
  asynclift_diagnostic d;
  memset(&d, 0, sizeof d);
  CHECK(asynclift_analysis_diagnostic(a, 0, &d));
  CHECK_STR(d.code, "nonlocal-without-binding");
  CHECK_STR(d.message, "no binding for nonlocal 'x' found");
  CHECK(d.severity == ASYNCLIFT_SEVERITY_ERROR);
  CHECK(!d.unpositioned);
  CHECK(d.span.line == 3 && d.span.column == 5);
  CHECK(d.span.end_line == 3 && d.span.end_column == 15);
  CHECK(d.span.begin_byte == 19 && d.span.end_byte == 29);
  CHECK(strncmp(src + d.span.begin_byte, "nonlocal x", 10) == 0);
  CHECK(!asynclift_analysis_diagnostic(a, 1, &d)); /* out of range */

  CHECK(asynclift_analysis_async_site_count(a) == 1);
  asynclift_async_site s;
  CHECK(asynclift_analysis_async_site(a, 0, &s));
  CHECK(s.kind == ASYNCLIFT_ASYNC_AWAIT);
  CHECK(s.span.line == 4 && s.span.column == 1 && s.span.end_line == 4 && s.span.end_column == 12);
  CHECK(!asynclift_analysis_async_site(a, 1, &s));

  size_t length = 0;
  const char *text = asynclift_analysis_text(a, &length);
  CHECK(length == strlen(src) && text && memcmp(text, src, length) == 0 && text[length] == '\0');
  CHECK_STR(asynclift_analysis_encoding(a), "utf-8");
  asynclift_analysis_free(a);
}

static void test_async_sites(void) {
  const char *src =
      "import asyncio\n"
      "await asyncio.sleep(0)\n"
      "async for i in aiter_():\n"
      "    pass\n"
      "async with lock:\n"
      "    pass\n"
      "z = [y async for y in q]\n";
  asynclift_analysis *a = analyse(src, ASYNCLIFT_PYTHON_3_12, ASYNCLIFT_FLAGS_NONE);
  CHECK(!asynclift_analysis_has_errors(a));
  CHECK(asynclift_analysis_needs_async(a));
  CHECK(asynclift_analysis_diagnostic_count(a) == 0);
  CHECK(asynclift_analysis_async_site_count(a) == 4);
  static const asynclift_async_kind kinds[] = {ASYNCLIFT_ASYNC_AWAIT, ASYNCLIFT_ASYNC_FOR,
                                               ASYNCLIFT_ASYNC_WITH, ASYNCLIFT_ASYNC_COMPREHENSION};
  static const uint32_t lines[] = {2, 3, 5, 7}, columns[] = {1, 1, 1, 5};
  for (size_t i = 0; i < 4; ++i) {
    asynclift_async_site s;
    CHECK(asynclift_analysis_async_site(a, i, &s));
    CHECK(s.kind == kinds[i]);
    CHECK(s.span.line == lines[i] && s.span.column == columns[i]);
  }
  asynclift_async_site s;
  CHECK(asynclift_analysis_async_site(a, 1, &s));
  CHECK(s.span.end_line == 4); /* `async for`: the whole statement */

  CHECK(asynclift_analysis_module_binding_count(a) == 3);
  size_t n = 0;
  CHECK_STR(asynclift_analysis_module_binding(a, 0, &n), "asyncio");
  CHECK(n == 7);
  CHECK_STR(asynclift_analysis_module_binding(a, 1, NULL), "i");
  CHECK_STR(asynclift_analysis_module_binding(a, 2, NULL), "z");
  CHECK(asynclift_analysis_module_binding(a, 3, &n) == NULL && n == 0);
  asynclift_analysis_free(a);
}

/* Columns count code points; byte offsets count bytes. */
static void test_unicode_columns(void) {
  const char *src = "x = '\xc3\xa9'; await y\n";
  asynclift_analysis *a = analyse(src, ASYNCLIFT_PYTHON_DEFAULT, ASYNCLIFT_FLAGS_NONE);
  asynclift_async_site s;
  CHECK(asynclift_analysis_async_site(a, 0, &s));
  CHECK(s.span.begin_byte == 10 && s.span.end_byte == 17);
  CHECK(strncmp(src + s.span.begin_byte, "await y", 7) == 0);
  CHECK(s.span.line == 1 && s.span.column == 10 && s.span.end_column == 17);
  uint32_t line = 0, column = 0;
  CHECK(asynclift_analysis_locate(a, 7, &line, &column)); /* just after 'é' */
  CHECK(line == 1 && column == 7);
  CHECK(asynclift_analysis_locate(a, 1000, &line, &column)); /* clamps to the end */
  CHECK(line == 2 && column == 1);
  CHECK(!asynclift_analysis_locate(a, 0, NULL, &column));
  asynclift_analysis_free(a);
}

/* CPython 3.8/3.9 report this error without a line; 3.10+ with one. */
static void test_unpositioned(void) {
  const char *src = "def f():\n    return [x async for x in y]\n";
  asynclift_analysis *a = analyse(src, ASYNCLIFT_PYTHON_3_8, ASYNCLIFT_FLAGS_NONE);
  asynclift_diagnostic d;
  CHECK(asynclift_analysis_diagnostic_count(a) == 1);
  CHECK(asynclift_analysis_diagnostic(a, 0, &d));
  CHECK_STR(d.code, "async-comprehension-outside-async-function");
  CHECK_STR(d.message, "asynchronous comprehension outside of an asynchronous function");
  CHECK(d.unpositioned);
  CHECK(d.span.line == 2); /* the span still covers the construct */
  asynclift_analysis_free(a);

  a = analyse(src, ASYNCLIFT_PYTHON_3_13, ASYNCLIFT_FLAGS_NONE);
  CHECK(asynclift_analysis_diagnostic(a, 0, &d));
  CHECK(!d.unpositioned);
  CHECK(d.span.line == 2 && d.span.column == 12 && d.span.end_column == 32);
  asynclift_analysis_free(a);
}

static void test_plain_module_flag(void) {
  asynclift_analysis *a = analyse("await x\n", ASYNCLIFT_PYTHON_DEFAULT, ASYNCLIFT_FLAGS_NONE);
  CHECK(asynclift_analysis_needs_async(a));
  asynclift_analysis_free(a);

  a = analyse("await x\n", ASYNCLIFT_PYTHON_DEFAULT, ASYNCLIFT_FLAG_PLAIN_MODULE);
  CHECK(!asynclift_analysis_needs_async(a));
  CHECK(asynclift_analysis_has_errors(a));
  asynclift_diagnostic d;
  CHECK(asynclift_analysis_diagnostic(a, 0, &d));
  CHECK_STR(d.message, "'await' outside function");
  asynclift_analysis_free(a);
}

/* Bytes are decoded as Python reads a file; offsets then refer to the decoded text. */
static void test_bytes(void) {
  const char src[] = "# -*- coding: latin-1 -*-\nx = '\xe9'\nreturn\n";
  asynclift_analysis *a = NULL;
  CHECK(asynclift_analyse_bytes(src, sizeof src - 1, ASYNCLIFT_PYTHON_3_11, 0, &a) ==
        ASYNCLIFT_OK);
  CHECK_STR(asynclift_analysis_encoding(a), "iso-8859-1");
  size_t length = 0;
  const char *text = asynclift_analysis_text(a, &length);
  CHECK(length == sizeof src); /* é became two bytes */
  CHECK(strstr(text, "x = '\xc3\xa9'") != NULL);
  asynclift_diagnostic d;
  CHECK(asynclift_analysis_diagnostic(a, 0, &d));
  CHECK_STR(d.message, "'return' outside function");
  CHECK(d.span.line == 3 && d.span.column == 1);
  CHECK(strncmp(text + d.span.begin_byte, "return", 6) == 0);
  asynclift_analysis_free(a);

  /* Undecodable bytes: not a failure of the call, an error diagnostic as CPython raises it. */
  const char bad[] = "x = '\xff'\n";
  CHECK(asynclift_analyse_bytes(bad, sizeof bad - 1, ASYNCLIFT_PYTHON_DEFAULT, 0, &a) ==
        ASYNCLIFT_OK);
  CHECK(asynclift_analysis_has_errors(a));
  CHECK(asynclift_analysis_diagnostic_count(a) == 1);
  CHECK(asynclift_analysis_diagnostic(a, 0, &d));
  CHECK_STR(d.code, "encoding-error");
  CHECK(strstr(d.message, "can't decode byte 0xff in position 0") != NULL);
  CHECK(d.span.begin_byte == 4 && d.span.end_byte == 7); /* the string token */
  asynclift_analysis_free(a);

  /* Text is not decoded: a coding cookie means nothing to analyse_text. */
  CHECK(asynclift_analyse_text(src, sizeof src - 1, ASYNCLIFT_PYTHON_DEFAULT, 0, &a) ==
        ASYNCLIFT_OK);
  CHECK_STR(asynclift_analysis_encoding(a), "utf-8");
  asynclift_analysis_free(a);
}

static void test_analyser_reuse(void) {
  asynclift_analyser *engine = NULL;
  CHECK(asynclift_analyser_new(&engine) == ASYNCLIFT_OK && engine);
  static const char *const sources[] = {"await x\n", "return 1\n", "print(1)\n",
                                        "def f():\n    nonlocal q\n"};
  static const int async_expected[] = {1, 0, 0, 0};
  static const int errors_expected[] = {0, 1, 0, 1};
  for (int round = 0; round < 3; ++round)
    for (size_t i = 0; i < 4; ++i) {
      asynclift_analysis *a = NULL;
      CHECK(asynclift_analyser_analyse_text(engine, sources[i], strlen(sources[i]),
                                            ASYNCLIFT_PYTHON_3_10, 0, &a) == ASYNCLIFT_OK);
      CHECK(asynclift_analysis_needs_async(a) == async_expected[i]);
      CHECK(asynclift_analysis_has_errors(a) == errors_expected[i]);
      CHECK(asynclift_analysis_target(a) == ASYNCLIFT_PYTHON_3_10);
      asynclift_analysis_free(a);
      CHECK(asynclift_analyser_analyse_bytes(engine, sources[i], strlen(sources[i]),
                                             ASYNCLIFT_PYTHON_3_10, 0, &a) == ASYNCLIFT_OK);
      CHECK(asynclift_analysis_needs_async(a) == async_expected[i]);
      asynclift_analysis_free(a);
    }
  asynclift_analyser_free(engine);
  asynclift_analyser_free(NULL);
}

static void test_needs_async(void) {
  CHECK(asynclift_needs_async("print(1)\n", 9, ASYNCLIFT_PYTHON_DEFAULT, 0) == 0);
  CHECK(asynclift_needs_async("await x\n", 8, ASYNCLIFT_PYTHON_DEFAULT, 0) == 1);
  CHECK(asynclift_needs_async("await x\nreturn\n", 15, ASYNCLIFT_PYTHON_DEFAULT, 0) == 0);
  CHECK(asynclift_needs_async("async def f(): pass\n", 20, ASYNCLIFT_PYTHON_DEFAULT, 0) == 0);
  CHECK(asynclift_needs_async("await x\n", 8, ASYNCLIFT_PYTHON_DEFAULT,
                              ASYNCLIFT_FLAG_PLAIN_MODULE) == 0);
  /* Only `length` bytes are read: here "x;", without the await. */
  CHECK(asynclift_needs_async("x; await y\n", 2, ASYNCLIFT_PYTHON_DEFAULT, 0) == 0);
  CHECK(asynclift_needs_async(NULL, 0, ASYNCLIFT_PYTHON_DEFAULT, 0) == 0);
  CHECK(asynclift_needs_async(NULL, 3, ASYNCLIFT_PYTHON_DEFAULT, 0) ==
        ASYNCLIFT_ERROR_INVALID_ARGUMENT);
  CHECK(asynclift_needs_async("await x\n", 8, (asynclift_python_version)99, 0) ==
        ASYNCLIFT_ERROR_INVALID_ARGUMENT);
  CHECK(asynclift_needs_async("await x\n", 8, ASYNCLIFT_PYTHON_DEFAULT, 0x80) ==
        ASYNCLIFT_ERROR_INVALID_ARGUMENT);
}

static void test_invalid_arguments(void) {
  asynclift_analysis *a = (asynclift_analysis *)&a; /* must be reset to NULL */
  CHECK(asynclift_analyse_text(NULL, 5, ASYNCLIFT_PYTHON_DEFAULT, 0, &a) ==
        ASYNCLIFT_ERROR_INVALID_ARGUMENT);
  CHECK(a == NULL);
  CHECK(strstr(asynclift_last_error(), "NULL") != NULL);
  CHECK(asynclift_analyse_text("x", 1, ASYNCLIFT_PYTHON_DEFAULT, 0, NULL) ==
        ASYNCLIFT_ERROR_INVALID_ARGUMENT);
  CHECK(asynclift_analyse_text("x", 1, (asynclift_python_version)7, 0, &a) ==
        ASYNCLIFT_ERROR_INVALID_ARGUMENT);
  CHECK(a == NULL);
  CHECK(strstr(asynclift_last_error(), "3.7") != NULL);
  CHECK(asynclift_analyse_bytes("x", 1, ASYNCLIFT_PYTHON_DEFAULT, 1u << 5, &a) ==
        ASYNCLIFT_ERROR_INVALID_ARGUMENT);
  CHECK(strstr(asynclift_last_error(), "flags") != NULL);
  CHECK(asynclift_analyser_analyse_text(NULL, "x", 1, ASYNCLIFT_PYTHON_DEFAULT, 0, &a) ==
        ASYNCLIFT_ERROR_INVALID_ARGUMENT);
  CHECK(a == NULL);
  CHECK(asynclift_analyser_new(NULL) == ASYNCLIFT_ERROR_INVALID_ARGUMENT);

  /* An empty text may be NULL. */
  CHECK(asynclift_analyse_text(NULL, 0, ASYNCLIFT_PYTHON_DEFAULT, 0, &a) == ASYNCLIFT_OK);
  CHECK(a && !asynclift_analysis_has_errors(a) && !asynclift_analysis_needs_async(a));
  asynclift_analysis_free(a);

  /* Getters are safe on NULL. */
  CHECK(!asynclift_analysis_needs_async(NULL));
  CHECK(!asynclift_analysis_has_errors(NULL));
  CHECK(asynclift_analysis_diagnostic_count(NULL) == 0);
  CHECK(asynclift_analysis_async_site_count(NULL) == 0);
  CHECK(asynclift_analysis_text(NULL, NULL) == NULL);
  asynclift_analysis_free(NULL);
}

/* ---- documents ---------------------------------------------------------------------------- */

/* True when two analyses say exactly the same. */
static int same_analysis(const asynclift_analysis *x, const asynclift_analysis *y) {
  if (asynclift_analysis_needs_async(x) != asynclift_analysis_needs_async(y)) return 0;
  if (asynclift_analysis_has_errors(x) != asynclift_analysis_has_errors(y)) return 0;
  size_t n = asynclift_analysis_diagnostic_count(x);
  if (n != asynclift_analysis_diagnostic_count(y)) return 0;
  for (size_t i = 0; i < n; ++i) {
    asynclift_diagnostic a, b;
    asynclift_analysis_diagnostic(x, i, &a);
    asynclift_analysis_diagnostic(y, i, &b);
    if (strcmp(a.code, b.code) != 0 || strcmp(a.message, b.message) != 0 ||
        a.severity != b.severity || a.unpositioned != b.unpositioned ||
        memcmp(&a.span, &b.span, sizeof a.span) != 0)
      return 0;
  }
  n = asynclift_analysis_async_site_count(x);
  if (n != asynclift_analysis_async_site_count(y)) return 0;
  for (size_t i = 0; i < n; ++i) {
    asynclift_async_site a, b;
    asynclift_analysis_async_site(x, i, &a);
    asynclift_analysis_async_site(y, i, &b);
    if (a.kind != b.kind || memcmp(&a.span, &b.span, sizeof a.span) != 0) return 0;
  }
  n = asynclift_analysis_module_binding_count(x);
  if (n != asynclift_analysis_module_binding_count(y)) return 0;
  for (size_t i = 0; i < n; ++i)
    if (strcmp(asynclift_analysis_module_binding(x, i, NULL),
               asynclift_analysis_module_binding(y, i, NULL)) != 0)
      return 0;
  return 1;
}

static void test_document_basics(void) {
  asynclift_document *doc = NULL;
  CHECK(asynclift_document_new("x = 1\n", 6, ASYNCLIFT_PYTHON_DEFAULT, 0, &doc) == ASYNCLIFT_OK);
  const asynclift_analysis *a = NULL;
  CHECK(asynclift_document_analysis(doc, &a) == ASYNCLIFT_OK && a);
  CHECK(!asynclift_analysis_needs_async(a) && !asynclift_analysis_has_errors(a));

  /* Append a top-level await. */
  CHECK(asynclift_document_edit(doc, 6, 6, "await y\n", 8) == ASYNCLIFT_OK);
  size_t length = 0;
  CHECK_STR(asynclift_document_text(doc, &length), "x = 1\nawait y\n");
  CHECK(length == 14);
  CHECK(asynclift_document_analysis(doc, &a) == ASYNCLIFT_OK);
  CHECK(asynclift_analysis_needs_async(a));
  asynclift_async_site s;
  CHECK(asynclift_analysis_async_site(a, 0, &s) && s.span.line == 2);

  /* Replace `x = 1` with a nonlocal at module level: an error, and no longer async. */
  CHECK(asynclift_document_edit(doc, 0, 5, "nonlocal x", 10) == ASYNCLIFT_OK);
  CHECK(asynclift_document_analysis(doc, &a) == ASYNCLIFT_OK);
  CHECK(asynclift_analysis_has_errors(a) && !asynclift_analysis_needs_async(a));
  asynclift_diagnostic d;
  CHECK(asynclift_analysis_diagnostic(a, 0, &d));
  CHECK_STR(d.message, "nonlocal declaration not allowed at module level");

  /* Offsets past the end clamp; begin > end is an insertion at begin. */
  CHECK(asynclift_document_edit(doc, 1000, 2000, "# end\n", 6) == ASYNCLIFT_OK);
  CHECK_STR(asynclift_document_text(doc, NULL), "nonlocal x\nawait y\n# end\n");
  CHECK(asynclift_document_edit(doc, 11, 3, "", 0) == ASYNCLIFT_OK);
  CHECK(asynclift_document_edit(doc, 0, 11, NULL, 0) == ASYNCLIFT_OK);
  CHECK_STR(asynclift_document_text(doc, NULL), "await y\n# end\n");
  CHECK(asynclift_document_analysis(doc, &a) == ASYNCLIFT_OK);
  CHECK(asynclift_analysis_needs_async(a) && !asynclift_analysis_has_errors(a));

  /* Errors. */
  CHECK(asynclift_document_edit(doc, 0, 0, NULL, 4) == ASYNCLIFT_ERROR_INVALID_ARGUMENT);
  CHECK(asynclift_document_edit(NULL, 0, 0, "x", 1) == ASYNCLIFT_ERROR_INVALID_ARGUMENT);
  CHECK(asynclift_document_analysis(NULL, &a) == ASYNCLIFT_ERROR_INVALID_ARGUMENT && !a);
  CHECK(asynclift_document_analysis(doc, NULL) == ASYNCLIFT_ERROR_INVALID_ARGUMENT);
  asynclift_document *bad = NULL;
  CHECK(asynclift_document_new("x", 1, (asynclift_python_version)2, 0, &bad) ==
        ASYNCLIFT_ERROR_INVALID_ARGUMENT && !bad);
  asynclift_document_free(doc);
  asynclift_document_free(NULL);
}

/* A small deterministic generator (so failures reproduce). */
static uint32_t rng_state = 12345;
static uint32_t next_random(void) {
  rng_state = rng_state * 1103515245u + 12345u;
  return (rng_state >> 8) & 0xffffffu;
}

/* Random edits, compared after each with a fresh analysis of the same text. */
static void test_document_random_edits(void) {
  static const char *const snippets[] = {
      "await x\n", "nonlocal q\n", "def g():\n    ", "return 1\n", "    ", "\n", "async ",
      "for i in y:\n    pass\n", "class C:\n    await z\n", "x = [a async for a in b]\n",
      "global x\n", "\xc3\xa9 = 1\n", "yield\n", "break\n", "(", ")", ":", "import *\n",
      "from __future__ import annotations\n", "lambda: (yield)\n", "match p:\n    case 1: pass\n",
  };
  const size_t snippet_count = sizeof snippets / sizeof snippets[0];
  const char *start =
      "import os\n"
      "def f(a, b):\n"
      "    x = a + b\n"
      "    def inner():\n"
      "        nonlocal x\n"
      "        return x\n"
      "    return inner\n"
      "class K:\n"
      "    y = 2\n"
      "await f(1, 2)()\n";
  static const asynclift_python_version targets[] = {ASYNCLIFT_PYTHON_3_8,
                                                     ASYNCLIFT_PYTHON_3_13};
  for (size_t t = 0; t < 2; ++t) {
    asynclift_document *doc = NULL;
    CHECK(asynclift_document_new(start, strlen(start), targets[t], 0, &doc) == ASYNCLIFT_OK);
    int mismatches = 0;
    for (int step = 0; step < 300 && mismatches < 3; ++step) {
      size_t length = 0;
      asynclift_document_text(doc, &length);
      size_t begin = length ? next_random() % (length + 1) : 0;
      size_t end = begin + (next_random() % 4 == 0 ? next_random() % 12 : 0);
      const char *insert = snippets[next_random() % snippet_count];
      size_t insert_length = next_random() % 5 == 0 ? 0 : strlen(insert);
      if (length > 600) { /* keep it small: delete a chunk instead */
        end = begin + 200;
        insert_length = 0;
      }
      CHECK(asynclift_document_edit(doc, begin, end, insert, insert_length) == ASYNCLIFT_OK);
      if (step % 3 == 2) continue; /* sometimes edit twice before asking */
      const asynclift_analysis *incremental = NULL;
      CHECK(asynclift_document_analysis(doc, &incremental) == ASYNCLIFT_OK);
      const char *text = asynclift_document_text(doc, &length);
      asynclift_analysis *fresh = NULL;
      CHECK(asynclift_analyse_text(text, length, targets[t], 0, &fresh) == ASYNCLIFT_OK);
      if (!same_analysis(incremental, fresh)) {
        fprintf(stderr, "document differs from a fresh analysis (target %s, step %d) for:\n%s\n",
                asynclift_python_version_name(targets[t]), step, text);
        ++mismatches;
        ++failures;
      }
      asynclift_analysis_free(fresh);
    }
    asynclift_document_free(doc);
  }
}

/* ---- lift --------------------------------------------------------------------------------- */

static void test_lift(void) {
  CHECK_STR(asynclift_lift_mode_name(ASYNCLIFT_LIFT_EXEC), "exec");
  CHECK_STR(asynclift_lift_mode_name(ASYNCLIFT_LIFT_INTERACTIVE), "interactive");
  CHECK_STR(asynclift_lift_mode_name(ASYNCLIFT_LIFT_LAST_EXPR), "last-expr");
  CHECK(asynclift_lift_mode_name((asynclift_lift_mode)7) == NULL);

  const char *src = "import asyncio\nx = await asyncio.sleep(0, 42)\n";
  asynclift_lift *l = NULL;
  CHECK(asynclift_lift_text(src, strlen(src), ASYNCLIFT_PYTHON_DEFAULT, ASYNCLIFT_LIFT_EXEC, NULL,
                            &l) == ASYNCLIFT_OK);
  CHECK(asynclift_lift_ok(l));
  size_t length = 0;
  const char *code = asynclift_lift_code(l, &length);
  CHECK(code && length == strlen(code));
  CHECK(strstr(code, "async def __async_exec__(") != NULL);
  CHECK(strstr(code, "await asyncio.sleep(0, 42)") != NULL);
  CHECK(asynclift_lift_line_offset(l) >= 1);
  const asynclift_analysis *a = asynclift_lift_analysis(l);
  CHECK(a && asynclift_analysis_needs_async(a));
  CHECK(asynclift_analysis_async_site_count(a) == 1);
  asynclift_lift_free(l);

  /* A custom wrapper name. */
  CHECK(asynclift_lift_text(src, strlen(src), ASYNCLIFT_PYTHON_3_9, ASYNCLIFT_LIFT_LAST_EXPR,
                            "__cell__", &l) == ASYNCLIFT_OK);
  CHECK(asynclift_lift_ok(l));
  CHECK(strstr(asynclift_lift_code(l, NULL), "async def __cell__(") != NULL);
  CHECK(asynclift_analysis_target(asynclift_lift_analysis(l)) == ASYNCLIFT_PYTHON_3_9);
  asynclift_lift_free(l);

  /* Source with errors is refused; the analysis says why. */
  const char *bad = "return 1\n";
  CHECK(asynclift_lift_bytes(bad, strlen(bad), ASYNCLIFT_PYTHON_DEFAULT, ASYNCLIFT_LIFT_EXEC, NULL,
                             &l) == ASYNCLIFT_OK);
  CHECK(!asynclift_lift_ok(l));
  CHECK(asynclift_lift_code(l, &length) && length == 0);
  a = asynclift_lift_analysis(l);
  asynclift_diagnostic d;
  CHECK(asynclift_analysis_diagnostic(a, 0, &d));
  CHECK_STR(d.message, "'return' outside function");
  asynclift_lift_free(l);

  /* The lift's own refusal: the source uses the wrapper's name. */
  const char *clash = "__async_exec__ = 1\nawait x\n";
  CHECK(asynclift_lift_text(clash, strlen(clash), ASYNCLIFT_PYTHON_DEFAULT, ASYNCLIFT_LIFT_EXEC,
                            NULL, &l) == ASYNCLIFT_OK);
  CHECK(!asynclift_lift_ok(l));
  CHECK(!asynclift_analysis_has_errors(asynclift_lift_analysis(l)));
  CHECK(asynclift_lift_diagnostic_count(l) >= 1);
  CHECK(asynclift_lift_diagnostic(l, 0, &d));
  CHECK(d.severity == ASYNCLIFT_SEVERITY_ERROR && d.code && d.code[0] && d.message[0]);
  CHECK(!asynclift_lift_diagnostic(l, 99, &d));
  asynclift_lift_free(l);

  /* Errors. */
  l = (asynclift_lift *)&l;
  CHECK(asynclift_lift_text(src, strlen(src), ASYNCLIFT_PYTHON_DEFAULT, (asynclift_lift_mode)9,
                            NULL, &l) == ASYNCLIFT_ERROR_INVALID_ARGUMENT);
  CHECK(l == NULL);
  CHECK(asynclift_lift_text(NULL, 3, ASYNCLIFT_PYTHON_DEFAULT, ASYNCLIFT_LIFT_EXEC, NULL, &l) ==
        ASYNCLIFT_ERROR_INVALID_ARGUMENT);
  CHECK(!asynclift_lift_ok(NULL) && asynclift_lift_analysis(NULL) == NULL);
  asynclift_lift_free(NULL);
}

/* ---- threads ------------------------------------------------------------------------------ */

#ifndef __STDC_NO_THREADS__
static int thread_body(void *arg) {
  int bad = 0;
  asynclift_analyser *engine = NULL;
  if (asynclift_analyser_new(&engine) != ASYNCLIFT_OK) return 1;
  const asynclift_analysis *shared = arg; /* read concurrently by every thread */
  for (int i = 0; i < 200; ++i) {
    asynclift_analysis *a = NULL;
    const char *src = (i % 2) ? "await x\n" : "x = 1\ndef f():\n    nonlocal x\n";
    if (asynclift_analyser_analyse_text(engine, src, strlen(src), 0, 0, &a) != ASYNCLIFT_OK)
      return 1;
    bad += asynclift_analysis_needs_async(a) != (i % 2);
    asynclift_analysis_free(a);
    bad += asynclift_needs_async(src, strlen(src), 0, 0) != (i % 2);
    asynclift_diagnostic d;
    bad += !asynclift_analysis_diagnostic(shared, 0, &d) || d.span.line != 3;
  }
  asynclift_analyser_free(engine);
  return bad;
}

static void test_threads(void) {
  asynclift_analysis *shared = analyse("x = 1\ndef f():\n    nonlocal x\n", 0, 0);
  thrd_t threads[4];
  for (int i = 0; i < 4; ++i) CHECK(thrd_create(&threads[i], thread_body, shared) == thrd_success);
  for (int i = 0; i < 4; ++i) {
    int result = -1;
    CHECK(thrd_join(threads[i], &result) == thrd_success);
    CHECK(result == 0);
  }
  asynclift_analysis_free(shared);
}
#endif

/* ------------------------------------------------------------------------------------------ */

struct test {
  const char *name;
  void (*run)(void);
};

int main(int argc, char **argv) {
  static const struct test tests[] = {
      {"versions", test_versions},
      {"names", test_names},
      {"nonlocal_without_binding", test_nonlocal_without_binding},
      {"async_sites", test_async_sites},
      {"unicode_columns", test_unicode_columns},
      {"unpositioned", test_unpositioned},
      {"plain_module_flag", test_plain_module_flag},
      {"bytes", test_bytes},
      {"analyser_reuse", test_analyser_reuse},
      {"needs_async", test_needs_async},
      {"invalid_arguments", test_invalid_arguments},
      {"document_basics", test_document_basics},
      {"document_random_edits", test_document_random_edits},
      {"lift", test_lift},
#ifndef __STDC_NO_THREADS__
      {"threads", test_threads},
#endif
  };
  int ran = 0;
  for (size_t i = 0; i < sizeof tests / sizeof tests[0]; ++i) {
    if (argc > 1 && strcmp(argv[1], tests[i].name) != 0) continue;
    int before = failures;
    tests[i].run();
    printf("%s %s\n", failures == before ? "PASS" : "FAIL", tests[i].name);
    ++ran;
  }
  if (!ran) {
    fprintf(stderr, "no test named %s\n", argc > 1 ? argv[1] : "");
    return 2;
  }
  return failures ? 1 : 0;
}
