// Reading a type parameter list from the text (type_params.hpp).
#include "type_params.hpp"

#include <cstring>

namespace asynclift::detail {
namespace {

bool name_char(unsigned char c) noexcept {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c >= 0x80;
}

// The offset just after the string literal whose opening quote is at `i`.
std::uint32_t skip_string(std::string_view t, std::uint32_t i) {
  const char q = t[i];
  const bool triple = i + 2 < t.size() && t[i + 1] == q && t[i + 2] == q;
  i += triple ? 3 : 1;
  while (i < t.size()) {
    char c = t[i];
    if (c == '\\') {
      i += 2;
    } else if (c == q && (!triple || (i + 2 < t.size() && t[i + 1] == q && t[i + 2] == q))) {
      return i + (triple ? 3 : 1);
    } else if (!triple && (c == '\n' || c == '\r')) {
      return i;  // unterminated: the tokenizer stops here too
    } else {
      ++i;
    }
  }
  return static_cast<std::uint32_t>(t.size());
}

// Whether the '=' at `i` is an assignment sign rather than part of `==`, `<=`, `:=`, `+=`…
bool lone_equals(std::string_view t, std::uint32_t i) {
  if (i + 1 < t.size() && t[i + 1] == '=') return false;
  return i == 0 || std::strchr("=<>!:+-*/%&|^@", t[i - 1]) == nullptr;
}

std::uint32_t skip_blank(std::string_view t, std::uint32_t i, std::uint32_t end) {
  while (i < end) {
    char c = t[i];
    if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r' || c == '\\') {
      ++i;
    } else if (c == '#') {
      while (i < end && t[i] != '\n' && t[i] != '\r') ++i;
    } else {
      break;
    }
  }
  return i;
}

type_param_text split_param(std::string_view t, std::uint32_t b, std::uint32_t colon,
                            std::uint32_t equals, std::uint32_t e) {
  type_param_text p;
  std::uint32_t i = skip_blank(t, b, e);
  while (i < e && t[i] == '*' && p.stars < 2) {
    ++p.stars;
    ++i;
  }
  i = skip_blank(t, i, e);
  std::uint32_t name_end = i;
  while (name_end < e && name_char(static_cast<unsigned char>(t[name_end]))) ++name_end;
  p.name = {i, name_end};
  const std::uint32_t bound_end = equals < e ? equals : e;
  if (colon < bound_end) p.bound = {colon + 1, bound_end};
  if (equals < e) p.default_value = {equals + 1, e};
  return p;
}

}  // namespace

std::vector<type_param_text> read_type_params(std::string_view t, std::uint32_t open,
                                              std::uint32_t& close) {
  std::vector<type_param_text> out;
  const auto size = static_cast<std::uint32_t>(t.size());
  const std::uint32_t none = size;
  std::uint32_t depth = 0, piece = open + 1, colon = none, equals = none;
  for (std::uint32_t i = open; i < size;) {
    const char c = t[i];
    if (c == '"' || c == '\'') {
      i = skip_string(t, i);
      continue;
    }
    if (c == '#') {
      while (i < size && t[i] != '\n' && t[i] != '\r') ++i;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (--depth == 0) {
        if (skip_blank(t, piece, i) < i) out.push_back(split_param(t, piece, colon, equals, i));
        close = i;
        return out;
      }
    } else if (depth == 1) {
      if (c == ',') {
        out.push_back(split_param(t, piece, colon, equals, i));
        piece = i + 1;
        colon = equals = none;
      } else if (c == ':' && colon == none && equals == none && (i + 1 >= size || t[i + 1] != '=')) {
        colon = i;
      } else if (c == '=' && equals == none && lone_equals(t, i)) {
        equals = i;
      }
    }
    ++i;
  }
  if (skip_blank(t, piece, size) < size) out.push_back(split_param(t, piece, colon, equals, size));
  close = size;
  return out;
}

}  // namespace asynclift::detail
