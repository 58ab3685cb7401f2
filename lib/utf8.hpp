// UTF-8 validation helpers (internal).
#pragma once

#include <cstddef>
#include <string_view>

namespace asynclift::detail {

// Offset of the first byte that does not start a valid UTF-8 sequence (overlongs, surrogates
// and code points past U+10FFFF are invalid, as in Python's codec), or npos.
std::size_t first_invalid_utf8(std::string_view s) noexcept;

// Python's reason text for the invalid sequence starting at s[0]: "invalid start byte",
// "invalid continuation byte" or "unexpected end of data".
const char* utf8_error_reason(std::string_view s) noexcept;

// Python's codec error for the invalid sequence starting at s[0] (s ends where the decoded
// data ends): its reason, and how many bytes the error names ("byte 0xc3 in position 1" when 1,
// "bytes in position 1-2" when 2).
struct utf8_error {
  const char* reason;
  std::size_t length;
};
utf8_error utf8_error_at(std::string_view s) noexcept;

// Length of the valid UTF-8 sequence at s[0], or 0 when it is invalid.
std::size_t utf8_sequence_length(std::string_view s) noexcept;

}  // namespace asynclift::detail
