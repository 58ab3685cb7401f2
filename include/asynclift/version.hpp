// asynclift — target Python versions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace asynclift {

// The CPython versions whose behaviour asynclift reproduces. The value is the minor version.
enum class python_version : unsigned char {
  v3_8 = 8,
  v3_9 = 9,
  v3_10 = 10,
  v3_11 = 11,
  v3_12 = 12,
  v3_13 = 13,
};

inline constexpr python_version oldest_python_version = python_version::v3_8;
inline constexpr python_version newest_python_version = python_version::v3_13;
inline constexpr python_version default_python_version = python_version::v3_13;

// "3.8" … "3.13" → the version; anything else → nullopt.
std::optional<python_version> parse_python_version(std::string_view text) noexcept;

// The version as "3.X".
std::string to_string(python_version v);

constexpr int minor(python_version v) noexcept { return static_cast<int>(v); }

// asynclift's own version, "MAJOR.MINOR.PATCH".
std::string_view library_version() noexcept;

}  // namespace asynclift
