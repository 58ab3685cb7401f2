// The Python snippets of the lift. Kept in one place so that what the lifted code does at
// run time can be read in one sitting; see lift_python.hpp for what each one is for.
#include "lift_python.hpp"

#include <algorithm>

namespace asynclift::detail {

std::string py_string(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  out += '\'';
  return out;
}

std::string annotation_key(std::string_view name) {
  bool ascii = std::all_of(name.begin(), name.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return py_string(name);
  return "(lambda " + std::string(name) + ": 0).__code__.co_varnames[0]";
}

std::string star_import(std::string_view module, int level, std::string_view scratch) {
  const std::string m = std::string(scratch) + "module", n = std::string(scratch) + "names",
                    each = std::string(scratch) + "name";
  // zip, map, getattr and hasattr come from the builtins module itself: a REPL namespace that
  // rebinds `map` or `zip` must not break the import.
  const std::string b = "__import__('builtins').";
  // The conditional is in parentheses of its own: `(n := (a if b else c))`, which every
  // parser reads the same way (tree-sitter-python takes `(n := a if b else c)` for
  // `(n := a) if b else c`).
  return "globals().update(" + b + "zip((" + n + " := (" + m + ".__all__ if " + b + "hasattr((" +
         m + " := __import__(" + py_string(module) + ", globals(), globals(), ('*',), " +
         std::to_string(level) + ")), '__all__') else [" + each + " for " + each + " in " + m +
         ".__dict__ if " + each + "[:1] != '_'])), " + b + "map(" + b + "getattr, (" + m +
         ",) * " + n + ".__len__(), " + n + ")))";
}

std::vector<std::string> global_statements(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::vector<std::string> out;
  std::string line;
  for (const std::string& n : names) {
    if (!line.empty() && line.size() + n.size() + 2 > 96) {
      out.push_back(std::move(line));
      line.clear();
    }
    line += line.empty() ? "global " : ", ";
    line += n;
  }
  if (!line.empty()) out.push_back(std::move(line));
  return out;
}

std::string code_fixup(std::string_view wrapper, std::uint32_t line_offset,
                       std::uint32_t last_header_line, std::string_view nl) {
  const std::string w(wrapper), n(nl);
  const std::string prefix = py_string(w + ".<locals>.");
  const std::string cut = std::to_string(w.size() + 10);  // len("<wrapper>.<locals>.")
  const std::string k = std::to_string(line_offset), h = std::to_string(last_header_line);
  const std::string qualified = "c.co_qualname[" + cut + ":] if c.co_qualname.startswith(" +
                                prefix + ") else c.co_qualname";
  return w + ".__code__ = (lambda fix, cls: fix(fix, cls, " + w + ".__code__))(" + n +
         // fix(c): c with its first line moved (when it is in the body), its nested code
         // objects fixed, and its qualified name (co_qualname from 3.11; before, the qualname
         // constants MAKE_FUNCTION takes) without the wrapper's prefix.
         "    # Code nested in the wrapper: the source's line numbers, no '" + w +
         ".<locals>.' in qualified names." + n +
         "    lambda fix, cls, c: cls(c.replace(" + n +
         "        co_firstlineno=c.co_firstlineno - " + k + " if c.co_firstlineno > " + h +
         " else c.co_firstlineno," + n +
         "        co_consts=(*(fix(fix, cls, x) if x.__class__ is c.__class__ else x[" + cut +
         ":] if 'co_qualname' not in c.__dir__()" + n +
         "                     and x.__class__ is ''.__class__ and x.startswith(" + prefix +
         ") else x for x in c.co_consts),)," + n +
         "        **({'co_qualname': " + qualified + "} if 'co_qualname' in c.__dir__() else {}))," +
         n + "        c.co_firstlineno)," + n +
         // cls(c, old): 3.13 class bodies store `__firstlineno__` early on: LOAD_CONST <line>,
         // STORE_NAME __firstlineno__ (opcodes 83 and 114 in 3.13, the only target version
         // with __firstlineno__; names[3] is always `__firstlineno__`). Load a new constant
         // with the moved line instead (a new one: an equal constant of the class body shares
         // the old one).
         "    # 3.13 class bodies: the __firstlineno__ they store." + n +
         "    lambda c, old: (lambda p: c.replace(co_consts=(*c.co_consts, c.co_firstlineno), co_code=c.co_code[:p + 1]" + n +
         "                                        + b''.__class__((c.co_consts.__len__(),)) + c.co_code[p + 2:])" + n +
         "                    if p >= 0 and p % 2 == 0 and c.co_consts.__len__() < 256 else c)(" + n +
         "        c.co_code.find(b''.__class__((83, c.co_consts.index(old), 114, 3))))" + n +
         "    if c.co_firstlineno != old and c.co_names[3:4] == ('__firstlineno__',) and old in c.co_consts" + n +
         "       and c.co_consts.index(old) < 256 else c)";
}

}  // namespace asynclift::detail
