// analysis::incomplete — the console's question: wait for more lines, or report an error?
#include <gtest/gtest.h>

#include <string>

#include "asynclift/asynclift.hpp"

namespace {

bool incomplete(const std::string& text) { return asynclift::analyse_text(text).incomplete; }

}  // namespace

TEST(incomplete_test, unfinished_statements_wait_for_more_lines) {
  EXPECT_TRUE(incomplete("x = (1,\n"));
  EXPECT_TRUE(incomplete("foo(a,\n    b"));
  EXPECT_TRUE(incomplete("if x:\n"));
  EXPECT_TRUE(incomplete("for i in range(3):  # comment\n"));
  EXPECT_TRUE(incomplete("async def f():\n"));
  EXPECT_TRUE(incomplete("s = \"\"\"abc\n"));
  EXPECT_TRUE(incomplete("x = 1 + \\\n"));
  EXPECT_TRUE(incomplete("@decorator\n"));
  EXPECT_TRUE(incomplete("try:\n    pass\nexcept E:\n"));
  EXPECT_TRUE(incomplete("x = 1\nif y:\n"));
}

TEST(incomplete_test, complete_or_invalid_input_does_not_wait) {
  EXPECT_FALSE(incomplete("x = 1\n"));
  EXPECT_FALSE(incomplete("await f()\n"));
  EXPECT_FALSE(incomplete("if x:\n    y\n"));   // complete; a console may still want a blank line
  EXPECT_FALSE(incomplete("x = = 1\n(\n"));     // the error comes before the open bracket
  EXPECT_FALSE(incomplete("'abc\n"));           // unterminated single-quoted string: an error
  EXPECT_FALSE(incomplete("x = 1)\n"));
  EXPECT_FALSE(incomplete("def f():\n    nonlocal x\n"));  // a scope error, not unfinished
  EXPECT_FALSE(incomplete("d = {'a': 1}  # {\n"));         // brackets in comments do not count
  EXPECT_FALSE(incomplete("s = '('\n"));                    // nor in strings
}

TEST(incomplete_test, documents_agree) {
  asynclift::document doc("x = [1,\n");
  EXPECT_TRUE(doc.result().incomplete);
  doc.edit(7, 7, "2]\n");
  EXPECT_FALSE(doc.result().incomplete);
}

TEST(incomplete_test, reasons_and_try_blocks) {
  using asynclift::unfinished_kind;
  EXPECT_EQ(unfinished_kind::bracket, asynclift::analyse_text("x = (1,\n").unfinished);
  EXPECT_EQ(unfinished_kind::string, asynclift::analyse_text("s = '''abc\n").unfinished);
  EXPECT_EQ(unfinished_kind::continuation, asynclift::analyse_text("x = 1 + \\\n").unfinished);
  EXPECT_EQ(unfinished_kind::block, asynclift::analyse_text("if x:\n").unfinished);
  // A try with no handler yet: handlers may follow (CPython's codeop waits).
  EXPECT_EQ(unfinished_kind::block, asynclift::analyse_text("try:\n    pass\n").unfinished);
  EXPECT_EQ(unfinished_kind::block, asynclift::analyse_text("def f():\n    try:\n        g()\n").unfinished);
  EXPECT_EQ(unfinished_kind::none, asynclift::analyse_text("try:\n    pass\nx = 1\n").unfinished);
  EXPECT_EQ(unfinished_kind::none, asynclift::analyse_text("try:\n    pass\nfinally:\n    pass\n").unfinished);
  // An error of a later phase before the unfinished part does not count.
  EXPECT_TRUE(asynclift::analyse_text("match x:\n    case a:\n        pass\n    case b:\n").incomplete);
}

TEST(incomplete_test, diagnostics_carry_their_phase) {
  using asynclift::phase;
  auto first = [](const char* text) { return asynclift::analyse_text(text).diagnostics.at(0).phase; };
  EXPECT_EQ(phase::parser, first("x = = 1\n"));
  EXPECT_EQ(phase::future, first("import os\nfrom __future__ import annotations\n"));
  EXPECT_EQ(phase::symtable, first("def f():\n    nonlocal x\n"));
  EXPECT_EQ(phase::compiler, first("return 1\n"));
}
