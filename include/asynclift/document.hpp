// asynclift — an editable document for editors and REPLs: apply edits, get the analysis of
// the current text. While the text has no syntax error, only the top-level statements an edit
// touched are parsed and analysed again (a one-line edit in a 10,000-line module: well under a
// millisecond). A text with a syntax error is parsed whole, as a fresh analysis parses it
// (tree-sitter's error recovery can end differently on an incremental parse), and only the
// scope analysis of unchanged statements is reused. The result always equals a fresh analysis
// of the same text.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "asynclift/analysis.hpp"

namespace asynclift {

namespace detail {
struct document_state;
}

// Not thread-safe: one thread at a time per document (separate documents are independent).
class document {
 public:
  // `text` is UTF-8 (an editor buffer); positions in edits and results are byte offsets.
  explicit document(std::string text, const analyse_options& options = {});
  ~document();
  document(document&&) noexcept;
  document& operator=(document&&) noexcept;
  document(const document&) = delete;
  document& operator=(const document&) = delete;

  // Replaces the bytes [begin, end) of the current text with `replacement`. Offsets past the
  // end are clamped to the end; begin > end is treated as begin == end.
  void edit(std::uint32_t begin, std::uint32_t end, std::string_view replacement);

  const std::string& text() const noexcept;
  const analyse_options& options() const noexcept;

  // The analysis of the current text; computed on first use after an edit. The reference
  // stays valid until the next edit.
  const analysis& result();

 private:
  std::unique_ptr<detail::document_state> state_;
};

}  // namespace asynclift
