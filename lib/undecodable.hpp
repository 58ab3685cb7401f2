// Bytes that are not UTF-8, found the way CPython meets them (internal).
//
// CPython's tokenizer works on bytes and decodes each token only when the parser turns it into
// a value: a comment is never decoded, a bytes literal is checked for ASCII only, a string is
// decoded body by body (or, when it has escapes, each run of non-ASCII bytes on its own), a name
// as a whole. Its codec error therefore counts positions from the start of that piece, and its
// wording depends on the kind of token (and, for names and f-strings, on the version).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "asynclift/source.hpp"

namespace asynclift::detail {

struct undecodable {
  // Where the first bad byte that CPython refuses is; `file` when there is none.
  decode_place place = decode_place::file;
  std::size_t at = 0;                          // offset of that byte
  std::size_t token_begin = 0, token_end = 0;  // the token holding it
  // The piece CPython 3.8-3.11 decode as one (positions count from its start), and the piece
  // 3.12+ decode (they differ for f-string literal parts only).
  std::size_t piece_begin = 0, piece_end = 0;
  std::size_t piece_begin_312 = 0, piece_end_312 = 0;
  // Bad bytes CPython accepts or words differently: inside comments (accepted) and inside bytes
  // literals ("bytes can only contain ASCII literal characters"). Read as '?'.
  std::vector<std::size_t> tolerated;
  std::vector<std::pair<std::size_t, std::size_t>> bytes_literals;  // token ranges
};

// Scans `bytes` (UTF-8 expected, BOM removed) for bytes that are not UTF-8.
undecodable find_undecodable(std::string_view bytes);

// Python's codec error text for decoding bytes[begin, end) whose first bad byte is `at`:
// "byte 0xff in position 2: invalid start byte", "bytes in position 1-2: unexpected end of data".
std::string codec_error_detail(std::string_view bytes, std::size_t begin, std::size_t end,
                               std::size_t at);

}  // namespace asynclift::detail
