// Fuzz target: bytes → lifted text or diagnostics.
//
// Input layout: byte 0 chooses the run — its value modulo 6 is the target version (3.8 …
// 3.13), (byte 0 / 6) modulo 3 the mode (exec, interactive, last-expr), bit 7 lifts the rest
// as already-decoded text (lift_text) instead of file bytes (lift). The rest is the source.
//
// Checked: no crash, hang or sanitizer report; a lift is refused exactly when the source has
// errors or the lift says why; a refused lift has no code; lifting a prepared analysis gives
// the same text; and the lifted text, analysed as a plain module (no top-level await) for the
// same version, has no error — the lift never emits code that CPython would reject (the
// ctest hostile.lift_compiles checks the same with CPython itself on a sample).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "asynclift/lift.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace asynclift;
  if (size == 0) return 0;
  lift_options options;
  options.target = fuzz::version_from(data[0]);
  options.mode = static_cast<lift_mode>((data[0] / 6) % 3);
  const bool as_text = (data[0] & 0x80) != 0;
  std::string_view source(reinterpret_cast<const char*>(data) + 1, size - 1);

  lift_result r = as_text ? lift_text(std::string(source), options) : lift(source, options);
  analyse_options ao;
  ao.target = options.target;
  fuzz::check_analysis(r.analysis, ao);

  bool lift_error = false;
  for (const diagnostic& d : r.diagnostics) {
    ASYNCLIFT_FUZZ_CHECK(fuzz::range_inside(d.range, r.analysis.source.text().size()),
                         "lift diagnostic inside the text");
    lift_error = lift_error || d.level == severity::error;
  }
  ASYNCLIFT_FUZZ_CHECK(r.ok == (!r.analysis.has_errors() && !lift_error),
                       "refused exactly when there is an error: " + fuzz::describe(r.analysis));
  if (!r.ok) {
    ASYNCLIFT_FUZZ_CHECK(r.code.empty(), "a refused lift has no code");
    return 0;
  }
  ASYNCLIFT_FUZZ_CHECK(r.code.find(options.wrapper) != std::string::npos, "the lift defines the wrapper");

  lift_result again = lift(r.analysis, options);
  ASYNCLIFT_FUZZ_CHECK(again.ok && again.code == r.code,
                       "lift(analysis) must equal lift(source):\n" + r.code + "\n---\n" + again.code);

  analyse_options plain;
  plain.target = options.target;
  plain.allow_top_level_await = false;
  analysis lifted = as_text ? analyse_text(r.code, plain) : analyse_bytes(r.code, plain);
  fuzz::check_analysis(lifted, plain);
  bool lifted_errors = false;
  for (const diagnostic& d : lifted.diagnostics) lifted_errors = lifted_errors || d.level == severity::error;
  ASYNCLIFT_FUZZ_CHECK(!lifted_errors,
                       "the lifted text must be valid plain module code; source:\n" + std::string(source) +
                           "\n--- lifted:\n" + r.code + "\n--- analysis of the lifted text:\n" +
                           fuzz::describe(lifted));
  return 0;
}
