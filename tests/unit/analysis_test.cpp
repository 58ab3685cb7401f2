// The analyser API: verdict (needs_async), async sites, diagnostics, module bindings.
//
// Every expected message, line and verdict below is CPython's: each snippet was run with
// `python3 tests/oracle/probe.py '<snippet>'`, which compiles it under CPython 3.8–3.13 with
// ast.PyCF_ALLOW_TOP_LEVEL_AWAIT (the allow_top_level_await=false cases: plain compile()).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "asynclift/analysis.hpp"
#include "test_support.hpp"

namespace {

using namespace asynclift;
using asynclift::test_support::all_versions;
using asynclift::test_support::check;
using asynclift::test_support::column_of;
using asynclift::test_support::error_lines;
using asynclift::test_support::errors_of;
using asynclift::test_support::line_of;
using asynclift::test_support::text_of;

using lines = std::vector<std::string>;

// --- the seed case -----------------------------------------------------------------------

// The false positive that started the project: wrapping this cell in `async def` would make
// `x` resolve to the wrapper's local; CPython says it is an error and not async.
TEST(SeedCaseTest, NonlocalWithoutBindingIsAnErrorAndNotAsync) {
  const std::string source = "x = 1\ndef f():\n    nonlocal x\n    x = 10000\n";
  for (python_version v : all_versions) {
    SCOPED_TRACE(to_string(v));
    analysis a = check(source, v);
    EXPECT_FALSE(a.needs_async);
    EXPECT_TRUE(a.async_sites.empty());
    EXPECT_TRUE(a.has_errors());
    ASSERT_EQ(1u, a.diagnostics.size());
    const diagnostic& d = a.diagnostics[0];
    EXPECT_EQ("nonlocal-without-binding", d.code);
    EXPECT_EQ(severity::error, d.level);
    EXPECT_EQ("no binding for nonlocal 'x' found", d.message);
    EXPECT_FALSE(d.unpositioned);
    EXPECT_EQ(3u, line_of(a, d));
    EXPECT_EQ(5u, column_of(a, d));
  }
}

TEST(SeedCaseTest, SameThroughTheBytesEntryPoint) {
  analysis a = analyse_bytes("x = 1\ndef f():\n    nonlocal x\n    x = 10000\n");
  EXPECT_FALSE(a.needs_async);
  EXPECT_EQ((lines{"no binding for nonlocal 'x' found @3"}), error_lines(a));
}

// --- needs_async: top-level constructs ---------------------------------------------------

struct site_case {
  const char* name;  // the ctest name suffix
  const char* source;
  async_kind kind;
  const char* site_text;  // the source text the site's range covers (a prefix of it for statements)
  std::uint32_t line, column;
};

template <class Case>
std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  return info.param.name;
}
void PrintTo(const site_case& c, std::ostream* os) { *os << ::testing::PrintToString(c.source); }

class TopLevelAsyncTest : public ::testing::TestWithParam<site_case> {};

TEST_P(TopLevelAsyncTest, NeedsAsyncWithOneSite) {
  const site_case& c = GetParam();
  for (python_version v : all_versions) {
    SCOPED_TRACE(to_string(v));
    analysis a = check(c.source, v);
    EXPECT_EQ(lines{}, error_lines(a));
    EXPECT_TRUE(a.needs_async);
    ASSERT_EQ(1u, a.async_sites.size());
    const async_site& s = a.async_sites[0];
    EXPECT_EQ(c.kind, s.kind);
    EXPECT_EQ((location{c.line, c.column}), a.source.locate(s.range.begin));
    EXPECT_EQ(0u, text_of(a, s.range).rfind(c.site_text, 0)) << text_of(a, s.range);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Constructs, TopLevelAsyncTest,
    ::testing::Values(
        site_case{"Await", "await x\n", async_kind::await_expr, "await x", 1, 1},
        site_case{"AwaitInAssignment", "x = await asyncio.sleep(0)\n", async_kind::await_expr, "await asyncio.sleep(0)", 1, 5},
        site_case{"AsyncFor", "async for x in y:\n    pass\n", async_kind::async_for, "async for x in y:", 1, 1},
        site_case{"AsyncWith", "async with x:\n    pass\n", async_kind::async_with, "async with x:", 1, 1},
        site_case{"AsyncListComprehension", "[x async for x in y]\n", async_kind::async_comprehension, "[x async for x in y]", 1, 1},
        site_case{"AsyncDictComprehension", "{k: v async for k, v in y}\n", async_kind::async_comprehension,
                  "{k: v async for k, v in y}", 1, 1},
        site_case{"AwaitInGeneratorExpression", "g = (await x for x in y)\n", async_kind::async_comprehension,
                  "(await x for x in y)", 1, 5},
        site_case{"AsyncGeneratorExpression", "(x async for x in y)\n", async_kind::async_comprehension, "(x async for x in y)", 1, 1},
        // An await in the first iterable is evaluated in the enclosing (module) scope.
        site_case{"AwaitInFirstIterable", "[x for x in await y]\n", async_kind::await_expr, "await y", 1, 13},
        // Nested in compound statements at module level: still module code.
        site_case{"AwaitInForBody", "for i in range(3):\n    await tick(i)\n", async_kind::await_expr, "await tick(i)", 2, 5},
        site_case{"AwaitInWhileIf", "while running:\n    if ready:\n        await step()\n", async_kind::await_expr,
                  "await step()", 3, 9},
        site_case{"AwaitInTry", "try:\n    await connect()\nexcept OSError:\n    pass\n", async_kind::await_expr,
                  "await connect()", 2, 5},
        site_case{"AwaitInWith", "with lock:\n    await work()\n", async_kind::await_expr, "await work()", 2, 5},
        site_case{"AsyncWithInIf", "if c:\n    async with a:\n        pass\n", async_kind::async_with, "async with a:", 2, 5}),
    case_name<site_case>);

TEST(NeedsAsyncTest, EverySiteIsReportedInSourceOrder) {
  analysis a = check(
      "import asyncio\nx = await asyncio.sleep(0)\nasync for a in b:\n    pass\n"
      "async with c as d:\n    pass\ny = [i async for i in z]\n");
  EXPECT_TRUE(a.needs_async);
  ASSERT_EQ(4u, a.async_sites.size());
  EXPECT_EQ(async_kind::await_expr, a.async_sites[0].kind);
  EXPECT_EQ(async_kind::async_for, a.async_sites[1].kind);
  EXPECT_EQ(async_kind::async_with, a.async_sites[2].kind);
  EXPECT_EQ(async_kind::async_comprehension, a.async_sites[3].kind);
  for (std::size_t i = 1; i < a.async_sites.size(); ++i)
    EXPECT_LT(a.async_sites[i - 1].range.begin, a.async_sites[i].range.begin);
}

TEST(NeedsAsyncTest, AsyncForStatementSiteCoversTheWholeStatement) {
  analysis a = check("async for item in source:\n    print(item)\nx = 1\n");
  ASSERT_EQ(1u, a.async_sites.size());
  std::string covered = text_of(a, a.async_sites[0].range);
  EXPECT_EQ(0u, covered.rfind("async for item in source:", 0)) << covered;
  EXPECT_NE(std::string::npos, covered.find("print(item)")) << covered;
  EXPECT_EQ(std::string::npos, covered.find("x = 1")) << covered;
}

TEST(NeedsAsyncTest, PlainCodeIsNotAsync) {
  for (const char* source : {"", "x = 1\n", "import os\nprint(os.getcwd())\n",
                             "x = 1\n\nwith open(p) as fh:\n    pass\n"}) {
    SCOPED_TRACE(source);
    analysis a = check(source);
    EXPECT_FALSE(a.needs_async);
    EXPECT_TRUE(a.async_sites.empty());
    EXPECT_TRUE(a.diagnostics.empty());
    EXPECT_FALSE(a.has_errors());
  }
}

// --- never inside def / lambda / class ---------------------------------------------------

TEST(NeedsAsyncTest, AsyncInsideAsyncDefIsValidAndNotAsync) {
  for (const char* source :
       {"async def f():\n    await x\n    async for a in b: pass\n    [x async for x in y]\n",
        "class C:\n    async def m(self):\n        await x\n",
        "def f():\n    return (x async for x in y)\n",  // an async genexp is allowed in a sync def
        "f = lambda: (x async for x in y)\n",
        "async def f():\n    return [x async for x in y]\n"}) {
    for (python_version v : all_versions) {
      SCOPED_TRACE(std::string(source) + " / " + to_string(v));
      analysis a = check(source, v);
      EXPECT_EQ(lines{}, error_lines(a));
      EXPECT_FALSE(a.needs_async);
      EXPECT_TRUE(a.async_sites.empty());
    }
  }
}

struct error_case {
  const char* name;  // the ctest name suffix
  const char* source;
  const char* message;
  std::uint32_t line;
};

void PrintTo(const error_case& c, std::ostream* os) { *os << ::testing::PrintToString(c.source); }

class AsyncOutsideAsyncFunctionTest : public ::testing::TestWithParam<error_case> {};

TEST_P(AsyncOutsideAsyncFunctionTest, IsAnErrorNotATopLevelSite) {
  const error_case& c = GetParam();
  for (python_version v : all_versions) {
    SCOPED_TRACE(to_string(v));
    analysis a = check(c.source, v);
    EXPECT_EQ((lines{std::string(c.message) + " @" + std::to_string(c.line)}), error_lines(a));
    EXPECT_FALSE(a.needs_async);
    EXPECT_TRUE(a.async_sites.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Scopes, AsyncOutsideAsyncFunctionTest,
    ::testing::Values(
        error_case{"AwaitInDef", "def f():\n    await x\n", "'await' outside async function", 2},
        error_case{"AwaitInLambda", "f = lambda: await x\n", "'await' outside async function", 1},
        error_case{"AwaitInClass", "class C:\n    await x\n", "'await' outside function", 2},
        error_case{"AwaitInClassInAsyncDef", "async def f():\n    class C:\n        x = await y\n", "'await' outside function", 3},
        error_case{"AwaitInDefInAsyncDef", "async def f():\n    def g():\n        await x\n", "'await' outside async function", 3},
        error_case{"AsyncForInDef", "def f():\n    async for x in y: pass\n", "'async for' outside async function", 2},
        error_case{"AsyncWithInDef", "def f():\n    async with x: pass\n", "'async with' outside async function", 2}),
    case_name<error_case>);

TEST(NeedsAsyncTest, AsyncComprehensionInDefIsUnpositionedBefore310) {
  // CPython 3.8/3.9: lineno 0; 3.10+: the comprehension's line.
  const char* source = "def f():\n    return [x async for x in y]\n";
  for (python_version v : all_versions) {
    SCOPED_TRACE(to_string(v));
    analysis a = check(source, v);
    ASSERT_EQ(1u, errors_of(a).size());
    const diagnostic& d = *errors_of(a)[0];
    EXPECT_EQ("asynchronous comprehension outside of an asynchronous function", d.message);
    bool old = minor(v) < 10;
    EXPECT_EQ(old, d.unpositioned);
    EXPECT_EQ(old ? 0u : 2u, line_of(a, d));
    // The range still points at the construct, for editors.
    EXPECT_EQ(2u, a.source.locate(d.range.begin).line);
    EXPECT_FALSE(a.needs_async);
  }
}

TEST(NeedsAsyncTest, NestedAsyncComprehensionDriftsAt311) {
  // CPython 3.8-3.10: an async comprehension inside a sync comprehension is an error
  // (line 0 in 3.8/3.9); 3.11+: allowed, and the module is a coroutine.
  const char* source = "x = [[a async for a in b] for c in d]\n";
  for (python_version v : all_versions) {
    SCOPED_TRACE(to_string(v));
    analysis a = check(source, v);
    if (minor(v) <= 10) {
      std::uint32_t line = minor(v) <= 9 ? 0 : 1;
      EXPECT_EQ((lines{"asynchronous comprehension outside of an asynchronous function @" +
                       std::to_string(line)}),
                error_lines(a));
    } else {
      EXPECT_EQ(lines{}, error_lines(a));
      EXPECT_TRUE(a.needs_async);
      EXPECT_FALSE(a.async_sites.empty());
    }
  }
}

// --- allow_top_level_await = false (a plain module) --------------------------------------

class PlainModuleTest : public ::testing::TestWithParam<error_case> {};

TEST_P(PlainModuleTest, TopLevelAsyncIsAnError) {
  const error_case& c = GetParam();
  for (python_version v : all_versions) {
    SCOPED_TRACE(to_string(v));
    analysis a = check(c.source, v, /*allow_top_level_await=*/false);
    EXPECT_FALSE(a.needs_async);
    std::uint32_t line = c.line;
    // compile() without the flag: 3.8/3.9 give the comprehension error at line 0.
    if (std::string(c.message).rfind("asynchronous comprehension", 0) == 0 && minor(v) < 10)
      line = 0;
    EXPECT_EQ((lines{std::string(c.message) + " @" + std::to_string(line)}), error_lines(a));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Constructs, PlainModuleTest,
    ::testing::Values(
        error_case{"Await", "await x\n", "'await' outside function", 1},
        error_case{"AwaitOnLineTwo", "x = 1\nawait y\n", "'await' outside function", 2},
        error_case{"AsyncFor", "async for a in b:\n    pass\n", "'async for' outside async function", 1},
        error_case{"AsyncWith", "async with a:\n    pass\n", "'async with' outside async function", 1},
        error_case{"AsyncComprehension", "[x async for x in y]\n", "asynchronous comprehension outside of an asynchronous function", 1},
        error_case{"AwaitInComprehension", "x = [await q for q in w]\n",
                   "asynchronous comprehension outside of an asynchronous function", 1}),
    case_name<error_case>);

TEST(PlainModuleTest, CodeWithoutTopLevelAsyncIsUnaffected) {
  const char* source = "async def main():\n    await x\nx = 1\n";
  EXPECT_EQ(test_support::describe(check(source, default_python_version, true)),
            test_support::describe(check(source, default_python_version, false)));
}

// --- the error families ------------------------------------------------------------------

class ErrorFamilyTest : public ::testing::TestWithParam<error_case> {};

TEST_P(ErrorFamilyTest, ReportsCPythonsMessageAndLine) {
  const error_case& c = GetParam();
  for (python_version v : all_versions) {
    SCOPED_TRACE(to_string(v));
    analysis a = check(c.source, v);
    EXPECT_EQ((lines{std::string(c.message) + " @" + std::to_string(c.line)}), error_lines(a));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Families, ErrorFamilyTest,
    ::testing::Values(
        error_case{"NonlocalAtModuleLevel", "nonlocal x\nx = 1\n", "nonlocal declaration not allowed at module level", 1},
        error_case{"ReturnOutsideFunction", "x = 1\nreturn x\n", "'return' outside function", 2},
        error_case{"ReturnInTopLevelAsyncWith", "async with session:\n    return\n", "'return' outside function", 2},
        error_case{"YieldOutsideFunction", "x = yield 1\n", "'yield' outside function", 1},
        error_case{"BreakOutsideLoop", "if True:\n    break\n", "'break' outside loop", 2},
        error_case{"ContinueOutsideLoop", "x = 1\ncontinue\n", "'continue' not properly in loop", 2},
        error_case{"BreakInDefInLoop", "for i in range(3):\n    def f():\n        break\n", "'break' outside loop", 3},
        error_case{"GlobalAfterAssignment", "def f():\n    x = 1\n    global x\n", "name 'x' is assigned to before global declaration", 3},
        error_case{"AnnotatedGlobal", "def f():\n    global x\n    x: int = 1\n", "annotated name 'x' can't be global", 3},
        error_case{"NonlocalAndGlobal", "def outer():\n    x = 1\n    def f():\n        global x\n        nonlocal x\n",
                   "name 'x' is nonlocal and global", 4},
        error_case{"WalrusRebindsIterationVariable", "values = [(x := 0) for x in range(3)]\n",
                   "assignment expression cannot rebind comprehension iteration variable 'x'", 1},
        error_case{"ReturnValueInAsyncGenerator", "async def agen():\n    yield 1\n    return 2\n", "'return' with value in async generator", 3},
        error_case{"YieldFromInAsyncFunction", "async def f():\n    yield from range(3)\n", "'yield from' inside async function", 2},
        error_case{"FutureImportNotFirst", "import os\nfrom __future__ import annotations\n",
                   "from __future__ imports must occur at the beginning of the file", 2},
        error_case{"FutureBraces", "from __future__ import braces\n", "not a chance", 1},
        error_case{"YieldInListComprehension", "def f():\n    return [(yield x) for x in y]\n", "'yield' inside list comprehension", 2}),
    case_name<error_case>);

TEST(ErrorFamilyTest, ImportStarLineIsTheDefBefore310) {
  // CPython 3.8/3.9 report `import *` in a function at the def's line, 3.10+ at the import.
  for (python_version v : all_versions) {
    SCOPED_TRACE(to_string(v));
    analysis a = check("def f():\n    from os import *\n", v);
    EXPECT_EQ((lines{std::string("import * only allowed at module level @") +
                     (minor(v) < 10 ? "1" : "2")}),
              error_lines(a));
  }
}

TEST(ErrorFamilyTest, DuplicateArgumentPositionMovedIn310) {
  // CPython 3.8/3.9: the def (1:1); 3.10+: the repeated name (1:13).
  const char* source = "def f(a, b, a):\n    pass\n";
  for (python_version v : all_versions) {
    SCOPED_TRACE(to_string(v));
    analysis a = check(source, v);
    ASSERT_EQ(1u, errors_of(a).size());
    EXPECT_EQ("duplicate argument 'a' in function definition", errors_of(a)[0]->message);
    EXPECT_EQ((location{1, minor(v) < 10 ? 1u : 13u}),
              a.source.locate(errors_of(a)[0]->range.begin));
  }
}

TEST(ErrorFamilyTest, YieldFromOutsideFunctionWordingChangedIn313) {
  for (python_version v : all_versions) {
    SCOPED_TRACE(to_string(v));
    analysis a = check("yield from range(3)\n", v);
    EXPECT_EQ((lines{std::string(minor(v) >= 13 ? "'yield from' outside function"
                                                : "'yield' outside function") + " @1"}),
              error_lines(a));
  }
}

// --- several errors: all reported, sorted by position ------------------------------------

TEST(DiagnosticsTest, AllErrorsAreReportedSortedByPosition) {
  // CPython stops at the first error it meets -- the symtable's, "nonlocal declaration not
  // allowed at module level" @3 -- while `return 1` alone is "'return' outside function" @2.
  analysis a = check("await x\nreturn 1\nnonlocal y\n");
  EXPECT_EQ((lines{"'return' outside function @2",
                   "nonlocal declaration not allowed at module level @3"}),
            error_lines(a));
}

TEST(DiagnosticsTest, ManyFamiliesInOneFile) {
  analysis a = check(
      "def f():\n    pass\n\nclass C:\n    await x\n\nbreak\nnonlocal y\n");
  EXPECT_EQ((lines{"'await' outside function @5", "'break' outside loop @7",
                   "nonlocal declaration not allowed at module level @8"}),
            error_lines(a));
  for (std::size_t i = 1; i < a.diagnostics.size(); ++i)
    EXPECT_LE(a.diagnostics[i - 1].range.begin, a.diagnostics[i].range.begin);
}

TEST(DiagnosticsTest, DiagnosticsHaveStableKebabCaseCodes) {
  analysis a = check("x = 1\nreturn x\nbreak\n");
  ASSERT_EQ(2u, a.diagnostics.size());
  for (const diagnostic& d : a.diagnostics) {
    EXPECT_FALSE(d.code.empty());
    for (char ch : d.code)
      EXPECT_TRUE((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-') << d.code;
  }
  EXPECT_EQ("return-outside-function", a.diagnostics[0].code);
}

TEST(DiagnosticsTest, WarningsAreNotErrors) {
  // CPython: ok. asynclift may warn about locals() at top level, never error.
  analysis a = check("x = 1\nprint(locals())\n");
  EXPECT_FALSE(a.has_errors());
  EXPECT_EQ(lines{}, error_lines(a));
  for (const diagnostic& d : a.diagnostics) EXPECT_EQ(severity::warning, d.level);
}

// --- source CPython cannot parse ---------------------------------------------------------

TEST(UnparseableTest, GetsAtLeastOneError) {
  // CPython: "unexpected EOF while parsing" (3.8/3.9) or "'(' was never closed" (3.10+);
  // "invalid syntax"; "source code string cannot contain null bytes".
  const std::string sources[] = {"x = (\n", "def f(:\n    pass\n", std::string("x = 1\0\n", 7)};
  for (const std::string& source : sources) {
    for (python_version v : all_versions) {
      SCOPED_TRACE(to_string(v));
      EXPECT_TRUE(check(source, v).has_errors());
    }
  }
}

TEST(UnparseableTest, AwaitAsAName) {
  // CPython 3.8-3.13: "invalid syntax" @1:7 -- await is a keyword, tree-sitter accepts it.
  analysis a = check("await = 1\n");
  EXPECT_TRUE(a.has_errors());
}

TEST(UnparseableTest, Python2PrintStatement) {
  // CPython 3.8: "Missing parentheses in call to 'print'. Did you mean print(\"hi\")?";
  // 3.10+: "... Did you mean print(...)?" (lib2to3's test data in the stdlib corpus).
  analysis a = check("print \"hi\"\n");
  EXPECT_TRUE(a.has_errors());
}

TEST(UnparseableTest, UndecodableBytesAreAnErrorNotACrash) {
  analysis a = analyse_bytes("# coding: foobar\nx = 1\n");
  EXPECT_TRUE(a.has_errors());
  ASSERT_EQ(1u, a.diagnostics.size());
  EXPECT_EQ("unknown encoding: foobar", a.diagnostics[0].message);
  EXPECT_FALSE(a.needs_async);

  analysis b = analyse_bytes("x = '\xFF'\n");
  EXPECT_TRUE(b.has_errors());
}

// --- module bindings ---------------------------------------------------------------------

TEST(ModuleBindingsTest, EveryKindOfBindingInOrderOfFirstBinding) {
  analysis a = check(
      "import os, sys as system\n"
      "from collections import OrderedDict as OD\n"
      "x = y = 1\n"
      "a, (b, *rest) = t\n"
      "def f():\n    inner = 1\n"
      "class K:\n    attr = 1\n"
      "for i in range(3):\n    pass\n"
      "with open(p) as fh:\n    pass\n"
      "try:\n    pass\nexcept E as err:\n    pass\n"
      "squares = [(last := v) for v in s]\n"
      "x = 2\n"
      "async def af():\n    pass\n"
      "import xml.dom.minidom\n"
      "del gone\n"
      "global declared\n"
      "total += 1\n");
  EXPECT_EQ(lines{}, error_lines(a));
  EXPECT_EQ((lines{"os", "system", "OD", "x", "y", "a", "b", "rest", "f", "K", "i", "fh", "err",
                   "squares", "last", "af", "xml", "gone", "declared", "total"}),
            a.module_bindings);
}

TEST(ModuleBindingsTest, NamesBoundOnlyInNestedScopesAreNotModuleBindings) {
  analysis a = check(
      "def f(param):\n    local = 1\n"
      "lam = lambda arg: arg\n"
      "class C:\n    attr = 1\n"
      "comp = [v for v in range(3)]\n");
  EXPECT_EQ((lines{"f", "lam", "C", "comp"}), a.module_bindings);
}

TEST(ModuleBindingsTest, TopLevelAwaitCodeStillHasBindings) {
  analysis a = check("import asyncio\nresult = await asyncio.sleep(0, 'x')\n");
  EXPECT_TRUE(a.needs_async);
  EXPECT_EQ((lines{"asyncio", "result"}), a.module_bindings);
}

// --- the API itself ----------------------------------------------------------------------

TEST(AnalyserApiTest, ToStringNames) {
  EXPECT_EQ("await", to_string(async_kind::await_expr));
  EXPECT_EQ("async-for", to_string(async_kind::async_for));
  EXPECT_EQ("async-with", to_string(async_kind::async_with));
  EXPECT_EQ("async-comprehension", to_string(async_kind::async_comprehension));
  EXPECT_EQ("error", to_string(severity::error));
  EXPECT_EQ("warning", to_string(severity::warning));
}

TEST(AnalyserApiTest, TargetVersionIsRecorded) {
  for (python_version v : all_versions) EXPECT_EQ(v, check("x = 1\n", v).target);
  EXPECT_EQ(default_python_version, analyse_text("x = 1\n").target);
}

TEST(AnalyserApiTest, AReusedAnalyserGivesTheSameAnswersAsAFreshOne) {
  const char* sources[] = {"await x\n", "x = 1\ndef f():\n    nonlocal x\n", "", "x = (\n",
                           "[x async for x in y]\n", "class C:\n    return 1\n"};
  analyser reused;
  for (int round = 0; round < 2; ++round) {
    for (const char* s : sources) {
      SCOPED_TRACE(s);
      EXPECT_EQ(test_support::describe(analyse_text(s)), test_support::describe(reused.analyse_text(s)));
    }
  }
}

TEST(AnalyserApiTest, MovedAnalyserStillWorks) {
  analyser first;
  analyser second = std::move(first);
  EXPECT_TRUE(second.analyse_text("await x\n").needs_async);
}

TEST(AnalyserApiTest, BytesAndTextEntryPointsAgree) {
  const std::string source = "import asyncio\nx = await asyncio.sleep(0)\nreturn 1\n";
  analyser an;
  EXPECT_EQ(test_support::describe(an.analyse_text(source)), test_support::describe(an.analyse_bytes(source)));
  EXPECT_EQ(test_support::describe(an.analyse_text(source)),
            test_support::describe(an.analyse(source_text::from_utf8(source))));
}

TEST(AnalyserApiTest, RangesReferToTheDecodedText) {
  // The BOM is not part of text(); the latin-1 byte becomes two UTF-8 bytes.
  analysis a = analyse_bytes("\xEF\xBB\xBF# coding: utf-8\nreturn 1\n");
  ASSERT_EQ(1u, a.diagnostics.size());
  EXPECT_EQ("return 1", text_of(a, a.diagnostics[0].range).substr(0, 8));
  EXPECT_EQ((location{2, 1}), a.source.locate(a.diagnostics[0].range.begin));

  analysis b = analyse_bytes("# coding: latin-1\ns = '\xE9\xE9'; await x\n");
  ASSERT_EQ(1u, b.async_sites.size());
  EXPECT_EQ("await x", text_of(b, b.async_sites[0].range));
  EXPECT_EQ((location{2, 11}), b.source.locate(b.async_sites[0].range.begin));
}

TEST(AnalyserApiTest, RangesStayInsideTheText) {
  // CPython reads a NEWLINE after a last line without one; an error found there is an empty
  // range at the end of the text, not a byte past it.
  analysis a = analyse_text("if True:");
  ASSERT_EQ(1u, a.diagnostics.size());
  EXPECT_EQ((text_range{8, 8}), a.diagnostics[0].range);
  EXPECT_EQ((location{1, 9}), a.source.locate(a.diagnostics[0].range.begin));
}

TEST(AnalyserApiTest, OneParserErrorPerAwaitChain) {
  // CPython's parser stops at the second `await`; the rest of the chain adds nothing.
  for (python_version v : test_support::all_versions) {
    analysis a = test_support::check("x = await await await await 1\n", v);
    ASSERT_EQ(1u, a.diagnostics.size()) << to_string(v);
    EXPECT_EQ((location{1, 11}), a.source.locate(a.diagnostics[0].range.begin)) << to_string(v);
  }
}

}  // namespace
