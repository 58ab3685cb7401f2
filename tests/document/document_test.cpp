// The incremental document must always agree with a fresh analysis of the same text.
// Property test: random edits (insertions, deletions, replacements of random spans with
// fragments of Python), after each one the document's analysis is compared field by field
// with asynclift::analyse_text of the document's text.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "asynclift/asynclift.hpp"

namespace {

using asynclift::analysis;

std::string describe(const analysis& a) {
  std::string s = "needs_async=" + std::to_string(a.needs_async) + "\n";
  for (const auto& d : a.diagnostics)
    s += std::string(d.code) + " " + d.message + " @" + std::to_string(d.range.begin) + "-" +
         std::to_string(d.range.end) + (d.unpositioned ? " (0)" : "") + "\n";
  for (const auto& site : a.async_sites)
    s += std::string(asynclift::to_string(site.kind)) + " @" + std::to_string(site.range.begin) + "-" +
         std::to_string(site.range.end) + "\n";
  for (const auto& b : a.module_bindings) s += "bind " + b + "\n";
  for (std::uint32_t line = 1; line <= a.source.line_count(); ++line)
    s.append("L").append(std::to_string(a.source.line_start(line))).append(" ");
  return s;
}

const std::vector<std::string> fragments = {
    "x = 1\n", "await f()\n", "def f():\n    nonlocal x\n", "async def g():\n    return 1\n",
    "class C:\n    y = await z\n", "[a async for a in b]\n", "global x\n", "(", ")", ":", "\n",
    "    ", "from __future__ import annotations\n", "y: int = 2\n", "'''", "#", "\r\n",
    "lambda: (yield)\n", "for i in r:\n    break\n", "x", "await", "async ", "nonlocal q\n",
    "import os\n", "print(x)\n", "if x:\n    pass\nelse:\n    continue\n", "\"", "\\\n",
};

std::string initial_text(std::mt19937& rng) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += fragments[rng() % fragments.size()];
  return text;
}

}  // namespace

TEST(document_test, matches_fresh_analysis_after_random_edits) {
  for (int target = 8; target <= 13; target += 5) {
    asynclift::analyse_options options;
    options.target = static_cast<asynclift::python_version>(target);
    std::mt19937 rng(1234u + static_cast<unsigned>(target));
    for (int round = 0; round < 30; ++round) {
      asynclift::document doc(initial_text(rng), options);
      EXPECT_EQ(describe(asynclift::analyse_text(doc.text(), options)), describe(doc.result()));
      for (int step = 0; step < 40; ++step) {
        const auto size = static_cast<std::uint32_t>(doc.text().size());
        std::uint32_t begin = size ? static_cast<std::uint32_t>(rng() % (size + 1)) : 0;
        std::uint32_t end = std::min<std::uint32_t>(size, begin + static_cast<std::uint32_t>(rng() % 12));
        if (rng() % 3 == 0) end = begin;  // pure insertion
        std::string replacement = rng() % 4 == 0 ? "" : fragments[rng() % fragments.size()];
        doc.edit(begin, end, replacement);
        if (rng() % 4 == 0) continue;  // several edits before the next result
        ASSERT_EQ(describe(asynclift::analyse_text(doc.text(), options)), describe(doc.result()))
            << "after edit " << step << " of round " << round << ", text:\n" << doc.text();
      }
    }
  }
}

TEST(document_test, one_line_edit_in_large_file_keeps_other_statements) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "def f" + std::to_string(i) + "(a):\n    return a + " + std::to_string(i) + "\n";
  asynclift::document doc(text);
  EXPECT_FALSE(doc.result().needs_async);
  const std::size_t at = doc.text().find("return a + 1000");
  doc.edit(static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 6), "x = await");
  const analysis& a = doc.result();
  EXPECT_EQ(describe(asynclift::analyse_text(doc.text())), describe(a));
  ASSERT_EQ(1u, a.diagnostics.size());
  EXPECT_EQ("'await' outside async function", a.diagnostics[0].message);
}

// Edits of a module without syntax errors, which the document analyses part by part (only the
// top-level statements an edit touched are parsed again): whole lines and small tokens, mostly
// keeping the text valid, sometimes not, at every place (the docstring and future imports at
// the top, comment lines between statements, the end of the text).
TEST(document_test, matches_fresh_analysis_after_edits_of_a_valid_module) {
  const std::vector<std::string> statements = {
      "x = 1\n", "await f()\n", "def f(a):\n    return a + x\n", "# a comment\n", "\n",
      "class C:\n    y = 2\n    def m(self):\n        return y\n", "for i in range(3):\n    total = i\n",
      "def outer():\n    n = 0\n    def inner():\n        nonlocal n\n        n += 1\n    return inner\n",
      "values = [v async for v in aiter()]\n", "async with lock:\n    z = 3\n", "print(x)\r\n",
      "def bad():\n    nonlocal nothing\n", "global g\n", "locals()\n", "if x:\n    pass\n# trailing\n",
      "from __future__ import annotations\n", "import os\n", "async def g():\n    await h()\n",
  };
  const std::vector<std::string> tokens = {"x", "await ", "1", "(", ")", ":", "\n", "    ", "#", "'''",
                                           "y = await z\n", "nonlocal q\n", "return 5\n", "yield\n"};
  for (int target = 8; target <= 13; target += 5) {
    asynclift::analyse_options options;
    options.target = static_cast<asynclift::python_version>(target);
    std::mt19937 rng(99u + static_cast<unsigned>(target));
    for (int round = 0; round < 40; ++round) {
      std::string text = "\"\"\"Docstring.\"\"\"\nfrom __future__ import annotations\n";
      for (int i = 0; i < 30; ++i) text += statements[rng() % statements.size()];
      asynclift::document doc(text, options);
      ASSERT_EQ(describe(asynclift::analyse_text(doc.text(), options)), describe(doc.result()));
      std::string valid = text;
      for (int step = 0; step < 60; ++step) {
        const std::string& t = doc.text();
        const auto size = static_cast<std::uint32_t>(t.size());
        // A line start, mostly; sometimes any offset.
        std::uint32_t begin = size ? static_cast<std::uint32_t>(rng() % (size + 1)) : 0;
        if (rng() % 4 != 0)
          while (begin > 0 && t[begin - 1] != '\n') --begin;
        std::uint32_t end = begin;
        std::string replacement;
        switch (rng() % 4) {
          case 0:  // insert a statement
            replacement = statements[rng() % statements.size()];
            break;
          case 1: {  // delete a line
            std::size_t nl = t.find('\n', begin);
            end = nl == std::string::npos ? size : static_cast<std::uint32_t>(nl + 1);
            break;
          }
          case 2:  // replace a few bytes with a token
            end = std::min<std::uint32_t>(size, begin + static_cast<std::uint32_t>(rng() % 4));
            replacement = tokens[rng() % tokens.size()];
            break;
          default: {  // replace a line with a statement
            std::size_t nl = t.find('\n', begin);
            end = nl == std::string::npos ? size : static_cast<std::uint32_t>(nl + 1);
            replacement = statements[rng() % statements.size()];
          }
        }
        const std::string removed = t.substr(begin, end - begin);
        doc.edit(begin, end, replacement);
        if (rng() % 5 == 0) continue;  // several edits before the next result
        const analysis fresh = asynclift::analyse_text(doc.text(), options);
        ASSERT_EQ(describe(fresh), describe(doc.result()))
            << "after edit " << step << " of round " << round << ", text:\n" << doc.text();
        // Mostly back to a valid text, as a person typing gets there.
        const bool broken = std::any_of(fresh.diagnostics.begin(), fresh.diagnostics.end(),
                                        [](const auto& d) { return d.phase == asynclift::phase::parser; });
        if (!broken) {
          valid = doc.text();
        } else if (rng() % 4 != 0) {
          if (rng() % 2 == 0)  // undo the edit
            doc.edit(begin, begin + static_cast<std::uint32_t>(replacement.size()), removed);
          else  // or go back to the last valid text
            doc.edit(0, static_cast<std::uint32_t>(doc.text().size()), valid);
          ASSERT_EQ(describe(asynclift::analyse_text(doc.text(), options)), describe(doc.result()))
              << "after going back at edit " << step << " of round " << round << ", text:\n" << doc.text();
        }
      }
    }
  }
}
