// asynclift — Python source as CPython reads it: bytes decoded to UTF-8 (BOM, PEP 263
// coding cookies), and the line index that turns byte offsets into 1-based line and
// code-point column, which is how CPython's SyntaxError counts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace asynclift {

// A half-open byte range [begin, end) into source_text::text().
struct text_range {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  friend bool operator==(const text_range&, const text_range&) = default;
};

// 1-based line, 1-based column counted in Unicode code points.
struct location {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  friend bool operator==(const location&, const location&) = default;
};

// The kind of token holding bytes that are not UTF-8. CPython decodes a file token by token and
// words the error by the token: a name, a string, or (3.9-3.11, 3.12+) a part of an f-string.
// `file`: the problem is the whole input (an unknown encoding, bytes the cookie's codec refuses).
enum class decode_place : unsigned char { file, code, string, fstring_code, fstring_literal };

// Why the bytes could not be turned into text, when they could not.
struct decode_error {
  std::string message;   // CPython 3.13's wording, e.g. "unknown encoding: foo"
  std::uint32_t offset;  // byte offset into the original input where the problem is
  std::uint32_t line;    // 1-based line of the problem in the original input
  decode_place place = decode_place::file;
  // For a place other than `file`: the token, as offsets into text(), and the codec's account
  // ("byte 0xff in position 2: invalid start byte", positions counted from the start of the piece
  // CPython decodes) as 3.8-3.11 and as 3.12+ count it. analyse() words it for its target.
  std::uint32_t token_begin = 0, token_end = 0;
  std::string codec_detail, codec_detail_312;
};

// Decoded source text plus its line index. Immutable after construction; safe to share
// between threads for reading.
class source_text {
 public:
  source_text() = default;

  // Text that is already UTF-8 (no BOM handling, no cookie): used for notebook cells and
  // editor buffers.
  static source_text from_utf8(std::string text);

  // UTF-8 text with its line index already computed (as an editor document keeps it):
  // `line_starts` holds the byte offset where each line begins, starting with 0, with the
  // same line terminators as line_count() uses (LF, CR LF, CR).
  static source_text from_utf8_indexed(std::string text, std::vector<std::uint32_t> line_starts);

  // Bytes as Python reads a file: a UTF-8 BOM, then a PEP 263 cookie on line 1 or 2, else
  // UTF-8. On failure error() describes the problem and the text is empty, except for bytes
  // that are not UTF-8 (error().place is not `file`): then the text is the input with each such
  // byte read as '?', so that the error's token can be shown at its line.
  static source_text decode(std::string_view bytes);

  const std::string& text() const noexcept { return text_; }
  // The decoded bytes exactly as they were, when they differ from text(): bytes that are not
  // UTF-8 inside comments (CPython accepts them) and bytes literals are '?' in text(), with
  // every offset kept.
  std::string_view raw() const noexcept { return raw_.empty() ? std::string_view(text_) : raw_; }
  // Bytes literals (token ranges in text()) that held bytes that are not UTF-8: CPython's
  // error for them is "bytes can only contain ASCII literal characters".
  const std::vector<std::pair<std::uint32_t, std::uint32_t>>& non_ascii_bytes_literals() const noexcept {
    return bytes_literals_;
  }
  // The encoding the bytes were read with, normalised as CPython does ("utf-8",
  // "iso-8859-1", …).
  const std::string& encoding() const noexcept { return encoding_; }
  bool had_bom() const noexcept { return had_bom_; }
  // Bytes of the original input that precede text() offset 0 (the BOM), for edits that
  // must be applied to the original bytes.
  std::uint32_t bom_size() const noexcept { return had_bom_ ? 3u : 0u; }
  bool ok() const noexcept { return error_.message.empty(); }
  const decode_error& error() const noexcept { return error_; }

  // Number of lines; a final line without a newline counts, an empty text has one line.
  std::uint32_t line_count() const noexcept { return static_cast<std::uint32_t>(line_starts_.size()); }
  // Byte offset of the start of 1-based line `line`.
  std::uint32_t line_start(std::uint32_t line) const noexcept;
  // The text of 1-based line `line` without its line terminator.
  std::string_view line_text(std::uint32_t line) const noexcept;
  // Byte offset → line and code-point column. Offsets past the end clamp to the end.
  location locate(std::uint32_t offset) const noexcept;
  // 1-based line of a byte offset (cheaper than locate).
  std::uint32_t line_of(std::uint32_t offset) const noexcept;

 private:
  void index_lines();

  std::string text_;
  std::string raw_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> bytes_literals_;
  std::string encoding_ = "utf-8";
  bool had_bom_ = false;
  decode_error error_{};
  std::vector<std::uint32_t> line_starts_{0};
};

}  // namespace asynclift
