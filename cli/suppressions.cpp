// Finding comments the way Python's tokenizer does, and reading suppression directives in them.
// The scanner knows string prefixes (b, r, u, f in their combinations), single and triple
// quotes, backslash escapes, and — for Python 3.12 and later — f-strings whose replacement
// fields hold further strings, even with the same quote (PEP 701). Anything else is code.
#include "suppressions.hpp"

#include <algorithm>

namespace asynclift::cli {
namespace {

using sv = std::string_view;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_word(char c) {
  return is_alpha(c) || (c >= '0' && c <= '9') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

class scanner {
 public:
  scanner(sv text, bool pep701) : s_(text), pep701_(pep701) {}

  std::vector<comment> run() {
    std::size_t p = 0;
    while (p < s_.size()) p = code(p, false, false);
    return std::move(out_);
  }

 private:
  // Code from p: until the end, or (inside an f-string replacement field) until the `}`/`:`/`!`
  // that closes the expression. Returns the position reached.
  std::size_t code(std::size_t p, bool in_field, bool multiline_field) {
    int depth = 0;
    while (p < s_.size()) {
      char c = s_[p];
      if (c == '#') {
        if (in_field && !multiline_field) return p;  // not allowed there; the string ends badly
        std::size_t e = p;
        while (e < s_.size() && s_[e] != '\n' && s_[e] != '\r') ++e;
        record(p, e);
        p = e;
        continue;
      }
      if (c == '\n' && in_field && !multiline_field) return p;
      if (std::size_t q = string_start(p); q != sv::npos) {
        p = string(p, q);
        continue;
      }
      if (is_word(c)) {
        while (p < s_.size() && is_word(s_[p])) ++p;
        continue;
      }
      if (in_field) {
        if (c == '(' || c == '[' || c == '{') ++depth;
        else if ((c == ')' || c == ']') && depth > 0) --depth;
        else if (c == '}') {
          if (depth == 0) return p;
          --depth;
        } else if (depth == 0 && (c == ':' || (c == '!' && (p + 1 >= s_.size() || s_[p + 1] != '=')))) {
          return p;
        }
      }
      ++p;
    }
    return p;
  }

  // If a string literal starts at p, the position of its first quote; else npos.
  std::size_t string_start(std::size_t p) const {
    if (is_alpha(s_[p]) && p > 0 && is_word(s_[p - 1])) return sv::npos;  // inside a name
    std::size_t i = p;
    while (i < s_.size() && i - p < 3 && is_alpha(s_[i])) ++i;
    if (i >= s_.size() || (s_[i] != '\'' && s_[i] != '"')) return sv::npos;
    std::string pre;
    for (std::size_t k = p; k < i; ++k) pre += static_cast<char>(s_[k] | 0x20);
    static const sv valid[] = {"", "b", "r", "u", "f", "br", "rb", "fr", "rf"};
    return std::find(std::begin(valid), std::end(valid), sv(pre)) != std::end(valid) ? i : sv::npos;
  }

  // A string literal whose prefix starts at p and first quote is at q; returns the end.
  std::size_t string(std::size_t p, std::size_t q) {
    bool f = false;
    for (std::size_t k = p; k < q; ++k) f = f || (s_[k] | 0x20) == 'f';
    char quote = s_[q];
    bool triple = q + 2 < s_.size() && s_[q + 1] == quote && s_[q + 2] == quote;
    std::size_t i = q + (triple ? 3 : 1);
    while (i < s_.size()) {
      char c = s_[i];
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == quote && (!triple || (i + 2 < s_.size() && s_[i + 1] == quote && s_[i + 2] == quote)))
        return i + (triple ? 3 : 1);
      if (!triple && (c == '\n' || c == '\r')) return i;  // unterminated
      if (f && pep701_ && c == '{') {
        if (i + 1 < s_.size() && s_[i + 1] == '{') {
          i += 2;
          continue;
        }
        i = field(i + 1, triple);
        continue;
      }
      ++i;
    }
    return i;
  }

  // An f-string replacement field after its `{`: expression, `!conversion`, `:format spec`
  // (which may hold nested fields), up to and including the closing `}`.
  std::size_t field(std::size_t p, bool triple) {
    p = code(p, true, triple);
    if (p < s_.size() && s_[p] == '!') {
      ++p;
      while (p < s_.size() && is_word(s_[p])) ++p;
    }
    if (p < s_.size() && s_[p] == ':') {
      ++p;
      while (p < s_.size() && s_[p] != '}') {
        if (s_[p] == '{') {
          p = field(p + 1, triple);
          continue;
        }
        if (!triple && (s_[p] == '\n' || s_[p] == '\r')) return p;
        ++p;
      }
    }
    if (p < s_.size() && s_[p] == '}') ++p;
    return p;
  }

  void record(std::size_t b, std::size_t e) {
    // Line number: count line breaks up to b (incrementally).
    for (; counted_ < b; ++counted_) {
      char c = s_[counted_];
      if (c == '\n' || (c == '\r' && (counted_ + 1 >= s_.size() || s_[counted_ + 1] != '\n'))) {
        ++line_;
        line_start_ = counted_ + 1;
      }
    }
    out_.push_back({line_, static_cast<std::uint32_t>(b - line_start_ + 1), s_.substr(b, e - b)});
  }

  sv s_;
  bool pep701_;
  std::vector<comment> out_;
  std::size_t counted_ = 0, line_start_ = 0;
  std::uint32_t line_ = 1;
};

sv trim(sv s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<comment> find_comments(std::string_view text, python_version target) {
  return scanner(text, minor(target) >= 12).run();
}

suppressions::suppressions(std::string_view text, python_version target) {
  for (const comment& c : find_comments(text, target)) {
    sv rest = c.text;
    for (std::size_t at = rest.find("asynclift:"); at != sv::npos; at = rest.find("asynclift:", at + 1)) {
      if (at > 0 && is_word(rest[at - 1])) continue;
      sv d = trim(rest.substr(at + 10));
      if (d.substr(0, 6) != "ignore") continue;
      d.remove_prefix(6);
      directive& dir = lines_[c.line];
      if (!d.empty() && d[0] == '[') {
        std::size_t close = d.find(']');
        if (close == sv::npos) continue;
        sv list = d.substr(1, close - 1);
        while (!list.empty()) {
          std::size_t comma = list.find(',');
          sv code = trim(list.substr(0, comma));
          if (!code.empty()) dir.codes.emplace_back(code);
          if (comma == sv::npos) break;
          list.remove_prefix(comma + 1);
        }
      } else if (d.empty() || d[0] == ' ' || d[0] == '\t' || d[0] == '#') {
        dir.all = true;
      }
    }
  }
}

bool suppressions::suppressed(std::uint32_t line, std::string_view code) const {
  auto it = lines_.find(line);
  if (it == lines_.end()) return false;
  const directive& d = it->second;
  return d.all || std::find(d.codes.begin(), d.codes.end(), code) != d.codes.end();
}

}  // namespace asynclift::cli
