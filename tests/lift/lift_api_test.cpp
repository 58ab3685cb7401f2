// The library API of the lift (asynclift/lift.hpp): refusal, options, line_offset, encodings,
// the overloads, and the source-fidelity promise checked on the text itself. What the lifted
// code does when it runs is the equivalence harness's job (equivalence.py).
#include <gtest/gtest.h>

#include <string>

#include "asynclift/asynclift.hpp"

namespace {

using asynclift::lift_mode;
using asynclift::lift_options;
using asynclift::lift_result;

bool has_code(const std::vector<asynclift::diagnostic>& ds, std::string_view code) {
  for (const auto& d : ds)
    if (d.code == code) return true;
  return false;
}

TEST(LiftApi, LiftsAndReportsTheOffset) {
  lift_result r = asynclift::lift_text("import asyncio\nx = await asyncio.sleep(0)\n");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.code,
            "async def __async_exec__():\n"
            "    global asyncio, x\n"
            "    import asyncio\n"
            "    x = await asyncio.sleep(0)\n");
  EXPECT_EQ(r.line_offset, 2u);
  EXPECT_TRUE(r.analysis.needs_async);
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(LiftApi, RefusesSourceWithErrors) {
  lift_result r = asynclift::lift_text("x = 1\ndef f():\n    nonlocal x\n");
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.code.empty());
  ASSERT_TRUE(r.analysis.has_errors());
  EXPECT_EQ(r.analysis.diagnostics[0].message, "no binding for nonlocal 'x' found");
}

TEST(LiftApi, WrapperNameMustBeAnUnusedIdentifier) {
  lift_options o;
  o.wrapper = "class";
  lift_result bad = asynclift::lift_text("x = 1\n", o);
  EXPECT_FALSE(bad.ok);
  EXPECT_TRUE(has_code(bad.diagnostics, "lift-invalid-wrapper"));

  o.wrapper = "run_cell";
  lift_result taken = asynclift::lift_text("def run_cell(): pass\n", o);
  EXPECT_FALSE(taken.ok);
  EXPECT_TRUE(has_code(taken.diagnostics, "lift-wrapper-taken"));

  lift_result fine = asynclift::lift_text("def other(): pass\n", o);
  ASSERT_TRUE(fine.ok);
  EXPECT_EQ(fine.code.rfind("async def run_cell():\n", 0), 0u);
}

TEST(LiftApi, AnalysisOverloadMatchesText) {
  const std::string src = "\"\"\"doc\"\"\"\nfrom __future__ import annotations\nv: int = 1\nv\n";
  lift_options o;
  o.mode = lift_mode::last_expr;
  asynclift::analyse_options ao;
  ao.target = o.target;
  lift_result a = asynclift::lift(asynclift::analyse_text(src, ao), o);
  lift_result b = asynclift::lift_text(src, o);
  ASSERT_TRUE(a.ok);
  EXPECT_EQ(a.code, b.code);
  EXPECT_EQ(a.line_offset, b.line_offset);
  EXPECT_NE(a.code.find("    return (v)\n"), std::string::npos);
}

TEST(LiftApi, KeepsEncodingBomAndCookie) {
  const std::string latin1 = "# -*- coding: latin-1 -*-\ns = 'caf\xe9'\n";
  lift_result r = asynclift::lift(latin1);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.code.rfind("# -*- coding: latin-1 -*-\nasync def", 0), 0u);
  EXPECT_NE(r.code.find("s = 'caf\xe9'"), std::string::npos);  // still latin-1, one byte

  const std::string bom = "\xEF\xBB\xBFx = 'caf\xC3\xA9'\n";
  lift_result b = asynclift::lift(bom);
  ASSERT_TRUE(b.ok);
  EXPECT_EQ(b.code.rfind("\xEF\xBB\xBF" "async def", 0), 0u);
  EXPECT_NE(b.code.find("x = 'caf\xC3\xA9'"), std::string::npos);
}

TEST(LiftApi, StringsAndLineEndingsSurvive) {
  const std::string src =
      "if True:\r\n    s = \"\"\"\r\n  keep\r\n\"\"\"\r\n    t = (1,\r\n  2)\r\nu = 1 + \\\r\n2";
  lift_result r = asynclift::lift_text(src);
  ASSERT_TRUE(r.ok);
  EXPECT_NE(r.code.find("s = \"\"\"\r\n  keep\r\n\"\"\"\r\n"), std::string::npos);
  EXPECT_NE(r.code.find("t = (1,\r\n  2)\r\n"), std::string::npos);
  EXPECT_NE(r.code.find("    u = 1 + \\\r\n2"), std::string::npos);
  EXPECT_EQ(r.code.back(), '2');  // no final newline added
  for (std::size_t i = 0; i < r.code.size(); ++i) {
    if (r.code[i] == '\n') {
      ASSERT_EQ(r.code[i - 1], '\r') << "a bare LF at " << i;
    }
  }
}

TEST(LiftApi, TabIndentedSourceGetsATab) {
  lift_result r = asynclift::lift_text("if x:\n\ty = 1\n");
  ASSERT_TRUE(r.ok);
  EXPECT_NE(r.code.find("\n\tif x:\n\t\ty = 1\n"), std::string::npos);
}

TEST(LiftApi, RunnerLines) {
  lift_options o;
  EXPECT_EQ(asynclift::runner_lines("asyncio", o), "__import__('asyncio').run(__async_exec__())\n");
  EXPECT_EQ(asynclift::runner_lines("none", o), "");
  o.mode = lift_mode::last_expr;
  o.wrapper = "cell";
  EXPECT_EQ(asynclift::runner_lines("trio", o, "\r\n"),
            "__import__('sys').displayhook(__import__('trio').run(cell))\r\n");
}

TEST(LiftApi, Modes) {
  for (lift_mode m : {lift_mode::exec, lift_mode::interactive, lift_mode::last_expr})
    EXPECT_EQ(asynclift::parse_lift_mode(asynclift::to_string(m)), m);
  EXPECT_FALSE(asynclift::parse_lift_mode("single").has_value());
}

TEST(LiftApi, WarnsWhenTheSourceRebindsAHelperBuiltin) {
  lift_result r = asynclift::lift_text("globals = 1\nprint(locals())\n");
  ASSERT_TRUE(r.ok);
  EXPECT_TRUE(has_code(r.diagnostics, "lift-shadowed-builtin"));
}

}  // namespace
