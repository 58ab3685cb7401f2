// Decoding Python source bytes the way CPython's tokenizer does (PEP 263 and the UTF-8 BOM),
// and the line index used to print positions.
#include "asynclift/source.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <optional>
#include <utility>
#include <vector>

#include "undecodable.hpp"
#include "utf8.hpp"

namespace asynclift {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

// The bytes of line `n` (0-based, at most 2 are ever asked for), without the terminator.
std::string_view nth_line(std::string_view bytes, int n) {
  std::size_t start = 0;
  for (int i = 0; i < n; ++i) {
    std::size_t nl = bytes.find_first_of("\r\n", start);
    if (nl == std::string_view::npos) return {};
    start = nl + (bytes[nl] == '\r' && nl + 1 < bytes.size() && bytes[nl + 1] == '\n' ? 2 : 1);
  }
  std::size_t end = bytes.find_first_of("\r\n", start);
  if (end == std::string_view::npos) end = bytes.size();
  return bytes.substr(start, end - start);
}

// CPython's get_coding_spec: `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`.
std::optional<std::string> coding_spec(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && is_blank(line[i])) ++i;
  if (i == line.size() || line[i] != '#') return std::nullopt;
  for (std::size_t p = line.find("coding", i); p != std::string_view::npos;
       p = line.find("coding", p + 1)) {
    std::size_t q = p + 6;
    if (q >= line.size() || (line[q] != ':' && line[q] != '=')) continue;
    ++q;
    while (q < line.size() && (line[q] == ' ' || line[q] == '\t')) ++q;
    std::size_t b = q;
    while (q < line.size()) {
      unsigned char c = static_cast<unsigned char>(line[q]);
      if (!(std::isalnum(c) || c == '-' || c == '_' || c == '.')) break;
      ++q;
    }
    if (q > b) return std::string(line.substr(b, q - b));
  }
  return std::nullopt;
}

// A line that is only whitespace and/or a comment lets the cookie be on line 2.
bool blank_or_comment(std::string_view line) {
  for (char c : line) {
    if (c == '#') return true;
    if (!is_blank(c)) return false;
  }
  return true;
}

// CPython's get_normal_name.
std::string normal_encoding_name(const std::string& name) {
  std::string buf;
  for (std::size_t i = 0; i < name.size() && i < 12; ++i) {
    char c = name[i];
    buf += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto starts = [&](std::string_view p) { return buf.compare(0, p.size(), p) == 0; };
  if (buf == "utf-8" || starts("utf-8-")) return "utf-8";
  if (buf == "latin-1" || buf == "iso-8859-1" || buf == "iso-latin-1" || starts("latin-1-") ||
      starts("iso-8859-1-") || starts("iso-latin-1-"))
    return "iso-8859-1";
  return name;
}

std::string hex_byte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", c);
  return buf;
}

// Python codec names that iconv spells differently; the rest are tried as given, then with
// '_' → '-'.
std::string iconv_name(std::string name) {
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name == "latin1" || name == "latin" || name == "l1") return "ISO-8859-1";
  if (name == "utf8" || name == "u8" || name == "utf") return "UTF-8";
  if (name == "ascii" || name == "us-ascii" || name == "646") return "ASCII";
  if (name == "shift-jis" || name == "shift_jis" || name == "sjis") return "SHIFT_JIS";
  return name;
}

// How Python's codec for a cookie's encoding names itself, and words a byte it cannot decode:
// ASCII, the CJK multibyte codecs, and the single-byte tables (`charmap`).
std::pair<std::string, const char*> codec_failure(std::string name) {
  for (char& c : name) c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name == "ascii" || name == "us_ascii" || name == "646") return {"ascii", "ordinal not in range(128)"};
  if (name == "sjis" || name == "s_jis") name = "shift_jis";
  for (std::string_view cjk : {"jis", "euc", "gb", "big5", "cp932", "cp936", "cp949", "cp950", "iso2022",
                               "johab", "hz", "uhc", "ks_c", "ms9"})
    if (name.find(cjk) != std::string::npos) return {name, "illegal multibyte sequence"};
  if (name.rfind("utf", 0) == 0) return {name, "invalid or incomplete sequence"};
  return {"charmap", "character maps to <undefined>"};
}

// Decodes with iconv into UTF-8. Returns false with `bad` = offset of the first undecodable
// byte, or `unknown` when iconv has no such encoding.
bool iconv_decode(std::string_view in, const std::string& encoding, std::string& out,
                  std::size_t& bad, bool& unknown) {
  std::string name = iconv_name(encoding);
  iconv_t cd = iconv_open("UTF-8", name.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    std::replace(name.begin(), name.end(), '_', '-');
    cd = iconv_open("UTF-8", name.c_str());
  }
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    unknown = true;
    return false;
  }
  out.clear();
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  std::string buf(4096, '\0');
  bool ok = true;
  while (src_left > 0) {
    char* dst = buf.data();
    std::size_t dst_left = buf.size();
    std::size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
    out.append(buf.data(), buf.size() - dst_left);
    if (r == static_cast<std::size_t>(-1) && errno != E2BIG) {
      bad = static_cast<std::size_t>(src - in.data());
      ok = false;
      break;
    }
  }
  iconv_close(cd);
  return ok;
}

std::uint32_t line_at(std::string_view bytes, std::size_t offset) {
  std::uint32_t line = 1;
  for (std::size_t i = 0; i < offset && i < bytes.size(); ++i) {
    if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n')))
      ++line;
  }
  return line;
}

}  // namespace

source_text source_text::from_utf8(std::string text) {
  source_text s;
  s.text_ = std::move(text);
  s.index_lines();
  return s;
}

source_text source_text::from_utf8_indexed(std::string text, std::vector<std::uint32_t> line_starts) {
  source_text s;
  s.text_ = std::move(text);
  s.line_starts_ = std::move(line_starts);
  if (s.line_starts_.empty()) s.line_starts_.push_back(0);
  return s;
}

source_text source_text::decode(std::string_view bytes) {
  source_text s;
  auto set_error = [&](std::string message, std::size_t offset) {
    // `offset` counts the BOM; `bytes` no longer holds it.
    std::size_t in_bytes = offset >= s.bom_size() ? offset - s.bom_size() : 0;
    s.error_ = decode_error{};
    s.error_.message = std::move(message);
    s.error_.offset = static_cast<std::uint32_t>(offset);
    s.error_.line = line_at(bytes, in_bytes);
  };
  auto fail = [&](std::string message, std::size_t offset) {
    set_error(std::move(message), offset);
    s.text_.clear();
    s.index_lines();
    return s;
  };
  if (bytes.size() >= 0xFFFFFFF0u) return fail("source is larger than 4 GiB", 0);

  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    s.had_bom_ = true;
    bytes.remove_prefix(3);
  }
  std::optional<std::string> cookie = coding_spec(nth_line(bytes, 0));
  if (!cookie && blank_or_comment(nth_line(bytes, 0))) cookie = coding_spec(nth_line(bytes, 1));
  if (cookie) {
    std::string normal = normal_encoding_name(*cookie);
    if (s.had_bom_ && normal != "utf-8") return fail("encoding problem: " + normal + " with BOM", 0);
    s.encoding_ = normal;
  }

  if (s.encoding_ == "utf-8") {
    s.text_.assign(bytes);
    if (detail::first_invalid_utf8(bytes) != std::string_view::npos) {
      // Same length, so every offset still matches the input; raw() keeps the real bytes.
      detail::undecodable u = detail::find_undecodable(bytes);
      s.raw_ = s.text_;
      for (std::size_t at : u.tolerated) s.text_[at] = '?';
      for (auto [b, e] : u.bytes_literals)
        s.bytes_literals_.emplace_back(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e));
      if (u.place != decode_place::file) {
        // Every bad byte is read as '?' so that the error's line can be shown.
        for (std::size_t i = 0; i < s.text_.size();) {
          std::size_t len = detail::utf8_sequence_length(std::string_view(s.text_).substr(i));
          if (len == 0) s.text_[i] = '?';
          i += len == 0 ? 1 : len;
        }
        s.raw_.clear();
        std::string detail = detail::codec_error_detail(bytes, u.piece_begin, u.piece_end, u.at);
        std::string detail_312 =
            detail::codec_error_detail(bytes, u.piece_begin_312, u.piece_end_312, u.at);
        set_error((u.place == decode_place::fstring_literal ? "" : "(unicode error) ") +
                      std::string("'utf-8' codec can't decode ") + detail_312,
                  u.at + s.bom_size());
        s.index_lines();
        s.error_.place = u.place;
        s.error_.token_begin = static_cast<std::uint32_t>(u.token_begin);
        s.error_.token_end = static_cast<std::uint32_t>(u.token_end);
        s.error_.codec_detail = std::move(detail);
        s.error_.codec_detail_312 = std::move(detail_312);
        return s;
      }
    }
  } else {
    std::size_t bad = 0;
    bool unknown = false;
    if (!iconv_decode(bytes, s.encoding_, s.text_, bad, unknown)) {
      if (unknown) return fail("unknown encoding: " + *cookie, 0);
      auto [codec, reason] = codec_failure(s.encoding_);
      return fail("'" + codec + "' codec can't decode byte " +
                      hex_byte(static_cast<unsigned char>(bytes[bad])) + " in position " +
                      std::to_string(bad) + ": " + reason,
                  bad);
    }
  }
  s.index_lines();
  return s;
}

void source_text::index_lines() {
  line_starts_.assign(1, 0);
  const std::string& t = text_;
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= t.size() || t[i + 1] != '\n')))
      line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

std::uint32_t source_text::line_start(std::uint32_t line) const noexcept {
  if (line == 0) return 0;
  if (line > line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
  return line_starts_[line - 1];
}

std::string_view source_text::line_text(std::uint32_t line) const noexcept {
  std::uint32_t b = line_start(line);
  std::uint32_t e = line < line_starts_.size() ? line_starts_[line] : static_cast<std::uint32_t>(text_.size());
  std::string_view v(text_.data() + b, e - b);
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.remove_suffix(1);
  return v;
}

std::uint32_t source_text::line_of(std::uint32_t offset) const noexcept {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<std::uint32_t>(it - line_starts_.begin());
}

location source_text::locate(std::uint32_t offset) const noexcept {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  std::uint32_t line = line_of(offset);
  std::uint32_t begin = line_starts_[line - 1];
  std::uint32_t column = 1;
  for (std::uint32_t i = begin; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  return {line, column};
}

}  // namespace asynclift
