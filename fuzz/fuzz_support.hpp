// Shared pieces of the fuzz targets: decoding options from the input's first byte, the
// invariants every analysis must satisfy whatever its input, and a comparison of two analyses
// field by field. A broken invariant prints what broke and aborts, which libFuzzer (and the
// regression replay in tests/hostile/) reports as a crash with the input that caused it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "asynclift/analysis.hpp"

namespace asynclift::fuzz {

// Aborts with a message when `condition` is false; never compiled out.
#define ASYNCLIFT_FUZZ_CHECK(condition, what)                                             \
  do {                                                                                   \
    if (!(condition)) ::asynclift::fuzz::fail(__FILE__, __LINE__, #condition, (what));   \
  } while (false)

[[noreturn]] inline void fail(const char* file, int line, const char* condition, std::string_view what) {
  std::fprintf(stderr, "%s:%d: invariant broken: %s\n  %.*s\n", file, line, condition,
               static_cast<int>(what.size()), what.data());
  std::fflush(stderr);
  std::abort();
}

// Known bugs that the fuzzers step over, so that a long run can go on finding other ones.
// Each has a regression input under tests/hostile/regressions/ that the ctest
// hostile.known.<name> replays with ASYNCLIFT_FUZZ_STRICT=1, which turns every tolerance off
// (label known-failure: it fails until the bug is fixed; then the tolerance goes).
inline bool tolerated(std::string_view /*known_bug*/) {
  static const bool strict = std::getenv("ASYNCLIFT_FUZZ_STRICT") != nullptr;
  return !strict;
}


// The target version from a byte: 3.8 … 3.13, every value maps to one.
inline python_version version_from(std::uint8_t byte) {
  return static_cast<python_version>(minor(oldest_python_version) + byte % 6);
}

// Everything an analysis says, as text, for equality checks and readable failure messages.
inline std::string describe(const analysis& a) {
  std::string s = "target=" + to_string(a.target) + " needs_async=" + std::to_string(a.needs_async) +
                  " incomplete=" + std::to_string(a.incomplete) + "\n";
  for (const async_site& site : a.async_sites)
    s += "site " + std::string(to_string(site.kind)) + " " + std::to_string(site.range.begin) + "-" +
         std::to_string(site.range.end) + "\n";
  for (const diagnostic& d : a.diagnostics)
    s += std::string(to_string(d.level)) + " " + std::string(d.code) + " " + std::to_string(d.range.begin) +
         "-" + std::to_string(d.range.end) + (d.unpositioned ? " unpositioned " : " ") + d.message + "\n";
  s += "bindings";
  for (const std::string& b : a.module_bindings) s += " " + b;
  s += "\nlines";
  for (std::uint32_t line = 1; line <= a.source.line_count(); ++line)
    s.append(" ").append(std::to_string(a.source.line_start(line)));
  s += "\n";
  return s;
}

// The text escaped for a failure message (printable ASCII as is), cut after 2000 bytes.
inline std::string shown(std::string_view text) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < 2000; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') out += "\\n\n";
    else if (c == '\\') out += "\\\\";
    else if (c >= 0x20 && c < 0x7f) out += static_cast<char>(c);
    else out += std::string("\\x") + hex[c >> 4] + hex[c & 15];
  }
  if (text.size() > 2000) out += "…(" + std::to_string(text.size()) + " bytes)";
  return out;
}

inline bool range_inside(text_range r, std::size_t size) {
  return r.begin <= r.end && r.end <= size;
}

// What holds for every analysis of every input (analysis.hpp, source.hpp).
inline void check_analysis(const analysis& a, const analyse_options& options) {
  const std::string& text = a.source.text();
  auto what = [&](std::string_view rule) {
    return std::string(rule) + "\n--- text:\n" + shown(text) + "\n--- analysis:\n" + describe(a);
  };
  ASYNCLIFT_FUZZ_CHECK(a.target == options.target, "the analysis is for the requested version");
  ASYNCLIFT_FUZZ_CHECK(a.source.line_count() >= 1, "every text has at least one line");
  ASYNCLIFT_FUZZ_CHECK(a.source.line_start(1) == 0, "line 1 starts at offset 0");
  if (!a.source.ok()) {
    ASYNCLIFT_FUZZ_CHECK(text.empty() || a.source.error().place != decode_place::file,
                         "undecodable bytes give an empty text, unless the error has a token");
    ASYNCLIFT_FUZZ_CHECK(a.source.error().token_begin <= a.source.error().token_end &&
                             a.source.error().token_end <= text.size(),
                         "the undecodable token lies inside the text");
    ASYNCLIFT_FUZZ_CHECK(a.has_errors(), "undecodable bytes give an error diagnostic");
  }
  std::uint32_t last_begin = 0;
  for (const diagnostic& d : a.diagnostics) {
    ASYNCLIFT_FUZZ_CHECK(range_inside(d.range, text.size()), what("diagnostic range inside the text"));
    ASYNCLIFT_FUZZ_CHECK(!d.message.empty(), "every diagnostic has a message");
    ASYNCLIFT_FUZZ_CHECK(!d.code.empty(), "every diagnostic has a code");
    ASYNCLIFT_FUZZ_CHECK(d.range.begin >= last_begin, what("diagnostics sorted by position"));
    last_begin = d.range.begin;
    location at = a.source.locate(d.range.begin);
    ASYNCLIFT_FUZZ_CHECK(at.line >= 1 && at.line <= a.source.line_count(), "diagnostic line exists");
    ASYNCLIFT_FUZZ_CHECK(at.column >= 1, "columns are 1-based");
  }
  std::uint32_t last_site = 0;
  for (const async_site& site : a.async_sites) {
    ASYNCLIFT_FUZZ_CHECK(range_inside(site.range, text.size()), what("async site inside the text"));
    ASYNCLIFT_FUZZ_CHECK(site.range.begin >= last_site, what("async sites in source order"));
    last_site = site.range.begin;
  }
  if (a.incomplete) ASYNCLIFT_FUZZ_CHECK(a.has_errors(), "incomplete implies has_errors()");
  if (!options.allow_top_level_await && !a.has_errors())
    ASYNCLIFT_FUZZ_CHECK(!a.needs_async, "a plain module without errors never needs async");
  // locate() clamps offsets past the end and never fails.
  location end = a.source.locate(static_cast<std::uint32_t>(text.size()) + 7);
  ASYNCLIFT_FUZZ_CHECK(end.line == a.source.line_count(), "offsets past the end clamp to the last line");
}

}  // namespace asynclift::fuzz
