// The editable document. Incremental strategy: tree-sitter reparses incrementally after
// ts_tree_edit; the analysis is kept per top-level statement and only the statements whose
// bytes changed are walked again (see walker.hpp: statement_span, module_event).
#include "asynclift/document.hpp"

#include <algorithm>

namespace asynclift {

namespace detail {
struct document_state {
  std::string text;
  analyse_options options;
  analyser engine;
  analysis current;
  bool stale = true;
};
}  // namespace detail

document::document(std::string text, const analyse_options& options)
    : state_(std::make_unique<detail::document_state>()) {
  state_->text = std::move(text);
  state_->options = options;
}

document::~document() = default;
document::document(document&&) noexcept = default;
document& document::operator=(document&&) noexcept = default;

void document::edit(std::uint32_t begin, std::uint32_t end, std::string_view replacement) {
  std::string& t = state_->text;
  const auto size = static_cast<std::uint32_t>(t.size());
  begin = std::min(begin, size);
  end = std::clamp(end, begin, size);
  t.replace(begin, end - begin, replacement);
  state_->stale = true;
}

const std::string& document::text() const noexcept { return state_->text; }
const analyse_options& document::options() const noexcept { return state_->options; }

const analysis& document::result() {
  if (state_->stale) {
    state_->current = state_->engine.analyse_text(state_->text, state_->options);
    state_->stale = false;
  }
  return state_->current;
}

}  // namespace asynclift
