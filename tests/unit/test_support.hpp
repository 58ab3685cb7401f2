// Helpers shared by the unit tests.
#pragma once

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "asynclift/analysis.hpp"

namespace asynclift::test_support {

// A test whose expectation is CPython's behaviour but asynclift is still wrong: while
// `asynclift_is_right` is false the test is reported as skipped with the reason (it never
// passes silently); once asynclift is fixed the test runs and passes, and the marker can go.
#define ASYNCLIFT_KNOWN_FAILURE(asynclift_is_right, reason)                          \
  do {                                                                               \
    if (!(asynclift_is_right)) GTEST_SKIP() << "known failure (asynclift bug): " << reason; \
  } while (false)

inline const python_version all_versions[] = {python_version::v3_8,  python_version::v3_9,
                                              python_version::v3_10, python_version::v3_11,
                                              python_version::v3_12, python_version::v3_13};

inline analysis check(std::string source, python_version v = default_python_version,
                      bool allow_top_level_await = true) {
  analyse_options o;
  o.target = v;
  o.allow_top_level_await = allow_top_level_await;
  return analyse_text(std::move(source), o);
}

// The line CPython reports for a diagnostic: 0 when it is unpositioned (3.8/3.9 quirks).
inline std::uint32_t line_of(const analysis& a, const diagnostic& d) {
  return d.unpositioned ? 0 : a.source.locate(d.range.begin).line;
}

inline std::uint32_t column_of(const analysis& a, const diagnostic& d) {
  return a.source.locate(d.range.begin).column;
}

inline std::vector<const diagnostic*> errors_of(const analysis& a) {
  std::vector<const diagnostic*> out;
  for (const diagnostic& d : a.diagnostics)
    if (d.level == severity::error) out.push_back(&d);
  return out;
}

// "message @line" for every error, in order: compact, and readable in a failure message.
inline std::vector<std::string> error_lines(const analysis& a) {
  std::vector<std::string> out;
  for (const diagnostic* d : errors_of(a))
    out.push_back(d->message + " @" + std::to_string(line_of(a, *d)));
  return out;
}

// Everything an analysis says, as text: used to compare analyses for equality.
inline std::string describe(const analysis& a) {
  std::ostringstream out;
  out << "target=" << to_string(a.target) << " needs_async=" << a.needs_async << '\n';
  for (const async_site& s : a.async_sites)
    out << "site " << to_string(s.kind) << ' ' << s.range.begin << '-' << s.range.end << '\n';
  for (const diagnostic& d : a.diagnostics)
    out << to_string(d.level) << ' ' << d.code << ' ' << d.range.begin << '-' << d.range.end
        << (d.unpositioned ? " unpositioned " : " ") << d.message << '\n';
  out << "bindings";
  for (const std::string& b : a.module_bindings) out << ' ' << b;
  out << '\n';
  return out.str();
}

inline std::string text_of(const analysis& a, text_range r) {
  return a.source.text().substr(r.begin, r.end - r.begin);
}

}  // namespace asynclift::test_support
