/*
 * Example: check Python files with asynclift's C API (C11).
 *
 * For each file, prints whether it needs async execution (as CPython would decide it when
 * compiling the file with ast.PyCF_ALLOW_TOP_LEVEL_AWAIT), the constructs that make it async,
 * and every diagnostic CPython would raise, in the usual `path:line:column:` form:
 *
 *   asynclift_example_c [--target-version 3.X] FILE...
 *
 * Exit status: 0 when no file has errors, 1 when one has, 2 on a usage error or an unreadable
 * file. The C++ example (examples/cpp/check_file.cpp) prints exactly the same lines.
 */
#include <asynclift/asynclift.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole file into a malloc'd buffer; NULL on failure. */
static char *read_file(const char *path, size_t *length) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t capacity = 4096, size = 0;
  char *data = malloc(capacity);
  while (data) {
    size += fread(data + size, 1, capacity - size, f);
    if (size < capacity) break;
    char *bigger = realloc(data, capacity *= 2);
    if (!bigger) free(data);
    data = bigger;
  }
  if (data && ferror(f)) {
    free(data);
    data = NULL;
  }
  fclose(f);
  *length = size;
  return data;
}

/* Reports one analysis; returns 1 when it has no error diagnostic. */
static int report(const char *path, const asynclift_analysis *a) {
  int errors = asynclift_analysis_has_errors(a);
  printf("%s: %s (Python %s)\n", path,
         errors ? "has errors"
                : asynclift_analysis_needs_async(a) ? "needs async" : "does not need async",
         asynclift_python_version_name(asynclift_analysis_target(a)));

  asynclift_async_site site;
  for (size_t i = 0; asynclift_analysis_async_site(a, i, &site); ++i)
    printf("%s:%u:%u: async: %s (to %u:%u)\n", path, (unsigned)site.span.line,
           (unsigned)site.span.column, asynclift_async_kind_name(site.kind),
           (unsigned)site.span.end_line, (unsigned)site.span.end_column);

  asynclift_diagnostic d;
  for (size_t i = 0; asynclift_analysis_diagnostic(a, i, &d); ++i) {
    /* CPython 3.8/3.9 give a few errors no position: line 0, column 1, as CPython prints. */
    unsigned line = d.unpositioned ? 0u : (unsigned)d.span.line;
    unsigned column = d.unpositioned ? 1u : (unsigned)d.span.column;
    printf("%s:%u:%u: %s: %s [%s]\n", path, line, column,
           asynclift_severity_name(d.severity), d.message, d.code);
  }
  return !errors;
}

int main(int argc, char **argv) {
  asynclift_python_version target = ASYNCLIFT_PYTHON_DEFAULT;
  int first_path = 1;
  if (argc > 1 && strcmp(argv[1], "--version") == 0) {
    printf("asynclift %s\n", asynclift_version());
    return 0;
  }
  if (argc > 2 && strcmp(argv[1], "--target-version") == 0) {
    if (asynclift_python_version_parse(argv[2], &target) != ASYNCLIFT_OK) {
      fprintf(stderr, "unsupported target version %s\n", argv[2]);
      return 2;
    }
    first_path = 3;
  }
  if (first_path >= argc) {
    fprintf(stderr, "usage: %s [--target-version 3.X] FILE...\n", argv[0]);
    return 2;
  }

  asynclift_analyser *engine = NULL; /* reuses one parser for all files */
  if (asynclift_analyser_new(&engine) != ASYNCLIFT_OK) {
    fprintf(stderr, "asynclift: %s\n", asynclift_last_error());
    return 2;
  }
  int status = 0;
  for (int i = first_path; i < argc; ++i) {
    size_t length = 0;
    char *bytes = read_file(argv[i], &length);
    if (!bytes) {
      fprintf(stderr, "%s: cannot read\n", argv[i]);
      status = 2;
      continue;
    }
    /* Bytes as Python reads a file: BOM and coding cookie are honoured. */
    asynclift_analysis *a = NULL;
    asynclift_status s =
        asynclift_analyser_analyse_bytes(engine, bytes, length, target, ASYNCLIFT_FLAGS_NONE, &a);
    free(bytes); /* the analysis keeps its own copy of the text */
    if (s != ASYNCLIFT_OK) {
      fprintf(stderr, "%s: %s: %s\n", argv[i], asynclift_status_name(s), asynclift_last_error());
      status = 2;
      continue;
    }
    if (!report(argv[i], a) && status == 0) status = 1;
    asynclift_analysis_free(a);
  }
  asynclift_analyser_free(engine);
  return status;
}
