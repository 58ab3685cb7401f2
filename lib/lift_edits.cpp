// Applying the lift's edits: sort them by position (insertions by rank, before a replacement
// at the same offset), check that no two replacements overlap, and splice.
#include "lift_edits.hpp"

#include <algorithm>
#include <stdexcept>

namespace asynclift::detail {
namespace {

std::vector<const edit*> sorted(const std::vector<edit>& edits) {
  std::vector<const edit*> v;
  v.reserve(edits.size());
  for (const edit& e : edits) v.push_back(&e);
  std::stable_sort(v.begin(), v.end(), [](const edit* a, const edit* b) {
    if (a->begin != b->begin) return a->begin < b->begin;
    const bool ia = a->begin == a->end, ib = b->begin == b->end;
    if (ia != ib) return ia;  // insertions first
    return a->rank < b->rank;
  });
  return v;
}

}  // namespace

std::uint32_t count_newlines(std::string_view s) noexcept {
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n') ++n;
    else if (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n')) ++n;
  }
  return n;
}

std::string edit_list::apply(std::string_view text) const {
  std::string out;
  out.reserve(text.size() + text.size() / 8 + 256);
  std::uint32_t pos = 0;
  for (const edit* e : sorted(edits_)) {
    if (e->begin < pos || e->end < e->begin || e->end > text.size())
      throw std::logic_error("asynclift: overlapping lift edits");
    out.append(text.substr(pos, e->begin - pos));
    out += e->text;
    pos = e->end;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace asynclift::detail
