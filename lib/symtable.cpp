#include "symtable.hpp"

namespace asynclift::detail {

std::uint64_t symbol_table::hash(std::uint32_t scope, std::string_view name) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL ^ (static_cast<std::uint64_t>(scope) * 0x9E3779B97F4A7C15ULL);
  for (unsigned char c : name) h = (h ^ c) * 0x100000001b3ULL;
  return h ^ (h >> 29);
}

void symbol_table::rehash(std::size_t capacity) {
  slots_.assign(capacity, 0);
  const std::size_t mask = capacity - 1;
  for (std::uint32_t i = 0; i < symbols_.size(); ++i) {
    std::size_t s = hash(symbols_[i].scope, symbols_[i].name) & mask;
    while (slots_[s] != 0) s = (s + 1) & mask;
    slots_[s] = i + 1;
  }
}

std::uint32_t symbol_table::find(std::uint32_t scope, std::string_view name) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t s = hash(scope, name) & mask;; s = (s + 1) & mask) {
    std::uint32_t v = slots_[s];
    if (v == 0) return no_offset;
    const symbol& sym = symbols_[v - 1];
    if (sym.scope == scope && sym.name == name) return v - 1;
  }
}

std::uint32_t symbol_table::intern(std::uint32_t scope, std::string_view name) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t s = hash(scope, name) & mask;
  for (;; s = (s + 1) & mask) {
    std::uint32_t v = slots_[s];
    if (v == 0) break;
    const symbol& sym = symbols_[v - 1];
    if (sym.scope == scope && sym.name == name) return v - 1;
  }
  auto index = static_cast<std::uint32_t>(symbols_.size());
  symbols_.push_back(symbol{scope, name});
  slots_[s] = index + 1;
  if (symbols_.size() * 2 > slots_.size()) rehash(slots_.size() * 2);
  return index;
}

}  // namespace asynclift::detail
