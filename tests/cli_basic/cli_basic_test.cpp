// End-to-end basics of `asynclift check` (SPEC section 3): exit codes, unreadable inputs,
// the JSON schema, --target-version, standard input. Notebooks, SARIF, GitHub annotations
// and folder discovery are tested in tests/cli/.
//
// Expected messages and lines are CPython's (checked with tests/oracle/probe.py).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace {

using asynclift::cli_test::result;
using asynclift::cli_test::temp_dir;
using json = nlohmann::json;

const std::string binary = ASYNCLIFT_CLI_PATH;

const std::string seed_case = "x = 1\ndef f():\n    nonlocal x\n    x = 10000\n";
const std::string clean = "import os\n\ndef main():\n    return os.getcwd()\n";
const std::string top_level_await = "import asyncio\nawait asyncio.sleep(0)\n";

result check(const std::vector<std::string>& args, const std::string& input = {}) {
  std::vector<std::string> all{"check"};
  all.insert(all.end(), args.begin(), args.end());
  return asynclift::cli_test::run(binary, all, input);
}

json parse_json(const result& r) {
  json j = json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << "not JSON:\n" << r.out << "\nstderr:\n" << r.err;
  return j;
}

std::set<std::string> keys(const json& object) {
  std::set<std::string> out;
  for (auto it = object.begin(); it != object.end(); ++it) out.insert(it.key());
  return out;
}

// --- exit status -------------------------------------------------------------------------

TEST(ExitStatusTest, CleanFileIsZero) {
  temp_dir d;
  result r = check({d.write("clean.py", clean)});
  EXPECT_EQ(0, r.status) << r.out << r.err;
  EXPECT_EQ("", r.err);
}

TEST(ExitStatusTest, ErrorIsOne) {
  temp_dir d;
  result r = check({d.write("seed.py", seed_case)});
  EXPECT_EQ(1, r.status) << r.out << r.err;
}

TEST(ExitStatusTest, NeedingAsyncIsNotAFindingByDefault) {
  temp_dir d;
  result r = check({d.write("cell.py", top_level_await)});
  EXPECT_EQ(0, r.status) << r.out << r.err;
}

TEST(ExitStatusTest, FailOnAsyncMakesAsyncCodeAFinding) {
  temp_dir d;
  EXPECT_EQ(1, check({"--fail-on-async", d.write("cell.py", top_level_await)}).status);
  EXPECT_EQ(0, check({"--fail-on-async", d.write("clean.py", clean)}).status);
}

TEST(ExitStatusTest, UsageErrorsAreTwo) {
  temp_dir d;
  std::string file = d.write("clean.py", clean);
  EXPECT_EQ(2, check({}).status);                                   // no PATH
  EXPECT_EQ(2, check({"--no-such-option", file}).status);
  EXPECT_EQ(2, check({"--format", "xml", file}).status);
  EXPECT_EQ(2, asynclift::cli_test::run(binary, {}).status);        // no subcommand
  EXPECT_EQ(2, asynclift::cli_test::run(binary, {"no-such-command"}).status);
}

TEST(ExitStatusTest, VersionAndHelpAreZero) {
  result v = asynclift::cli_test::run(binary, {"--version"});
  EXPECT_EQ(0, v.status);
  EXPECT_NE(std::string::npos, v.out.find("asynclift")) << v.out;
  result h = asynclift::cli_test::run(binary, {"check", "--help"});
  EXPECT_EQ(0, h.status);
  EXPECT_NE(std::string::npos, h.out.find("--target-version")) << h.out;
}

// --- unreadable inputs -------------------------------------------------------------------

TEST(UnreadableInputTest, MissingFileIsNamedOnStderrAndTheOthersAreStillReported) {
  temp_dir d;
  std::string good = d.write("good.py", clean);
  std::string bad = d.write("bad.py", seed_case);
  std::string missing = (d.path() / "missing.py").string();
  result r = check({"--format", "json", good, missing, bad});
  EXPECT_EQ(2, r.status);
  EXPECT_NE(std::string::npos, r.err.find(missing)) << r.err;
  json j = parse_json(r);
  std::vector<std::string> paths;
  for (const json& f : j["files"]) paths.push_back(f["path"]);
  EXPECT_NE(paths.end(), std::find(paths.begin(), paths.end(), good));
  EXPECT_NE(paths.end(), std::find(paths.begin(), paths.end(), bad));
  for (const json& f : j["files"]) {
    if (f["path"] == bad) {
      ASSERT_EQ(1u, f["diagnostics"].size());
      EXPECT_EQ("no binding for nonlocal 'x' found", f["diagnostics"][0]["message"]);
    }
    if (f["path"] == good) {
      EXPECT_TRUE(f["diagnostics"].empty());
    }
  }
}

TEST(UnreadableInputTest, UndecodableFileIsNamedOnStderr) {
  temp_dir d;
  std::string undecodable = d.write("latin.py", "x = '\xE9'\n");  // no coding cookie
  std::string good = d.write("good.py", clean);
  result r = check({"--format", "json", undecodable, good});
  EXPECT_EQ(2, r.status);
  EXPECT_NE(std::string::npos, r.err.find(undecodable)) << r.err;
  json j = parse_json(r);
  ASSERT_EQ(2u, j["files"].size());
  for (const json& f : j["files"]) {
    if (f["path"] == undecodable) {
      ASSERT_FALSE(f["diagnostics"].empty());
      EXPECT_EQ("error", f["diagnostics"][0]["severity"]);
    }
  }
}

TEST(UnreadableInputTest, UnreadableInTextFormatStillReportsTheRest) {
  temp_dir d;
  std::string bad = d.write("bad.py", seed_case);
  std::string missing = (d.path() / "missing.py").string();
  result r = check({"--format", "concise", missing, bad});
  EXPECT_EQ(2, r.status);
  EXPECT_NE(std::string::npos, r.err.find(missing)) << r.err;
  EXPECT_NE(std::string::npos,
            r.out.find(bad + ":3:5: error: no binding for nonlocal 'x' found [nonlocal-without-binding]"))
      << r.out;
}

// --- the JSON schema ---------------------------------------------------------------------

TEST(JsonSchemaTest, TopLevelAndFileShape) {
  temp_dir d;
  result r = check({"--format", "json", d.write("seed.py", seed_case), d.write("cell.py", top_level_await)});
  json j = parse_json(r);
  EXPECT_EQ((std::set<std::string>{"version", "target_version", "files"}), keys(j));
  EXPECT_TRUE(j["version"].is_number_integer());
  EXPECT_EQ(1, j["version"]);
  EXPECT_EQ("3.13", j["target_version"]);
  ASSERT_TRUE(j["files"].is_array());
  ASSERT_EQ(2u, j["files"].size());
  for (const json& f : j["files"]) {
    // `cells` is for notebooks only.
    EXPECT_EQ((std::set<std::string>{"path", "needs_async", "async_sites", "diagnostics"}), keys(f));
    EXPECT_TRUE(f["path"].is_string());
    EXPECT_TRUE(f["needs_async"].is_boolean());
    EXPECT_TRUE(f["async_sites"].is_array());
    EXPECT_TRUE(f["diagnostics"].is_array());
  }
}

TEST(JsonSchemaTest, AsyncSiteShape) {
  temp_dir d;
  std::string path = d.write("cell.py", "import asyncio\nx = await asyncio.sleep(0)\n"
                                        "async for a in b:\n    pass\nasync with c:\n    pass\n"
                                        "y = [i async for i in z]\n");
  json j = parse_json(check({"--format", "json", path}));
  const json& f = j["files"][0];
  EXPECT_EQ(path, f["path"]);
  EXPECT_EQ(true, f["needs_async"]);
  const std::vector<std::string> kinds{"await", "async-for", "async-with", "async-comprehension"};
  ASSERT_EQ(4u, f["async_sites"].size());
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const json& s = f["async_sites"][i];
    EXPECT_EQ((std::set<std::string>{"kind", "line", "column", "end_line", "end_column"}), keys(s));
    EXPECT_EQ(kinds[i], s["kind"]);
    for (const char* k : {"line", "column", "end_line", "end_column"}) {
      EXPECT_TRUE(s[k].is_number_integer()) << k;
      EXPECT_GE(s[k].get<int>(), 1) << k;
    }
  }
  // `x = await asyncio.sleep(0)`: the await expression, 1-based, end exclusive like
  // CPython's end_offset.
  const json& first = f["async_sites"][0];
  EXPECT_EQ(2, first["line"]);
  EXPECT_EQ(5, first["column"]);
  EXPECT_EQ(2, first["end_line"]);
  EXPECT_EQ(27, first["end_column"]);
  // The async for statement spans its body.
  EXPECT_EQ(3, f["async_sites"][1]["line"]);
  EXPECT_EQ(4, f["async_sites"][1]["end_line"]);
}

TEST(JsonSchemaTest, DiagnosticShapeAndTheSeedCase) {
  temp_dir d;
  json j = parse_json(check({"--format", "json", d.write("seed.py", seed_case)}));
  const json& f = j["files"][0];
  EXPECT_EQ(false, f["needs_async"]);
  EXPECT_TRUE(f["async_sites"].empty());
  ASSERT_EQ(1u, f["diagnostics"].size());
  const json& diag = f["diagnostics"][0];
  EXPECT_EQ((std::set<std::string>{"code", "severity", "message", "line", "column", "end_line",
                                   "end_column"}),
            keys(diag));
  EXPECT_EQ("nonlocal-without-binding", diag["code"]);
  EXPECT_EQ("error", diag["severity"]);
  // CPython 3.13: "no binding for nonlocal 'x' found" @3:5-3:15.
  EXPECT_EQ("no binding for nonlocal 'x' found", diag["message"]);
  EXPECT_EQ(3, diag["line"]);
  EXPECT_EQ(5, diag["column"]);
  EXPECT_EQ(3, diag["end_line"]);
  EXPECT_EQ(15, diag["end_column"]);
}

TEST(JsonSchemaTest, NeedsAsyncIsFalseWhenThereAreErrors) {
  // A file with errors has no code object, so no verdict: needs_async is false.
  temp_dir d;
  json j = parse_json(check({"--format", "json", d.write("both.py", "await x\nreturn 1\n")}));
  EXPECT_EQ(false, j["files"][0]["needs_async"]);
  ASSERT_EQ(1u, j["files"][0]["diagnostics"].size());
  EXPECT_EQ("'return' outside function", j["files"][0]["diagnostics"][0]["message"]);
}

TEST(JsonSchemaTest, UnpositionedErrorIsLineZero) {
  // CPython 3.8/3.9 report this error with lineno 0; the JSON says so too.
  temp_dir d;
  std::string path = d.write("comp.py", "def f():\n    return [x async for x in y]\n");
  json old = parse_json(check({"--format", "json", "--target-version", "3.8", path}));
  ASSERT_EQ(1u, old["files"][0]["diagnostics"].size());
  EXPECT_EQ("asynchronous comprehension outside of an asynchronous function",
            old["files"][0]["diagnostics"][0]["message"]);
  EXPECT_EQ(0, old["files"][0]["diagnostics"][0]["line"]);
  json now = parse_json(check({"--format", "json", "--target-version", "3.10", path}));
  EXPECT_EQ(2, now["files"][0]["diagnostics"][0]["line"]);
  EXPECT_EQ(12, now["files"][0]["diagnostics"][0]["column"]);
}

TEST(JsonSchemaTest, DiagnosticsAreSortedByPosition) {
  temp_dir d;
  json j = parse_json(check({"--format", "json", d.write("many.py", "await x\nreturn 1\nnonlocal y\n")}));
  const json& diags = j["files"][0]["diagnostics"];
  ASSERT_EQ(2u, diags.size());
  EXPECT_EQ("'return' outside function", diags[0]["message"]);
  EXPECT_EQ(2, diags[0]["line"]);
  EXPECT_EQ("nonlocal declaration not allowed at module level", diags[1]["message"]);
  EXPECT_EQ(3, diags[1]["line"]);
}

TEST(JsonSchemaTest, ColumnsCountCodePoints) {
  temp_dir d;
  json j = parse_json(check({"--format", "json", d.write("u.py", "s = '\xC3\xA9\xC3\xA9\xC3\xA9'; return 1\n")}));
  EXPECT_EQ(12, j["files"][0]["diagnostics"][0]["column"]);
  EXPECT_EQ(20, j["files"][0]["diagnostics"][0]["end_column"]);
}

// --- --target-version --------------------------------------------------------------------

TEST(TargetVersionTest, EverySupportedVersionIsAcceptedAndEchoed) {
  temp_dir d;
  std::string path = d.write("clean.py", clean);
  for (const char* v : {"3.8", "3.9", "3.10", "3.11", "3.12", "3.13"}) {
    result r = check({"--format", "json", "--target-version", v, path});
    EXPECT_EQ(0, r.status) << v << r.err;
    EXPECT_EQ(v, parse_json(r)["target_version"]) << v;
  }
}

TEST(TargetVersionTest, UnsupportedVersionsAreUsageErrors) {
  temp_dir d;
  std::string path = d.write("clean.py", clean);
  for (const char* v : {"3.7", "3.14", "2.7", "3", "three", ""}) {
    result r = check({"--target-version", v, path});
    EXPECT_EQ(2, r.status) << "'" << v << "'";
    EXPECT_FALSE(r.err.empty()) << "'" << v << "'";
    EXPECT_EQ("", r.out) << "'" << v << "'";
  }
}

TEST(TargetVersionTest, TheVerdictFollowsTheVersion) {
  // CPython 3.10: error at line 1; 3.11: valid and a coroutine.
  temp_dir d;
  std::string path = d.write("nested.py", "x = [[a async for a in b] for c in d]\n");
  result r310 = check({"--format", "json", "--target-version", "3.10", path});
  EXPECT_EQ(1, r310.status);
  json j310 = parse_json(r310);
  EXPECT_EQ("asynchronous comprehension outside of an asynchronous function",
            j310["files"][0]["diagnostics"][0]["message"]);
  EXPECT_EQ(1, j310["files"][0]["diagnostics"][0]["line"]);
  result r311 = check({"--format", "json", "--target-version", "3.11", path});
  EXPECT_EQ(0, r311.status);
  EXPECT_EQ(true, parse_json(r311)["files"][0]["needs_async"]);
}

TEST(TargetVersionTest, DefaultIs313) {
  temp_dir d;
  EXPECT_EQ("3.13", parse_json(check({"--format", "json", d.write("c.py", clean)}))["target_version"]);
}

// --- standard input ----------------------------------------------------------------------

TEST(StdinTest, DashReadsStandardInput) {
  result r = check({"--format", "json", "-"}, top_level_await);
  EXPECT_EQ(0, r.status) << r.err;
  json j = parse_json(r);
  ASSERT_EQ(1u, j["files"].size());
  EXPECT_EQ(true, j["files"][0]["needs_async"]);
  EXPECT_EQ(2, j["files"][0]["async_sites"][0]["line"]);
}

TEST(StdinTest, StdinFilenameNamesIt) {
  result r = check({"--format", "concise", "--stdin-filename", "cell.py", "-"}, seed_case);
  EXPECT_EQ(1, r.status);
  EXPECT_NE(std::string::npos,
            r.out.find("cell.py:3:5: error: no binding for nonlocal 'x' found [nonlocal-without-binding]"))
      << r.out;
}

TEST(StdinTest, StdinBytesAreDecodedLikeAFile) {
  // A BOM and a coding cookie on standard input are honoured as in a file.
  result bom = check({"--format", "json", "-"}, "\xEF\xBB\xBFreturn 1\n");
  EXPECT_EQ(1, bom.status);
  EXPECT_EQ(1, parse_json(bom)["files"][0]["diagnostics"][0]["column"]);
  result latin = check({"--format", "json", "-"}, "# coding: latin-1\nx = '\xE9'\n");
  EXPECT_EQ(0, latin.status) << latin.err;
}

TEST(StdinTest, EmptyStdinIsAValidEmptyModule) {
  result r = check({"--format", "json", "-"}, "");
  EXPECT_EQ(0, r.status) << r.err;
  json j = parse_json(r);
  EXPECT_EQ(false, j["files"][0]["needs_async"]);
  EXPECT_TRUE(j["files"][0]["diagnostics"].empty());
}

// --- text output -------------------------------------------------------------------------

TEST(TextFormatTest, FindingLineExcerptAndSummary) {
  temp_dir d;
  std::string path = d.write("seed.py", seed_case);
  result r = check({path});
  EXPECT_EQ(1, r.status);
  EXPECT_NE(std::string::npos,
            r.out.find(path + ":3:5: error: no binding for nonlocal 'x' found [nonlocal-without-binding]"))
      << r.out;
  EXPECT_NE(std::string::npos, r.out.find("    nonlocal x")) << r.out;  // the excerpt
  EXPECT_NE(std::string::npos, r.out.find("^")) << r.out;              // the caret
  EXPECT_NE(std::string::npos, r.out.find("Found 1 error")) << r.out;  // the summary
  EXPECT_EQ(std::string::npos, r.out.find("\033[")) << "no colour when not a tty";
}

TEST(TextFormatTest, UnpositionedErrorIsExplained) {
  temp_dir d;
  std::string path = d.write("comp.py", "def f():\n    return [x async for x in y]\n");
  result r = check({"--target-version", "3.9", path});
  EXPECT_NE(std::string::npos, r.out.find(path + ":0:1: error: asynchronous comprehension"))
      << r.out;
  EXPECT_NE(std::string::npos, r.out.find("without a line number")) << r.out;
  EXPECT_NE(std::string::npos, r.out.find("return [x async for x in y]")) << r.out;
}

TEST(TextFormatTest, CleanRunSaysSo) {
  temp_dir d;
  result r = check({d.write("a.py", clean), d.write("b.py", top_level_await)});
  EXPECT_EQ(0, r.status);
  EXPECT_NE(std::string::npos, r.out.find("All checks passed")) << r.out;
  EXPECT_NE(std::string::npos, r.out.find("2 files")) << r.out;
}

}  // namespace
