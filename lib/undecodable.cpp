// Finding bytes that are not UTF-8 token by token; see undecodable.hpp.
#include "undecodable.hpp"

#include <cstdio>

#include "utf8.hpp"

namespace asynclift::detail {
namespace {

bool ascii_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
// CPython's tokenizer takes every byte >= 0x80 as part of a name.
bool name_byte(unsigned char c) { return c >= 0x80 || ascii_letter(c) || ascii_digit(c) || c == '_'; }
bool newline(unsigned char c) { return c == '\n' || c == '\r'; }

class scanner {
 public:
  explicit scanner(std::string_view b) : b_(b), n_(b.size()) {}

  undecodable run() {
    enum { code, comment } state = code;
    for (std::size_t i = 0; i < n_ && r_.place == decode_place::file;) {
      unsigned char c = at(i);
      if (state == comment) {
        if (newline(c)) state = code;
        i = step(i, true);
      } else if (c == '#') {
        state = comment;
        ++i;
      } else if (c == '"' || c == '\'') {
        i = string(i);
      } else if (c >= 0x80 && !valid(i)) {
        name(i, decode_place::code);
      } else {
        i = step(i, false);
      }
    }
    return std::move(r_);
  }

 private:
  unsigned char at(std::size_t i) const { return static_cast<unsigned char>(b_[i]); }
  bool valid(std::size_t i) const { return utf8_sequence_length(b_.substr(i)) != 0; }
  bool quotes(std::size_t i, char q, std::size_t size) const {
    if (i + size > n_) return false;
    for (std::size_t k = 0; k < size; ++k)
      if (b_[i + k] != q) return false;
    return true;
  }

  // Past the byte or character at `i`; a bad byte in a comment is tolerated.
  std::size_t step(std::size_t i, bool in_comment) {
    if (at(i) < 0x80) return i + 1;
    if (std::size_t len = utf8_sequence_length(b_.substr(i))) return i + len;
    if (in_comment) r_.tolerated.push_back(i);
    return i + 1;
  }

  // A bad byte in code: the name token around it (a number before it is its own token).
  void name(std::size_t i, decode_place place) {
    std::size_t begin = i, end = i;
    while (begin > 0 && name_byte(at(begin - 1))) --begin;
    while (begin < i && ascii_digit(at(begin))) ++begin;
    while (end < n_ && name_byte(at(end))) ++end;
    fail(place, i, begin, end, begin, end, begin, end);
  }

  void fail(decode_place place, std::size_t bad, std::size_t token_begin, std::size_t token_end,
            std::size_t piece_begin, std::size_t piece_end, std::size_t begin_312,
            std::size_t end_312) {
    r_.place = place;
    r_.at = bad;
    r_.token_begin = token_begin;
    r_.token_end = token_end;
    r_.piece_begin = piece_begin;
    r_.piece_end = piece_end;
    r_.piece_begin_312 = begin_312;
    r_.piece_end_312 = end_312;
  }

  // The run of non-ASCII bytes around `i`, within [lo, hi): what a string with escapes decodes.
  std::pair<std::size_t, std::size_t> non_ascii_run(std::size_t i, std::size_t lo, std::size_t hi) const {
    std::size_t begin = i, end = i;
    while (begin > lo && at(begin - 1) >= 0x80) --begin;
    while (end < hi && at(end) >= 0x80) ++end;
    return {begin, end};
  }

  bool has_backslash(std::size_t begin, std::size_t end) const {
    return b_.substr(begin, end - begin).find('\\') != std::string_view::npos;
  }

  // The string token whose quote is at `q`; returns the offset after it.
  std::size_t string(std::size_t q) {
    std::size_t begin = q;
    auto prefix_letter = [](unsigned char c) {
      c |= 0x20;
      return c == 'r' || c == 'b' || c == 'u' || c == 'f';
    };
    while (begin > 0 && q - begin < 3 && prefix_letter(at(begin - 1))) --begin;
    if (begin > 0 && name_byte(at(begin - 1))) begin = q;  // letters of a name, not a prefix
    bool raw = false, bytes = false, f = false;
    for (std::size_t i = begin; i < q; ++i) {
      unsigned char c = at(i) | 0x20;
      raw |= c == 'r';
      bytes |= c == 'b';
      f |= c == 'f';
    }
    const char quote = b_[q];
    const std::size_t size = quotes(q, quote, 3) ? 3 : 1;
    const std::size_t body = q + size;
    std::size_t i = body, part = body, body_end = n_, end = n_;
    std::size_t bad = n_, bad_part = body, bad_part_end = n_;
    bool bad_in_bytes = false;
    int depth = 0;      // brackets inside an f-string replacement field
    bool spec = false;  // in a field's format spec (after its ':'), which is literal text
    auto end_part = [&](std::size_t next) {
      if (bad != n_ && bad_part_end == n_) bad_part_end = i;
      part = next;
    };
    while (i < n_) {
      unsigned char c = at(i);
      if (quotes(i, quote, size)) {
        body_end = i;
        end = i + size;
        break;
      }
      if (size == 1 && newline(c)) {
        body_end = end = i;
        break;
      }
      if (depth > 0) {
        if (c == '(' || c == '[' || c == '{') ++depth;
        if (c == ')' || c == ']' || c == '}') --depth;
        if (depth == 0) part = i + 1;
        if (c == ':' && depth == 1 && !spec) {
          spec = true;
          depth = 0;
          part = i + 1;
        }
        if (c == '"' || c == '\'') {  // a string inside the field: skip it
          std::size_t close = b_.find(static_cast<char>(c), i + 1);
          i = close == std::string_view::npos ? n_ : close + 1;
          continue;
        }
        if (c >= 0x80 && !valid(i)) {
          name(i, decode_place::fstring_code);
          return n_;
        }
        i = step(i, false);
        continue;
      }
      if (c == '\\') {
        i += i + 1 < n_ && at(i + 1) < 0x80 ? 2 : 1;
        continue;
      }
      if (f && (c == '{' || c == '}')) {
        if (i + 1 < n_ && at(i + 1) == c) {
          i += 2;
          end_part(i);
          continue;
        }
        end_part(i + 1);
        if (c == '{') depth = 1;
        if (c == '}') spec = false;
        ++i;
        continue;
      }
      if (c >= 0x80 && !valid(i)) {
        if (bytes) {
          bad_in_bytes = true;
          r_.tolerated.push_back(i);
        } else if (bad == n_) {
          bad = i;
          bad_part = part;
        }
        ++i;
        continue;
      }
      i = step(i, false);
    }
    if (bad_part_end == n_) bad_part_end = body_end;
    if (bad_in_bytes) r_.bytes_literals.emplace_back(begin, end);
    if (bad != n_) {
      auto run = non_ascii_run(bad, f ? bad_part : body, f ? bad_part_end : body_end);
      if (!f) {
        bool whole = raw || !has_backslash(body, body_end);
        std::size_t pb = whole ? body : run.first, pe = whole ? body_end : run.second;
        fail(decode_place::string, bad, begin, end, pb, pe, pb, pe);
      } else {
        // 3.8-3.11 decode every literal part with escapes unless raw; 3.12+ decode the part
        // before its escapes.
        fail(decode_place::fstring_literal, bad, begin, end, raw ? bad_part : run.first,
             raw ? bad_part_end : run.second, bad_part, bad_part_end);
      }
    }
    return end;
  }

  std::string_view b_;
  std::size_t n_;
  undecodable r_;
};

}  // namespace

undecodable find_undecodable(std::string_view bytes) { return scanner(bytes).run(); }

std::string codec_error_detail(std::string_view bytes, std::size_t begin, std::size_t end,
                               std::size_t at) {
  utf8_error e = utf8_error_at(bytes.substr(at, end > at ? end - at : 1));
  std::size_t first = at - begin;
  char buf[96];
  if (e.length <= 1)
    std::snprintf(buf, sizeof buf, "byte 0x%02x in position %zu: %s", static_cast<unsigned char>(bytes[at]),
                  first, e.reason);
  else
    std::snprintf(buf, sizeof buf, "bytes in position %zu-%zu: %s", first, first + e.length - 1, e.reason);
  return buf;
}

}  // namespace asynclift::detail
