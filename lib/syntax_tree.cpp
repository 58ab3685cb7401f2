#include "syntax_tree.hpp"

#include <cstring>
#include <stdexcept>

namespace asynclift::detail {
namespace {

struct named_entry {
  const char* name;
  kind k;
};
constexpr named_entry named_kinds[] = {
#define X(name) {#name, kind::name},
#define Y(name, text) {text, kind::name},
    ASYNCLIFT_NAMED_KINDS(X, Y)
#undef X
#undef Y
};
constexpr named_entry token_kinds[] = {
#define X(name, text) {text, kind::name},
    ASYNCLIFT_TOKEN_KINDS(X)
#undef X
};
constexpr const char* field_names[] = {
    "",
#define X(name) #name,
#define Y(name, text) text,
    ASYNCLIFT_FIELDS(X, Y)
#undef X
#undef Y
};

}  // namespace

grammar::grammar() : language_(tree_sitter_python()) {
  symbol_count_ = ts_language_symbol_count(language_);
  kinds_ = std::make_unique<kind[]>(symbol_count_);
  for (TSSymbol s = 0; s < symbol_count_; ++s) {
    kinds_[s] = kind::other;
    const char* name = ts_language_symbol_name(language_, s);
    TSSymbolType type = ts_language_symbol_type(language_, s);
    if (!name) continue;
    if (s == static_cast<TSSymbol>(-1) || std::strcmp(name, "ERROR") == 0) {
      kinds_[s] = kind::ERROR;
      continue;
    }
    if (type == TSSymbolTypeRegular) {
      for (const auto& e : named_kinds)
        if (std::strcmp(e.name, name) == 0) kinds_[s] = e.k;
    } else if (type == TSSymbolTypeAnonymous) {
      for (const auto& e : token_kinds)
        if (std::strcmp(e.name, name) == 0) kinds_[s] = e.k;
    }
  }
  field_count_ = ts_language_field_count(language_) + 1;
  fields_ = std::make_unique<field[]>(field_count_);
  for (TSFieldId id = 0; id < field_count_; ++id) {
    fields_[id] = field::none;
    const char* name = ts_language_field_name_for_id(language_, id);
    if (!name) continue;
    for (int f = 1; f < static_cast<int>(field::count_); ++f)
      if (std::strcmp(field_names[f], name) == 0) {
        fields_[id] = static_cast<field>(f);
        field_ids_[f] = id;
      }
  }
}

const grammar& grammar::get() {
  static const grammar g;
  return g;
}

std::string_view kind_name(kind k) noexcept {
  for (const auto& e : named_kinds)
    if (e.k == k) return e.name;
  for (const auto& e : token_kinds)
    if (e.k == k) return e.name;
  return "?";
}

parser::parser() : parser_(ts_parser_new()) {
  if (!parser_ || !ts_parser_set_language(parser_.get(), grammar::get().language()))
    throw std::runtime_error("asynclift: tree-sitter-python grammar is incompatible with the runtime");
}

// CPython reads a lone CR as a newline before tokenizing; tree-sitter-python's grammar does
// not (a comment runs on over it). The parser reads a copy with LF in its place: the same
// offsets, so the tree fits the text.
std::string_view parser::with_lf(std::string_view text) {
  std::size_t cr = text.find('\r');
  while (cr != std::string_view::npos && cr + 1 < text.size() && text[cr + 1] == '\n')
    cr = text.find('\r', cr + 2);  // CRLF is fine as it is
  if (cr == std::string_view::npos) return text;
  lf_text_.assign(text);
  for (std::size_t i = 0; i < lf_text_.size(); ++i)
    if (lf_text_[i] == '\r' && (i + 1 == lf_text_.size() || lf_text_[i + 1] != '\n'))
      lf_text_[i] = '\n';
  return lf_text_;
}

tree_ptr parser::parse(std::string_view text, const TSTree* old) {
  std::string_view input = with_lf(text);
  return tree_ptr(ts_parser_parse_string(parser_.get(), old, input.data(),
                                         static_cast<std::uint32_t>(input.size())));
}

tree_ptr parser::parse_fragment(std::string_view text, std::uint32_t open, std::uint32_t begin,
                                std::uint32_t end, std::uint32_t close) {
  // Points are only used for rows and columns, which nothing here reads; giving each range
  // the column of its offset keeps them ordered.
  auto range = [](std::uint32_t b, std::uint32_t e) {
    return TSRange{TSPoint{0, b}, TSPoint{0, e}, b, e};
  };
  const TSRange ranges[] = {range(open, open + 1), range(begin, end), range(close, close + 1)};
  TSParser* p = parser_.get();
  text = with_lf(text);
  tree_ptr tree;
  if (ts_parser_set_included_ranges(p, ranges, 3))
    tree.reset(ts_parser_parse_string(p, nullptr, text.data(), static_cast<std::uint32_t>(text.size())));
  ts_parser_set_included_ranges(p, nullptr, 0);
  return tree;
}

std::string dump_tree(TSNode root, std::string_view text) {
  std::string out;
  TSTreeCursor c = ts_tree_cursor_new(root);
  int depth = 0;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
    if (const char* f = ts_tree_cursor_current_field_name(&c)) {
      out += f;
      out += ": ";
    }
    bool named = ts_node_is_named(n);
    std::string type = ts_node_type(n);
    if (ts_node_is_missing(n)) out += "MISSING ";
    out += named ? type : "\"" + type + "\"";
    out += " [" + std::to_string(ts_node_start_byte(n)) + "," + std::to_string(ts_node_end_byte(n)) + ")";
    if (ts_node_child_count(n) == 0 && named) {
      std::string_view t = node_text(n, text);
      if (t.size() > 40) t = t.substr(0, 40);
      out += " `";
      out += t;
      out += "`";
    }
    out += '\n';
    if (ts_tree_cursor_goto_first_child(&c)) {
      ++depth;
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (!ts_tree_cursor_goto_parent(&c)) {
        ts_tree_cursor_delete(&c);
        return out;
      }
      --depth;
    }
  }
}

}  // namespace asynclift::detail
