// CPython compiles each case's pattern with a "may it be irrefutable" flag: true for the last
// case and for guarded cases, true for every sub-pattern of a sequence, mapping or class
// pattern, and — inside an or-pattern — only for the last alternative. An irrefutable capture
// (`x`) or wildcard (`_`) where that flag is false makes the remaining patterns unreachable.
// While compiling, it keeps the list of names a pattern binds: a name bound twice is an error,
// and every alternative of an or-pattern must bind the same set. tree-sitter's pattern trees
// are flatter than CPython's (or-patterns hold their alternatives, including a `-` sign, as
// direct children; a parenthesised pattern is a one-element tuple_pattern without a comma),
// so this module rebuilds CPython's view as it goes. Recursion depth is bounded by bracket
// nesting, which the syntax checks cap.
#include "patterns.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace asynclift::detail {
namespace {

struct key_value {
  std::string canonical;  // equal for keys CPython considers equal
  std::string repr;       // as Python's repr()
};

class checker {
 public:
  checker(std::string_view text, diagnostic_sink& sink) : text_(text), sink_(sink), g_(grammar::get()) {}

  void check_case(TSNode clause, bool allow_irrefutable) {
    std::vector<TSNode> top;
    for (std::uint32_t i = 0, n = ts_node_child_count(clause); i < n; ++i) {
      TSNode ch = ts_node_child(clause, i);
      if (g_.kind_of(ch) == kind::case_pattern) top.push_back(ch);
    }
    std::vector<std::string_view> stores;
    if (top.size() == 1) {
      pattern(top[0], allow_irrefutable, stores);
    } else if (top.size() > 1) {  // `case a, b:` is a sequence pattern
      sequence(top, ts_node_start_byte(top[0]), ts_node_end_byte(top.back()), stores);
    }
  }

 private:
  std::string_view text(TSNode n) const { return node_text(n, text_); }

  void store(TSNode at, std::string_view name, std::vector<std::string_view>& stores) {
    if (std::find(stores.begin(), stores.end(), name) != stores.end()) {
      sink_.report(msg::pattern_name_repeated, at, name);
      return;
    }
    stores.push_back(name);
  }

  void irrefutable(TSNode at, std::string_view name, bool allow, std::vector<std::string_view>& stores) {
    if (!allow) {
      if (name.empty())
        sink_.report(msg::pattern_wildcard_unreachable, at);
      else
        sink_.report(msg::pattern_capture_unreachable, at, name);
    }
    if (!name.empty()) store(at, name, stores);
  }

  // A pattern given as a node; kinds as tree-sitter-python names them.
  void pattern(TSNode n, bool allow, std::vector<std::string_view>& stores) {
    switch (g_.kind_of(n)) {
      case kind::case_pattern: {
        std::vector<TSNode> parts = children(n);
        if (parts.size() == 1 && !ts_node_is_named(parts[0]) && text(parts[0]) == "_")
          return irrefutable(n, {}, allow, stores);
        if (parts.size() == 1) return pattern(parts[0], allow, stores);
        if (parts.size() == 2 && text(parts[0]) == "-") return;  // negative number
        return;
      }
      case kind::dotted_name:
        if (ts_node_named_child_count(n) == 1) return irrefutable(n, text(n), allow, stores);
        return;  // a value pattern
      case kind::as_pattern: {
        TSNode sub{}, name{};
        for (TSNode ch : children(n)) {
          if (g_.kind_of(ch) == kind::case_pattern) sub = ch;
          if (g_.kind_of(ch) == kind::identifier) name = ch;
        }
        if (!ts_node_is_null(sub)) pattern(sub, allow, stores);
        if (!ts_node_is_null(name)) store(n, text(name), stores);
        return;
      }
      case kind::union_pattern:
        return alternatives(n, allow, stores);
      case kind::tuple_pattern:
      case kind::list_pattern: {
        std::vector<TSNode> elems;
        for (TSNode ch : children(n))
          if (g_.kind_of(ch) == kind::case_pattern) elems.push_back(ch);
        if (g_.kind_of(n) == kind::tuple_pattern && elems.size() == 1 && !has_comma(n))
          return pattern(elems[0], allow, stores);  // a parenthesised pattern
        return sequence(elems, ts_node_start_byte(n), ts_node_end_byte(n), stores);
      }
      case kind::dict_pattern:
        return mapping(n, stores);
      case kind::class_pattern:
        return class_pattern(n, stores);
      case kind::string:
      case kind::concatenated_string:
        if (is_fstring(n)) sink_.report(msg::pattern_not_literal, n);
        return;
      default:
        return;  // literals
    }
  }

  void sequence(const std::vector<TSNode>& elems, std::uint32_t begin, std::uint32_t end,
                std::vector<std::string_view>& stores) {
    int stars = 0;
    for (TSNode e : elems) {
      TSNode inner = ts_node_named_child_count(e) == 1 ? ts_node_named_child(e, 0) : e;
      if (g_.kind_of(inner) == kind::splat_pattern) {
        if (++stars == 2) sink_.report(msg::pattern_multiple_stars, begin, end);
        std::vector<TSNode> parts = children(inner);
        TSNode name = parts.size() == 2 ? parts[1] : TSNode{};
        if (!ts_node_is_null(name) && g_.kind_of(name) == kind::identifier && text(name) != "_")
          store(inner, text(name), stores);
        continue;
      }
      pattern(e, true, stores);
    }
  }

  void alternatives(TSNode n, bool allow, std::vector<std::string_view>& stores) {
    // Split the flat children at the `|` tokens.
    std::vector<std::vector<TSNode>> alts(1);
    for (TSNode ch : children(n)) {
      if (!ts_node_is_named(ch) && text(ch) == "|")
        alts.emplace_back();
      else
        alts.back().push_back(ch);
    }
    std::vector<std::string_view> control;
    for (std::size_t i = 0; i < alts.size(); ++i) {
      if (alts[i].empty()) continue;
      std::vector<std::string_view> alt_stores = stores;
      const bool last = i + 1 == alts.size();
      TSNode first = alts[i][0];
      if (alts[i].size() == 1) {
        TSNode p = first;
        if (!ts_node_is_named(p) && text(p) == "_")
          irrefutable(p, {}, last && allow, alt_stores);
        else
          pattern(p, last && allow, alt_stores);
      }
      std::vector<std::string_view> bound(alt_stores.begin() + static_cast<std::ptrdiff_t>(stores.size()),
                                          alt_stores.end());
      if (i == 0) {
        control = bound;
      } else {
        std::vector<std::string_view> a = control, b = bound;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        if (a != b) {
          sink_.report(msg::pattern_alternatives_differ, first);
          return;
        }
      }
    }
    stores.insert(stores.end(), control.begin(), control.end());
  }

  void mapping(TSNode n, std::vector<std::string_view>& stores) {
    std::vector<key_value> keys;
    for (std::uint32_t i = 0, count = ts_node_child_count(n); i < count; ++i) {
      TSNode ch = ts_node_child(n, i);
      const char* f = ts_node_field_name_for_child(n, i);
      std::string_view field = f ? f : "";
      if (field == "key") {
        if (is_fstring(ch)) {
          sink_.report(msg::pattern_key_not_literal, n);
          continue;
        }
        key_value k;
        if (literal_key(ch, k)) {
          bool dup = std::any_of(keys.begin(), keys.end(),
                                 [&](const key_value& o) { return o.canonical == k.canonical; });
          if (dup) sink_.report(msg::pattern_duplicate_key, n, k.repr);
          keys.push_back(std::move(k));
        }
      } else if (field == "value") {
        pattern(ch, true, stores);
      } else if (g_.kind_of(ch) == kind::splat_pattern) {
        std::vector<TSNode> parts = children(ch);
        if (parts.size() == 2 && g_.kind_of(parts[1]) == kind::identifier) store(ch, text(parts[1]), stores);
      }
    }
  }

  void class_pattern(TSNode n, std::vector<std::string_view>& stores) {
    std::vector<std::string_view> attrs;
    for (TSNode ch : children(n)) {
      if (g_.kind_of(ch) != kind::case_pattern) continue;
      TSNode inner = ts_node_named_child_count(ch) == 1 ? ts_node_named_child(ch, 0) : ch;
      if (g_.kind_of(inner) != kind::keyword_pattern) {
        pattern(ch, true, stores);
        continue;
      }
      std::vector<TSNode> parts = children(inner);
      if (parts.empty()) continue;
      std::string_view attr = text(parts[0]);
      TSNode value = parts.back();
      if (std::find(attrs.begin(), attrs.end(), attr) != attrs.end())
        sink_.report(msg::pattern_attribute_repeated, value, attr);
      attrs.push_back(attr);
      if (parts.size() >= 2) {
        if (!ts_node_is_named(value) && text(value) == "_") continue;
        pattern(value, true, stores);
      }
    }
  }

  bool is_fstring(TSNode n) const {
    if (g_.kind_of(n) == kind::concatenated_string) {
      for (TSNode s : children(n))
        if (is_fstring(s)) return true;
      return false;
    }
    if (g_.kind_of(n) != kind::string || ts_node_child_count(n) == 0) return false;
    for (char ch : text(ts_node_child(n, 0))) {
      if (ch == 'f' || ch == 'F') return true;
      if (ch == '"' || ch == '\'') break;
    }
    return false;
  }

  // Python's repr of a float.
  static std::string float_repr(double v) {
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    if (std::isnan(v)) return "nan";
    char buf[64];
    for (int p = 1; p <= 17; ++p) {
      std::snprintf(buf, sizeof buf, "%.*g", p, v);
      if (std::strtod(buf, nullptr) == v) break;
    }
    std::string s = buf;
    if (s.find_first_of(".en") == std::string::npos) s += ".0";
    return s;
  }

  // Evaluates a literal key CPython compares by value; false when it cannot be sure.
  bool literal_key(TSNode n, key_value& out) const {
    kind k = g_.kind_of(n);
    std::string_view t = text(n);
    if (k == kind::none) return out = {"None", "None"}, true;
    if (k == kind::true_) return out = {"n:1", "True"}, true;
    if (k == kind::false_) return out = {"n:0", "False"}, true;
    if (k == kind::string) {
      std::vector<TSNode> parts = children(n);
      if (parts.size() < 2) return false;
      std::string_view prefix = text(parts[0]);
      std::string content;
      for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
        if (g_.kind_of(parts[i]) != kind::string_content || ts_node_named_child_count(parts[i]) != 0)
          return false;  // escapes: not evaluated here
        content += text(parts[i]);
      }
      if (content.find_first_of("'\\\n\r") != std::string::npos) return false;
      bool bytes = prefix.find_first_of("bB") != std::string_view::npos;
      out.canonical = (bytes ? "b:" : "s:") + content;
      out.repr = (bytes ? "b'" : "'") + content + "'";
      return true;
    }
    if (k == kind::integer || k == kind::float_) {
      std::string digits;
      for (char ch : t)
        if (ch != '_') digits += ch;
      bool imag = !digits.empty() && (digits.back() == 'j' || digits.back() == 'J');
      if (imag) digits.pop_back();
      double v;
      if (k == kind::integer && !imag) {
        char* end = nullptr;
        errno = 0;
        long long iv = std::strtoll(digits.c_str(), &end, 0);
        if (digits.size() > 1 && digits[0] == '0' && (digits[1] == 'o' || digits[1] == 'O'))
          iv = std::strtoll(digits.c_str() + 2, &end, 8);
        else if (digits.size() > 1 && digits[0] == '0' && (digits[1] == 'b' || digits[1] == 'B'))
          iv = std::strtoll(digits.c_str() + 2, &end, 2);
        if (errno || !end || *end) return false;
        out.canonical = "n:" + std::to_string(iv);
        out.repr = std::to_string(iv);
        return true;
      }
      v = std::strtod(digits.c_str(), nullptr);
      if (imag) {
        out.canonical = "c:" + float_repr(v);
        out.repr = float_repr(v);
        if (out.repr.size() > 2 && out.repr.substr(out.repr.size() - 2) == ".0")
          out.repr.resize(out.repr.size() - 2);
        out.repr += "j";
        if (v == 0) out.canonical = "n:0";
        return true;
      }
      out.repr = float_repr(v);
      if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0)
        out.canonical = "n:" + std::to_string(static_cast<long long>(v));
      else
        out.canonical = "f:" + out.repr;
      return true;
    }
    return false;
  }

  // Children without comments and punctuation (brackets, commas, `:`, `=`, `as`).
  std::vector<TSNode> children(TSNode n) const {
    std::vector<TSNode> out;
    for (std::uint32_t i = 0, c = ts_node_child_count(n); i < c; ++i) {
      TSNode ch = ts_node_child(n, i);
      if (g_.kind_of(ch) == kind::comment) continue;
      if (!ts_node_is_named(ch)) {
        std::string_view s = text(ch);
        if (s == "(" || s == ")" || s == "[" || s == "]" || s == "{" || s == "}" || s == "," ||
            s == ":" || s == "=" || s == "as")
          continue;
      }
      out.push_back(ch);
    }
    return out;
  }

  bool has_comma(TSNode n) const {
    for (std::uint32_t i = 0, c = ts_node_child_count(n); i < c; ++i)
      if (g_.kind_of(ts_node_child(n, i)) == kind::comma) return true;
    return false;
  }

  std::string_view text_;
  diagnostic_sink& sink_;
  const grammar& g_;
};

}  // namespace

void check_match_patterns(TSNode match, std::string_view text, diagnostic_sink& sink) {
  const grammar& g = grammar::get();
  TSNode body = ts_node_child_by_field_id(match, g.field_id(field::body));
  if (ts_node_is_null(body)) return;
  std::vector<TSNode> cases;
  for (std::uint32_t i = 0, n = ts_node_child_count(body); i < n; ++i) {
    TSNode ch = ts_node_child(body, i);
    if (g.kind_of(ch) == kind::case_clause) cases.push_back(ch);
  }
  checker c(text, sink);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    bool guarded = !ts_node_is_null(ts_node_child_by_field_id(cases[i], g.field_id(field::guard)));
    c.check_case(cases[i], guarded || i + 1 == cases.size());
  }
}

}  // namespace asynclift::detail
