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

// Length of the valid UTF-8 sequence at s[0], or 0 when it is invalid.
std::size_t utf8_sequence_length(std::string_view s) noexcept;

}  // namespace asynclift::detail
