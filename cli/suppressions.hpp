// Per-line suppression comments: `# asynclift: ignore` (every finding on that line) and
// `# asynclift: ignore[code-a, code-b]` (only those codes). Only real comments count: the text
// is scanned with Python's tokenization rules (strings of every prefix, triple quotes,
// f-strings with PEP 701 nesting from 3.12 on), never searched as a plain substring.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "asynclift/version.hpp"

namespace asynclift::cli {

// A comment: its 1-based line and its text from `#` to the end of the line.
struct comment {
  std::uint32_t line;
  std::uint32_t column;  // 1-based byte column of `#`
  std::string_view text;
};

// Every comment of Python source `text` (decoded), in order.
std::vector<comment> find_comments(std::string_view text, python_version target);

class suppressions {
 public:
  suppressions() = default;
  suppressions(std::string_view text, python_version target);

  // Whether a finding with `code` starting on 1-based `line` is suppressed.
  bool suppressed(std::uint32_t line, std::string_view code) const;

 private:
  struct directive {
    bool all = false;
    std::vector<std::string> codes;
  };
  std::map<std::uint32_t, directive> lines_;
};

}  // namespace asynclift::cli
