// Example: check Python files with asynclift's C++ API.
//
// For each file, prints whether it needs async execution (as CPython would decide it when
// compiling the file with ast.PyCF_ALLOW_TOP_LEVEL_AWAIT), the constructs that make it async,
// and every diagnostic CPython would raise, in the usual `path:line:column:` form:
//
//   asynclift_example_cpp [--target-version 3.X] FILE...
//
// Exit status: 0 when no file has errors, 1 when one has, 2 on a usage error or an unreadable
// file. The C example (examples/c/check_file.c) prints exactly the same lines.
#include <asynclift/asynclift.hpp>

#include <cstdint>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = std::move(buffer).str();
  return !in.bad();
}

// Reports one file; true when it has no error diagnostic.
bool report(const std::string& path, const asynclift::analysis& a) {
  const bool errors = a.has_errors();
  std::cout << path << ": "
            << (errors ? "has errors" : a.needs_async ? "needs async" : "does not need async")
            << " (Python " << asynclift::to_string(a.target) << ")\n";
  for (const asynclift::async_site& s : a.async_sites) {
    asynclift::location b = a.source.locate(s.range.begin), e = a.source.locate(s.range.end);
    std::cout << path << ':' << b.line << ':' << b.column << ": async: "
              << asynclift::to_string(s.kind) << " (to " << e.line << ':' << e.column << ")\n";
  }
  for (const asynclift::diagnostic& d : a.diagnostics) {
    asynclift::location b = a.source.locate(d.range.begin);
    // CPython 3.8/3.9 give a few errors no position: line 0, column 1, as CPython prints.
    std::uint32_t line = d.unpositioned ? 0 : b.line, column = d.unpositioned ? 1 : b.column;
    std::cout << path << ':' << line << ':' << column << ": " << asynclift::to_string(d.level)
              << ": " << d.message << " [" << d.code << "]\n";
  }
  return !errors;
}

}  // namespace

int main(int argc, char** argv) {
  asynclift::analyse_options options;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--target-version" && i + 1 < argc) {
      auto v = asynclift::parse_python_version(argv[++i]);
      if (!v) {
        std::cerr << "unsupported target version " << argv[i] << '\n';
        return 2;
      }
      options.target = *v;
    } else if (arg == "--version") {
      std::cout << "asynclift " << asynclift::library_version() << '\n';
      return 0;
    } else {
      paths.emplace_back(arg);
    }
  }
  if (paths.empty()) {
    std::cerr << "usage: " << argv[0] << " [--target-version 3.X] FILE...\n";
    return 2;
  }

  asynclift::analyser engine;  // reuses one parser for all files
  int status = 0;
  for (const std::string& path : paths) {
    std::string bytes;
    if (!read_file(path, bytes)) {
      std::cerr << path << ": cannot read\n";
      status = 2;
      continue;
    }
    // Bytes as Python reads a file: BOM and coding cookie are honoured.
    asynclift::analysis a = engine.analyse_bytes(bytes, options);
    if (!report(path, a) && status == 0) status = 1;
  }
  return status;
}
