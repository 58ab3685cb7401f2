#include "utf8.hpp"

namespace asynclift::detail {
namespace {

// Returns the sequence length (1-4) when valid; 0 otherwise with `why` set and `good` = the
// bytes Python's codec names in its error (the start byte and the continuation bytes that were
// right, or every byte up to the end of the data).
std::size_t check(std::string_view s, const char** why, std::size_t* good = nullptr) noexcept {
  auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = b(0);
  if (c < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *why = "invalid start byte";
    if (good) *good = 1;
    return 0;
  }
  for (std::size_t i = 1; i < n; ++i) {
    if (i >= s.size()) {
      *why = "unexpected end of data";
      if (good) *good = i;
      return 0;
    }
    unsigned char d = b(i);
    unsigned char l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
    if (d < l || d > h) {
      *why = "invalid continuation byte";
      if (good) *good = i;
      return 0;
    }
  }
  return n;
}

}  // namespace

std::size_t first_invalid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    // Fast path over ASCII, 8 bytes at a time.
    while (i + 8 <= n) {
      unsigned long long w;
      __builtin_memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const char* why = nullptr;
    std::size_t len = check(s.substr(i), &why);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

const char* utf8_error_reason(std::string_view s) noexcept {
  const char* why = "invalid start byte";
  if (!s.empty()) check(s, &why);
  return why;
}

utf8_error utf8_error_at(std::string_view s) noexcept {
  utf8_error e{"invalid start byte", 1};
  if (!s.empty()) check(s, &e.reason, &e.length);
  return e;
}

std::size_t utf8_sequence_length(std::string_view s) noexcept {
  const char* why = nullptr;
  return s.empty() ? 0 : check(s, &why);
}

}  // namespace asynclift::detail
