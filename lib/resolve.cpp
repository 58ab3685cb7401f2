// CPython resolves scopes top-down: each function passes to its children the set of names
// bound in it or above it (`bound`), minus the names it declares global; a class passes its
// parent's set through unchanged (its own bindings are not visible to nested functions), plus
// `__class__`; the module passes nothing. A `nonlocal x` is valid when x is in the `bound` set
// its scope receives. Only scopes that declare `nonlocal` need that set, so instead of
// building every set this walks up from each declaration and asks the same question.
#include "resolve.hpp"

#include <unordered_map>

namespace asynclift::detail {
namespace {

enum class lookup { bound, type_param, unbound };

lookup find_binding(const walk_result& r, std::uint32_t s, std::string_view name) {
  for (std::uint32_t p = r.scopes[s].parent; p != no_scope; p = r.scopes[p].parent) {
    const scope& sc = r.scopes[p];
    switch (sc.kind) {
      case scope_kind::module:
        return lookup::unbound;
      case scope_kind::class_body:
        if (name == "__class__") return lookup::bound;
        continue;  // a class passes its parent's bindings through
      default: {
        std::uint16_t f = r.symbols.flags(p, name);
        if (f & def_global) return lookup::unbound;  // discarded from `bound`
        if ((f & def_bound) && !(f & def_nonlocal))
          return (f & def_type_param) ? lookup::type_param : lookup::bound;
        continue;
      }
    }
  }
  return lookup::unbound;
}

}  // namespace

void resolve_nonlocals(const walk_result& r, std::size_t first, diagnostic_sink& sink) {
  for (std::size_t k = first; k < r.nonlocals.size(); ++k) {
    const symbol& sym = r.symbols[r.nonlocals[k]];
    const std::uint32_t at = sym.directive == no_offset ? 0 : sym.directive;
    const std::uint32_t end = sym.directive == no_offset ? at : sym.directive_end;
    if (sym.flags & def_global) {
      sink.report(msg::nonlocal_and_global, at, end, sym.name);
      continue;
    }
    switch (find_binding(r, sym.scope, sym.name)) {
      case lookup::bound:
        break;
      case lookup::type_param:
        sink.report(msg::nonlocal_type_param, at, end, sym.name);
        break;
      case lookup::unbound:
        sink.report(msg::nonlocal_no_binding, at, end, sym.name);
        break;
    }
  }
}

std::vector<std::string_view> resolve_module(const std::vector<module_event>& events,
                                             diagnostic_sink& sink) {
  struct state {
    std::uint16_t flags = 0;
    std::uint32_t directive_begin = no_offset, directive_end = 0;
  };
  std::unordered_map<std::string_view, state> names;
  names.reserve(events.size());
  std::vector<std::string_view> bindings, nonlocals;
  for (const module_event& e : events) {
    state& st = names[e.name];
    const std::uint16_t before = st.flags;
    if (e.directive) {
      const bool nonlocal = e.flag == def_nonlocal;
      if (before & (def_param | def_local | use | def_annot)) {
        msg m;
        if (before & use)
          m = nonlocal ? msg::nonlocal_after_use : msg::global_after_use;
        else if (before & def_annot)
          m = nonlocal ? msg::nonlocal_annot : msg::global_annot;
        else
          m = nonlocal ? msg::nonlocal_after_assign : msg::global_after_assign;
        sink.report(m, e.begin, e.end, e.name);
      }
      if (st.directive_begin == no_offset) {
        st.directive_begin = e.begin;
        st.directive_end = e.end;
      }
      if (nonlocal && !(before & def_nonlocal)) nonlocals.push_back(e.name);
    }
    st.flags = static_cast<std::uint16_t>(before | e.flag);
    if ((e.flag & (def_bound | def_global)) && !(before & (def_bound | def_global)))
      bindings.push_back(e.name);
  }
  for (std::string_view name : nonlocals) {
    const state& st = names[name];
    if (st.flags & def_global)
      sink.report(msg::nonlocal_and_global, st.directive_begin, st.directive_end, name);
    else
      sink.report(msg::nonlocal_at_module, st.directive_begin, st.directive_end);
  }
  return bindings;
}

}  // namespace asynclift::detail
