// A port of git's wildmatch.c (dowild), the matcher behind .gitignore, so that patterns mean
// exactly what they mean to git. Indices replace git's NUL-terminated pointers.
#include "wildmatch.hpp"

#include <cctype>

namespace asynclift::cli {
namespace {

enum result { match, no_match, abort_all, abort_to_starstar };

bool glob_special(char c) { return c == '*' || c == '?' || c == '[' || c == '\\'; }

bool in_class(std::string_view name, unsigned char c) {
  if (name == "alnum") return std::isalnum(c);
  if (name == "alpha") return std::isalpha(c);
  if (name == "blank") return c == ' ' || c == '\t';
  if (name == "cntrl") return std::iscntrl(c);
  if (name == "digit") return std::isdigit(c);
  if (name == "graph") return std::isgraph(c);
  if (name == "lower") return std::islower(c);
  if (name == "print") return std::isprint(c);
  if (name == "punct") return std::ispunct(c);
  if (name == "space") return std::isspace(c);
  if (name == "upper") return std::isupper(c);
  if (name == "xdigit") return std::isxdigit(c);
  return false;
}

struct matcher {
  std::string_view pat, txt;
  bool pathname;

  char p_at(std::size_t i) const { return i < pat.size() ? pat[i] : '\0'; }
  char t_at(std::size_t i) const { return i < txt.size() ? txt[i] : '\0'; }

  result dowild(std::size_t p, std::size_t t) const {
    for (; p_at(p) != '\0'; ++t, ++p) {
      char p_ch = p_at(p), t_ch = t_at(t);
      if (t_ch == '\0' && p_ch != '*') return abort_all;
      switch (p_ch) {
        case '\\':
          p_ch = p_at(++p);
          [[fallthrough]];
        default:
          if (t_ch != p_ch) return no_match;
          continue;
        case '?':
          if (pathname && t_ch == '/') return no_match;
          continue;
        case '*': {
          bool match_slash;
          if (p_at(++p) == '*') {
            std::size_t prev = p - 2;  // may wrap below 0: checked as "before the pattern"
            bool at_start = p < 2;
            while (p_at(++p) == '*') {
            }
            if ((at_start || pat[prev] == '/') &&
                (p_at(p) == '\0' || p_at(p) == '/' || (p_at(p) == '\\' && p_at(p + 1) == '/'))) {
              if (p_at(p) == '/' && dowild(p + 1, t) == match) return match;
              match_slash = true;
            } else {
              match_slash = false;
            }
          } else {
            match_slash = !pathname;
          }
          if (p_at(p) == '\0') {
            if (!match_slash && txt.find('/', t) != std::string_view::npos) return no_match;
            return match;
          }
          if (!match_slash && p_at(p) == '/') {
            std::size_t slash = txt.find('/', t);
            if (slash == std::string_view::npos) return no_match;
            t = slash;
            break;  // the slash is consumed by the loop
          }
          for (;;) {
            if (t_ch == '\0') break;
            if (!glob_special(p_at(p))) {
              char lit = p_at(p);
              while ((t_ch = t_at(t)) != '\0' && (match_slash || t_ch != '/')) {
                if (t_ch == lit) break;
                ++t;
              }
              if (t_ch != lit) return no_match;
            }
            result r = dowild(p, t);
            if (r != no_match) {
              if (!match_slash || r != abort_to_starstar) return r;
            } else if (!match_slash && t_ch == '/') {
              return abort_to_starstar;
            }
            t_ch = t_at(++t);
          }
          return abort_all;
        }
        case '[': {
          p_ch = p_at(++p);
          if (p_ch == '^') p_ch = '!';
          bool negated = p_ch == '!';
          if (negated) p_ch = p_at(++p);
          char prev_ch = 0;
          bool matched = false;
          do {
            if (!p_ch) return abort_all;
            if (p_ch == '\\') {
              p_ch = p_at(++p);
              if (!p_ch) return abort_all;
              if (t_ch == p_ch) matched = true;
            } else if (p_ch == '-' && prev_ch && p_at(p + 1) && p_at(p + 1) != ']') {
              p_ch = p_at(++p);
              if (p_ch == '\\') {
                p_ch = p_at(++p);
                if (!p_ch) return abort_all;
              }
              if (static_cast<unsigned char>(t_ch) <= static_cast<unsigned char>(p_ch) &&
                  static_cast<unsigned char>(t_ch) >= static_cast<unsigned char>(prev_ch))
                matched = true;
              p_ch = 0;  // prev_ch becomes 0
            } else if (p_ch == '[' && p_at(p + 1) == ':') {
              std::size_t s = p + 2, e = s;
              while (p_at(e) && p_at(e) != ']') ++e;
              if (!p_at(e)) return abort_all;
              if (e == s || p_at(e - 1) != ':') {
                // Not a class after all: a literal '['.
                if (t_ch == '[') matched = true;
              } else {
                std::string_view name = pat.substr(s, e - 1 - s);
                if (name != "alnum" && name != "alpha" && name != "blank" && name != "cntrl" &&
                    name != "digit" && name != "graph" && name != "lower" && name != "print" &&
                    name != "punct" && name != "space" && name != "upper" && name != "xdigit")
                  return abort_all;
                if (in_class(name, static_cast<unsigned char>(t_ch))) matched = true;
                p = e;
                p_ch = 0;
              }
            } else if (t_ch == p_ch) {
              matched = true;
            }
            prev_ch = p_ch;
            p_ch = p_at(++p);
          } while (p_ch != ']');
          if (matched == negated || (pathname && t_ch == '/')) return no_match;
          continue;
        }
      }
    }
    return t_at(t) != '\0' ? no_match : match;
  }
};

}  // namespace

bool wildmatch(std::string_view pattern, std::string_view text, bool pathname) {
  return matcher{pattern, text, pathname}.dowild(0, 0) == match;
}

}  // namespace asynclift::cli
