// Scopes and symbols (internal), in the shape of CPython's symtable: an arena of scopes
// indexed by id, and one hash table of (scope, name) → flags for the whole source.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace asynclift::detail {

// Symbol flags, as CPython's DEF_* (only those the analysis needs).
enum : std::uint16_t {
  def_global = 1 << 0,     // `global x`
  def_local = 1 << 1,      // bound in this scope
  def_param = 1 << 2,      // a parameter
  def_nonlocal = 1 << 3,   // `nonlocal x` (or a comprehension's walrus target)
  use = 1 << 4,            // read
  def_import = 1 << 5,     // bound by import
  def_annot = 1 << 6,      // annotated simple name
  def_comp_iter = 1 << 7,  // comprehension iteration variable
  def_type_param = 1 << 8, // PEP 695 type parameter
};
constexpr std::uint16_t def_bound = def_local | def_param | def_import;

enum class scope_kind : std::uint8_t {
  module,
  function,       // def / async def
  lambda,
  class_body,
  comprehension,  // list/set/dict comprehension, generator expression
  type_params,    // PEP 695: the scope holding a generic's type parameters
  type_alias,     // PEP 695: the lazily evaluated value of `type X = …`
  type_var_bound, // PEP 695: a type variable's bound or constraints (or, 3.13, its default)
  annotation,     // 3.10+: annotations under `from __future__ import annotations`
};

enum class comp_kind : std::uint8_t { none, list, set, dict, generator };

constexpr std::uint32_t no_offset = 0xFFFFFFFFu;
constexpr std::uint32_t no_scope = 0xFFFFFFFFu;

struct scope {
  scope_kind kind = scope_kind::module;
  comp_kind comp = comp_kind::none;
  bool is_async = false;    // async def
  bool generator = false;   // contains yield (its own)
  bool coroutine = false;   // CPython's ste_coroutine
  bool inlined = false;     // 3.12+: a list/set/dict comprehension compiled in its parent's code
  std::uint32_t parent = no_scope;
  std::uint32_t begin = 0;           // byte offset where CPython places the scope (ste_lineno)
  std::uint32_t first_yield = no_offset;
  std::string_view private_name;     // innermost enclosing class name, for name mangling
  // For type_var_bound scopes: what CPython calls it in messages ("a TypeVar bound", …).
  std::string_view description;
  // `return value` statements, checked when the scope ends (async generators).
  std::vector<std::uint32_t> value_returns;
  // 3.8–3.10: async list/set/dict comprehensions directly in this scope, checked when this
  // scope ends (their legality depends on whether this one turns out to be a coroutine).
  std::vector<std::uint32_t> async_children;  // comprehension begin offsets
};

struct symbol {
  std::uint32_t scope;
  std::string_view name;
  std::uint16_t flags = 0;
  std::uint32_t directive = no_offset;  // first global/nonlocal directive: byte range
  std::uint32_t directive_end = 0;
};

// (scope, name) → symbol, open addressing; names are views into the source text or into
// `strings` (mangled names).
class symbol_table {
 public:
  symbol_table() { rehash(64); }
  // The symbol's index, adding it with no flags when absent.
  std::uint32_t intern(std::uint32_t scope, std::string_view name);
  // The symbol's index, or no_offset.
  std::uint32_t find(std::uint32_t scope, std::string_view name) const;
  std::uint16_t flags(std::uint32_t scope, std::string_view name) const {
    std::uint32_t i = find(scope, name);
    return i == no_offset ? 0 : symbols_[i].flags;
  }
  symbol& operator[](std::uint32_t i) { return symbols_[i]; }
  const symbol& operator[](std::uint32_t i) const { return symbols_[i]; }
  std::size_t size() const noexcept { return symbols_.size(); }
  // Storage for names that are not in the source text (mangled private names).
  std::string_view store(std::string s) { return strings_.emplace_back(std::move(s)); }

 private:
  static std::uint64_t hash(std::uint32_t scope, std::string_view name) noexcept;
  void rehash(std::size_t capacity);

  std::vector<symbol> symbols_;
  std::vector<std::uint32_t> slots_;  // symbol index + 1; 0 = empty
  std::deque<std::string> strings_;
};

}  // namespace asynclift::detail
