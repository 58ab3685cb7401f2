// Writing the lifted text back in the source's own encoding (internal).
#pragma once

#include <string>

namespace asynclift::detail {

// Converts UTF-8 `text` to `encoding` (a PEP 263 name as source_text::encoding() gives it).
// Returns false, with `error` set, when iconv does not know the encoding or a character has
// no representation in it.
bool encode_as(std::string& text, const std::string& encoding, std::string& error);

}  // namespace asynclift::detail
