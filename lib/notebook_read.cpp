// Reading nbformat 4 notebooks with simdjson's On-Demand API. Only the fields asynclift needs are
// unescaped and copied (code cells' sources, ids, languages); everything else — megabytes of
// base64 images in `outputs` — is walked once for validation without being copied, so a large
// notebook costs about as much as its structural scan. Source strings also record the line of
// the .ipynb file they sit on, so findings can be pointed at the file itself.
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

#include "asynclift/notebook.hpp"
#include "json_surrogates.hpp"

namespace asynclift {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

struct reader {
  const char* base = nullptr;
  std::size_t size = 0;
  std::size_t counted = 0;   // bytes scanned for newlines so far
  std::uint32_t line = 1;    // 1-based line at `counted`
  std::string error;

  std::uint32_t line_at(const char* p) {
    auto at = static_cast<std::size_t>(p - base);
    if (at > size) at = size;
    if (at < counted) return line;  // offsets only grow while reading
    const char* b = base + counted;
    const char* e = base + at;
    while (b < e) {
      const void* nl = std::memchr(b, '\n', static_cast<std::size_t>(e - b));
      if (!nl) break;
      ++line;
      b = static_cast<const char*>(nl) + 1;
    }
    counted = at;
    return line;
  }

  bool fail(std::string why) {
    if (error.empty()) error = std::move(why);
    return false;
  }

  error_code json_error = simdjson::SUCCESS;

  bool json_fail(error_code e) {
    if (error.empty()) json_error = e;
    return fail(std::string("not valid JSON: ") + simdjson::error_message(e));
  }

  // Walks a value completely so that malformed JSON anywhere is reported.
  bool validate(od::value v, int depth = 0) {
    od::json_type t;
    if (auto e = v.type().get(t)) return json_fail(e);
    switch (t) {
      case od::json_type::object: {
        od::object o;
        if (auto e = v.get_object().get(o)) return json_fail(e);
        for (auto f : o) {
          od::field field;
          if (auto e = std::move(f).get(field)) return json_fail(e);
          std::string_view key;
          if (auto e = field.unescaped_key().get(key)) return json_fail(e);
          if (!validate(field.value(), depth + 1)) return false;
        }
        return true;
      }
      case od::json_type::array: {
        od::array a;
        if (auto e = v.get_array().get(a)) return json_fail(e);
        for (auto el : a) {
          od::value x;
          if (auto e = el.get(x)) return json_fail(e);
          if (!validate(x, depth + 1)) return false;
        }
        return true;
      }
      case od::json_type::string: {
        // UTF-8 is checked for the whole input up front; only escapes need a look, and big
        // strings (base64 images) seldom have any, so they are neither unescaped nor copied.
        std::string_view raw = v.raw_json_token();
        if (raw.find('\\') == std::string_view::npos) {
          od::raw_json_string r;
          if (auto e = v.get_raw_json_string().get(r)) return json_fail(e);
          return true;
        }
        std::string_view s;
        if (auto e = v.get_string().get(s)) {
          std::string scratch;
          std::vector<lone_surrogate> lone;
          if (!detail::unescape_with_lone_surrogates(raw, scratch, lone)) return json_fail(e);
        }
        return true;
      }
      case od::json_type::number: {
        od::number n;
        if (auto e = v.get_number().get(n)) return json_fail(e);
        return true;
      }
      case od::json_type::boolean: {
        bool b;
        if (auto e = v.get_bool().get(b)) return json_fail(e);
        return true;
      }
      case od::json_type::null: {
        bool is_null = false;
        if (auto e = v.is_null().get(is_null)) return json_fail(e);
        if (!is_null) return json_fail(simdjson::N_ATOM_ERROR);
        return true;
      }
    }
    return true;
  }

  bool string_value(od::value v, std::string& out, const std::string& what) {
    od::json_type t;
    if (auto e = v.type().get(t)) return json_fail(e);
    if (t != od::json_type::string) return fail(what + " is not a string");
    std::string_view s;
    if (auto e = v.get_string().get(s)) return json_fail(e);
    out.assign(s);
    return true;
  }

  // `source`: a string or a list of strings, concatenated; records file lines. A second
  // `source` key replaces the first, as Python's json (and so Jupyter) reads it.
  bool source(od::value v, notebook_cell& cell, const std::string& what) {
    od::json_type t;
    if (auto e = v.type().get(t)) return json_fail(e);
    cell.source.clear();
    cell.file_lines.clear();
    cell.lone_surrogates.clear();
    // Offset in cell.source of the next line start to place; npos while the last placed line
    // has no end yet (a piece may end inside a line: ["a", "b\n", "c"]), and then `search` is
    // where to look for that end.
    std::size_t next_line = 0, search = 0;
    auto piece = [&](od::value s) {
      std::string_view raw = s.raw_json_token();
      std::uint32_t at = line_at(raw.data());
      std::string_view text;
      if (auto e = s.get_string().get(text)) {
        if (!detail::unescape_with_lone_surrogates(raw, cell.source, cell.lone_surrogates))
          return json_fail(e);
      } else {
        cell.source.append(text);
      }
      if (next_line == std::string::npos) {
        std::size_t nl = cell.source.find('\n', search);
        next_line = nl == std::string::npos ? std::string::npos : nl + 1;
      }
      while (next_line < cell.source.size()) {
        cell.file_lines.push_back(at);
        std::size_t nl = cell.source.find('\n', next_line);
        next_line = nl == std::string::npos ? std::string::npos : nl + 1;
      }
      search = cell.source.size();
      return true;
    };
    if (t == od::json_type::string) return piece(v);
    if (t != od::json_type::array) return fail(what + ": \"source\" is neither a string nor a list of strings");
    od::array a;
    if (auto e = v.get_array().get(a)) return json_fail(e);
    for (auto el : a) {
      od::value x;
      if (auto e = el.get(x)) return json_fail(e);
      if (auto e = x.type().get(t)) return json_fail(e);
      if (t != od::json_type::string) return fail(what + ": \"source\" is neither a string nor a list of strings");
      if (!piece(x)) return false;
    }
    return true;
  }

  // metadata.vscode.languageId, or the kernel language; `path` names the two keys to follow.
  bool nested_string(od::value v, std::string_view outer, std::string_view inner, std::string& out,
                     std::string_view outer2 = {}, std::string_view inner2 = {}, std::string* out2 = nullptr) {
    od::object o;
    od::json_type t;
    if (auto e = v.type().get(t)) return json_fail(e);
    if (t != od::json_type::object) return validate(v);
    if (auto e = v.get_object().get(o)) return json_fail(e);
    for (auto f : o) {
      od::field field;
      if (auto e = std::move(f).get(field)) return json_fail(e);
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return json_fail(e);
      std::string* target = key == outer ? &out : (out2 && key == outer2) ? out2 : nullptr;
      std::string_view want = key == outer ? inner : inner2;
      if (!target) {
        if (!validate(field.value())) return false;
        continue;
      }
      od::value sub = field.value();
      if (auto e = sub.type().get(t)) return json_fail(e);
      if (t != od::json_type::object) {
        if (!validate(sub)) return false;
        continue;
      }
      od::object so;
      if (auto e = sub.get_object().get(so)) return json_fail(e);
      for (auto g : so) {
        od::field gf;
        if (auto e = std::move(g).get(gf)) return json_fail(e);
        std::string_view k2;
        if (auto e = gf.unescaped_key().get(k2)) return json_fail(e);
        od::value x = gf.value();
        if (k2 == want) {
          if (auto e = x.type().get(t)) return json_fail(e);
          if (t == od::json_type::string) {
            std::string_view s;
            if (auto e = x.get_string().get(s)) return json_fail(e);
            target->assign(s);
            continue;
          }
        }
        if (!validate(x)) return false;
      }
    }
    return true;
  }

  bool cell(od::value v, std::size_t index, notebook& nb) {
    std::string what = "cell " + std::to_string(index + 1);
    od::json_type t;
    if (auto e = v.type().get(t)) return json_fail(e);
    if (t != od::json_type::object) return fail(what + " is not a JSON object");
    od::object o;
    if (auto e = v.get_object().get(o)) return json_fail(e);
    notebook_cell c;
    c.index = index;
    std::string type;
    bool has_source = false, has_type = false;
    for (auto f : o) {
      od::field field;
      if (auto e = std::move(f).get(field)) return json_fail(e);
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return json_fail(e);
      if (key == "cell_type") {
        has_type = true;
        if (!string_value(field.value(), type, what + ": \"cell_type\"")) return false;
      } else if (key == "source") {
        has_source = true;
        if (!source(field.value(), c, what)) return false;
      } else if (key == "id") {
        std::string id;
        if (!string_value(field.value(), id, what + ": \"id\"")) return false;
        c.id = std::move(id);
      } else if (key == "metadata") {
        if (!nested_string(field.value(), "vscode", "languageId", c.language)) return false;
      } else if (!validate(field.value())) {
        return false;
      }
    }
    if (!has_type) return fail(what + " has no \"cell_type\"");
    if (type != "code") return true;
    if (!has_source) return fail(what + " has no \"source\"");
    nb.cells.push_back(std::move(c));
    return true;
  }

  bool cells(od::value v, notebook& nb) {
    od::json_type t;
    if (auto e = v.type().get(t)) return json_fail(e);
    if (t != od::json_type::array) return fail("not a Jupyter notebook: \"cells\" is not a list");
    od::array a;
    if (auto e = v.get_array().get(a)) return json_fail(e);
    std::size_t index = 0;
    for (auto el : a) {
      od::value x;
      if (auto e = el.get(x)) return json_fail(e);
      if (!cell(x, index++, nb)) return false;
    }
    nb.cell_count = index;
    return true;
  }

  bool integer(od::value v, int& out, const char* name) {
    od::json_type t;
    if (auto e = v.type().get(t)) return json_fail(e);
    std::int64_t n = 0;
    if (t != od::json_type::number || v.get_int64().get(n))
      return fail(std::string("not a Jupyter notebook: \"") + name + "\" is not an integer");
    out = static_cast<int>(std::clamp<std::int64_t>(n, -1000000, 1000000));
    return true;
  }

  std::string where(od::document& doc) {
    const char* p = nullptr;
    if (doc.current_location().get(p) || !p) return {};
    auto at = static_cast<std::size_t>(p - base);
    if (at > size) return {};
    std::uint32_t l = 1, col = 1;
    for (std::size_t i = 0; i < at; ++i) {
      if (base[i] == '\n') ++l, col = 1;
      else if ((static_cast<unsigned char>(base[i]) & 0xC0) != 0x80) ++col;
    }
    return " (line " + std::to_string(l) + ", column " + std::to_string(col) + ")";
  }
};

}  // namespace

bool notebook::is_python() const noexcept {
  if (language.empty()) return true;
  std::string l;
  for (char c : language) l += static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
  return l.rfind("python", 0) == 0 || l.rfind("ipython", 0) == 0;
}

bool notebook_cell::is_python() const noexcept {
  if (language.empty()) return true;
  std::string l;
  for (char c : language) l += static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
  return l == "python" || l == "ipython" || l == "python3";
}

std::optional<notebook> read_notebook(std::string_view bytes, std::string& error) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  simdjson::padded_string padded(bytes.data(), bytes.size());
  od::parser parser;
  reader r;
  r.base = padded.data();
  r.size = padded.size();
  notebook nb;
  bool have_format = false, have_cells = false;
  std::string kernel_language, info_language;

  od::document doc;
  bool iterated = false;
  auto run = [&]() -> bool {
    if (auto e = parser.iterate(padded).get(doc)) return r.json_fail(e);
    iterated = true;
    od::json_type t;
    if (auto e = doc.type().get(t)) return r.json_fail(e);
    if (t != od::json_type::object) return r.fail("not a Jupyter notebook: the top level is not a JSON object");
    od::object root;
    if (auto e = doc.get_object().get(root)) return r.json_fail(e);
    for (auto f : root) {
      od::field field;
      if (auto e = std::move(f).get(field)) return r.json_fail(e);
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return r.json_fail(e);
      if (key == "nbformat") {
        have_format = true;
        if (!r.integer(field.value(), nb.nbformat, "nbformat")) return false;
      } else if (key == "nbformat_minor") {
        if (!r.integer(field.value(), nb.nbformat_minor, "nbformat_minor")) return false;
      } else if (key == "cells") {
        have_cells = true;
        if (!r.cells(field.value(), nb)) return false;
      } else if (key == "metadata") {
        if (!r.nested_string(field.value(), "kernelspec", "language", kernel_language, "language_info",
                             "name", &info_language))
          return false;
      } else if (!r.validate(field.value())) {
        return false;
      }
    }
    const char* rest = nullptr;
    if (!doc.current_location().get(rest)) return r.json_fail(simdjson::TRAILING_CONTENT);
    return true;
  };
  bool ok = run();
  // A position helps except where the problem is the end of the file.
  if (!ok && iterated && r.error.rfind("not valid JSON", 0) == 0 && r.json_error != simdjson::EMPTY &&
      r.json_error != simdjson::INCOMPLETE_ARRAY_OR_OBJECT && r.json_error != simdjson::UNCLOSED_STRING)
    r.error += r.where(doc);
  if (ok && !have_format) ok = r.fail("not a Jupyter notebook: no \"nbformat\" field");
  if (ok && nb.nbformat != 4) ok = r.fail("not nbformat 4: this notebook is nbformat " + std::to_string(nb.nbformat));
  if (ok && !have_cells) ok = r.fail("not a Jupyter notebook: no \"cells\" list");
  if (!ok) {
    error = r.error;
    return std::nullopt;
  }
  nb.language = !kernel_language.empty() ? kernel_language : info_language;
  return nb;
}

}  // namespace asynclift
