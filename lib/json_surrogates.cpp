// JSON strings with lone UTF-16 surrogates; see json_surrogates.hpp.
#include "json_surrogates.hpp"

namespace asynclift::detail {
namespace {

int hex4(std::string_view s, std::size_t at) {
  if (at + 4 > s.size()) return -1;
  int v = 0;
  for (std::size_t i = at; i < at + 4; ++i) {
    char c = s[i];
    int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

bool unescape_with_lone_surrogates(std::string_view token, std::string& out,
                                   std::vector<lone_surrogate>& lone) {
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' ||
                            token.back() == '\r'))
    token.remove_suffix(1);
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') return false;
  std::string_view s = token.substr(1, token.size() - 2);
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != '\\') {
      if (static_cast<unsigned char>(c) < 0x20 || c == '"') return false;
      out += c;
      continue;
    }
    if (++i >= s.size()) return false;
    switch (s[i]) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        int u = hex4(s, i + 1);
        if (u < 0) return false;
        i += 4;
        if (u >= 0xD800 && u <= 0xDBFF && i + 2 < s.size() && s[i + 1] == '\\' && s[i + 2] == 'u') {
          int low = hex4(s, i + 3);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            append_utf8(out, 0x10000 + ((static_cast<std::uint32_t>(u) - 0xD800) << 10) +
                                 (static_cast<std::uint32_t>(low) - 0xDC00));
            i += 6;
            break;
          }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
          lone.push_back({static_cast<std::uint32_t>(out.size()), static_cast<std::uint16_t>(u)});
          out += "\xEF\xBF\xBD";
          break;
        }
        append_utf8(out, static_cast<std::uint32_t>(u));
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

}  // namespace asynclift::detail
