// JSON strings with lone UTF-16 surrogates (internal).
//
// JSON allows any \uXXXX escape, so `"\ud800"` is valid JSON, and Python's json (hence Jupyter)
// reads it as a str holding a lone surrogate. simdjson refuses such a string (its strings are
// UTF-8, which cannot hold a surrogate), and so does every JSON library on Debian. This is the
// fallback for that one case only: every other string is unescaped by simdjson.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "asynclift/notebook.hpp"

namespace asynclift::detail {

// Unescapes the JSON string token `token` (with its quotes; trailing whitespace allowed),
// appending to `out`. A lone surrogate becomes U+FFFD (3 bytes, as many as the surrogate's own
// encoding would take) and is recorded in `lone` with its offset in `out`. Returns false when
// the token is not a JSON string.
bool unescape_with_lone_surrogates(std::string_view token, std::string& out,
                                   std::vector<lone_surrogate>& lone);

}  // namespace asynclift::detail
