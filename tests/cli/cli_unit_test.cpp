// Unit tests of cli/ helpers: git's wildmatch (cases from git's own t3070-wildmatch), .gitignore
// pattern semantics, and the suppression comment scanner.
#include <gtest/gtest.h>

#include "gitignore.hpp"
#include "suppressions.hpp"
#include "wildmatch.hpp"

namespace {

using namespace asynclift::cli;

struct wm_case {
  const char* text;
  const char* pattern;
  bool pathname_match;  // with WM_PATHNAME, as .gitignore uses it
};

// From git's t/t3070-wildmatch.sh (the `wildmatch` column, pathname mode).
const wm_case cases[] = {
    {"foo", "foo", true},        {"foo", "bar", false},         {"", "", true},
    {"foo", "???", true},        {"foo", "??", false},          {"foo", "*", true},
    {"foo", "f*", true},         {"foo", "*f", false},          {"foo", "*foo*", true},
    {"foobar", "*ob*a*r*", true}, {"aaaaaaabababab", "*ab", true}, {"foo*", "foo\\*", true},
    {"foobar", "foo\\*bar", false}, {"f\\oo", "f\\\\oo", true},   {"ball", "*[al]?", true},
    {"ten", "[ten]", false},     {"ten", "**[!te]", true},      {"ten", "**[!ten]", false},
    {"ten", "t[a-g]n", true},    {"ten", "t[!a-g]n", false},    {"ton", "t[!a-g]n", true},
    {"ton", "t[^a-g]n", true},   {"a]b", "a[]]b", true},        {"a-b", "a[]-]b", true},
    {"a]b", "a[]-]b", true},     {"aab", "a[]-]b", false},      {"aab", "a[]a-]b", true},
    {"]", "]", true},            {"foo/baz/bar", "foo*bar", false}, {"foo/baz/bar", "foo**bar", false},
    {"foobazbar", "foo**bar", true}, {"foo/baz/bar", "foo/**/bar", true}, {"foo/baz/bar", "foo/**/**/bar", true},
    {"foo/b/a/z/bar", "foo/**/bar", true}, {"foo/b/a/z/bar", "foo/**/**/bar", true}, {"foo/bar", "foo/**/bar", true},
    {"foo/bar", "foo/**/**/bar", true}, {"foo/bar", "foo?bar", false}, {"foo/bar", "foo[/]bar", false},
    {"foo/bar", "foo[^a-z]bar", false}, {"foo/bar", "f[^eiu][^eiu][^eiu][^eiu][^eiu]r", false},
    {"foo-bar", "f[^eiu][^eiu][^eiu][^eiu][^eiu]r", true}, {"foo", "**/foo", true},
    {"XXX/foo", "**/foo", true}, {"bar/baz/foo", "**/foo", true}, {"bar/baz/foo", "*/foo", false},
    {"foo/bar/baz", "**/bar*", false}, {"deep/foo/bar/baz", "**/bar/*", true},
    {"deep/foo/bar/baz/", "**/bar/*", false}, {"deep/foo/bar/baz/", "**/bar/**", true},
    {"deep/foo/bar", "**/bar/*", false}, {"deep/foo/bar/", "**/bar/**", true},
    {"foo/bar/baz", "**/bar**", false}, {"foo/bar/baz/x", "*/bar/**", true},
    {"deep/foo/bar/baz/x", "*/bar/**", false}, {"deep/foo/bar/baz/x", "**/bar/*/*", true},
    {"acrt", "a[c-c]st", false}, {"acrt", "a[c-c]rt", true}, {"]", "[!]-]", false}, {"a", "[!]-]", true},
    {"", "\\", false}, {"\\", "\\", false}, {"XXX/\\", "*/\\", false}, {"XXX/\\", "*/\\\\", true},
    {"foo", "foo", true}, {"@foo", "@foo", true}, {"foo", "@foo", false}, {"[ab]", "\\[ab]", true},
    {"[ab]", "[[]ab]", true}, {"[ab]", "[[:]ab]", true},
    {"1", "[[:digit:][:upper:][:space:]]", true}, {"a", "[[:digit:][:upper:][:space:]]", false},
    {"A", "[[:digit:][:upper:][:space:]]", true}, {"5", "[a-c[:digit:]x-z]", true},
    {"b", "[a-c[:digit:]x-z]", true}, {"q", "[a-c[:digit:]x-z]", false},
    {"abc/def", "abc/**/def", true}, {"foo/bar/x/y", "foo/**", true}, {"foo", "foo/**", false},
};

TEST(WildmatchTest, GitT3070Cases) {
  for (const wm_case& c : cases)
    EXPECT_EQ(c.pathname_match, wildmatch(c.pattern, c.text, true)) << "'" << c.text << "' ~ '" << c.pattern << "'";
}

TEST(WildmatchTest, WithoutPathnameStarCrossesSlashes) {
  EXPECT_TRUE(wildmatch("foo*bar", "foo/baz/bar", false));
  EXPECT_FALSE(wildmatch("foo*bar", "foo/baz/bar", true));
}

TEST(GitignoreTest, Patterns) {
  ignore_file f("# comment\n*.log\n!keep.log\n/build\ndocs/*.py\nout/\n\\#hash\ntrailing   \nesc\\ \n", "");
  using v = ignore_file::verdict;
  EXPECT_EQ(v::ignored, f.match("a/b/x.log", false));
  EXPECT_EQ(v::included, f.match("a/keep.log", false));
  EXPECT_EQ(v::ignored, f.match("build", true));
  EXPECT_EQ(v::none, f.match("src/build", true));  // anchored
  EXPECT_EQ(v::ignored, f.match("docs/conf.py", false));
  EXPECT_EQ(v::none, f.match("docs/sub/conf.py", false));
  EXPECT_EQ(v::ignored, f.match("x/out", true));
  EXPECT_EQ(v::none, f.match("x/out", false));  // folders only
  EXPECT_EQ(v::ignored, f.match("#hash", false));
  EXPECT_EQ(v::ignored, f.match("trailing", false));
  EXPECT_EQ(v::ignored, f.match("esc ", false));
}

TEST(GitignoreTest, BaseFolder) {
  ignore_file f("/gen\n*.tmp\nsub/x.py\n", "pkg");
  using v = ignore_file::verdict;
  EXPECT_EQ(v::ignored, f.match("pkg/gen", true));
  EXPECT_EQ(v::none, f.match("gen", true));
  EXPECT_EQ(v::ignored, f.match("pkg/a/b.tmp", false));
  EXPECT_EQ(v::ignored, f.match("pkg/sub/x.py", false));
  EXPECT_EQ(v::none, f.match("other/sub/x.py", false));
}

TEST(SuppressionTest, OnlyRealComments) {
  suppressions s("a = 1  # asynclift: ignore\nb = '# asynclift: ignore'\nc  # asynclift: ignore[x, y]\n",
                 asynclift::python_version::v3_13);
  EXPECT_TRUE(s.suppressed(1, "anything"));
  EXPECT_FALSE(s.suppressed(2, "anything"));
  EXPECT_TRUE(s.suppressed(3, "y"));
  EXPECT_FALSE(s.suppressed(3, "z"));
}

TEST(SuppressionTest, FStringsWithNestedQuotesFrom312) {
  std::string src = "x = f\"{d[\"#\"]}\"  # real\n";
  auto now = find_comments(src, asynclift::python_version::v3_12);
  ASSERT_EQ(1u, now.size());
  EXPECT_EQ("# real", now[0].text);
  auto old = find_comments("x = f'{a!r:>{w}}'  # c\ny = '''\n#no\n'''  # d\n", asynclift::python_version::v3_11);
  ASSERT_EQ(2u, old.size());
  EXPECT_EQ(1u, old[0].line);
  EXPECT_EQ(4u, old[1].line);
}

}  // namespace
