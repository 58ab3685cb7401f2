// Fuzz target: bytes → analysis, for every target version.
//
// Input layout: byte 0 chooses the run — its value modulo 6 is the target version (3.8 …
// 3.13), bit 6 analyses the rest as already-decoded text (analyse_text, what editors and the
// C API pass, invalid UTF-8 included) instead of file bytes (analyse_bytes: BOM, coding
// cookie), bit 7 analyses it as a plain module (no top-level await). The rest is the source.
//
// Checked: no crash, hang or sanitizer report; the invariants of fuzz_support.hpp; a reused
// analyser answers exactly as a fresh one; and the needs_async() fast path agrees with the
// full analysis of the same text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "asynclift/analysis.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace asynclift;
  if (size == 0) return 0;
  analyse_options options;
  options.target = fuzz::version_from(data[0]);
  options.allow_top_level_await = (data[0] & 0x80) == 0;
  const bool as_text = (data[0] & 0x40) != 0;
  std::string_view source(reinterpret_cast<const char*>(data) + 1, size - 1);

  static analyser reused;  // the same parser across inputs, as a REPL keeps it
  analysis a = as_text ? reused.analyse_text(std::string(source), options)
                       : reused.analyse_bytes(source, options);
  fuzz::check_analysis(a, options);

  analysis fresh = as_text ? analyse_text(std::string(source), options) : analyse_bytes(source, options);
  ASYNCLIFT_FUZZ_CHECK(fuzz::describe(a) == fuzz::describe(fresh),
                       "a reused analyser must answer as a fresh one:\n" + fuzz::describe(a) +
                           "---\n" + fuzz::describe(fresh));

  if (as_text) {
    bool verdict = needs_async(source, options);
    ASYNCLIFT_FUZZ_CHECK(verdict == (a.needs_async && !a.has_errors()),
                         "needs_async() must agree with the analysis: " + fuzz::describe(a));
  }
  return 0;
}
