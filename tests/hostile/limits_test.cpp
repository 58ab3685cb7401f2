// Hostile input, limits: pathological nesting and length through the library API.
//
// Deep nesting must never overflow the C++ stack, and no input may take more than linear
// time. Where CPython has a limit of its own, asynclift gives CPython's diagnostic:
//   201 nested brackets        "too many nested parentheses" (3.9+; 3.8's parser gives up at
//                              about 100 with a bare MemoryError)
//   101 indentation levels     IndentationError "too many levels of indentation"
//   ~3000-6000 unary operators, `not`s or lambdas
//                              MemoryError "Parser stack overflowed - Python source too
//                              complex to parse" (3.12+ wording; 3.8-3.11 say nothing) or, for
//                              3.10-3.12's unary chains, a RecursionError of the compiler
//   `await await x`            "invalid syntax" (await takes a primary, not another await)
// Where CPython fails only because its compiler recurses (10^5-long attribute, call or
// subscript chains, 10^5-term sums in 3.10+), the right verdict is "valid", never a crash.
//
// Time: each family is analysed at n and 2n and the time must grow by less than 3x (linear
// gives 2x, quadratic 4x). Measurements take the fastest of several runs after a warm-up and
// are retried, so a loaded machine makes the test slower, not flaky.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>

#include "asynclift/analysis.hpp"
#include "asynclift/document.hpp"
#include "asynclift/lift.hpp"

namespace {

using namespace asynclift;

const python_version all_versions[] = {python_version::v3_8,  python_version::v3_9,
                                       python_version::v3_10, python_version::v3_11,
                                       python_version::v3_12, python_version::v3_13};

// A test whose expectation is CPython's behaviour while asynclift is still wrong: reported as
// skipped with the reason (never as passed) until asynclift is fixed.
#define ASYNCLIFT_KNOWN_FAILURE(asynclift_is_right, reason)                                    \
  do {                                                                                         \
    if (!(asynclift_is_right)) GTEST_SKIP() << "known failure (asynclift bug): " << reason;    \
  } while (false)

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

analysis check(const std::string& source, python_version v = default_python_version) {
  analyse_options o;
  o.target = v;
  return analyse_text(source, o);
}

const diagnostic* first_error(const analysis& a) {
  for (const diagnostic& d : a.diagnostics)
    if (d.level == severity::error) return &d;
  return nullptr;
}

std::size_t error_count(const analysis& a) {
  return static_cast<std::size_t>(std::count_if(a.diagnostics.begin(), a.diagnostics.end(),
                                                [](const diagnostic& d) { return d.level == severity::error; }));
}

std::string first_message(const analysis& a) {
  const diagnostic* d = first_error(a);
  return d ? d->message : "(no error)";
}

location first_location(const analysis& a) {
  const diagnostic* d = first_error(a);
  return d ? a.source.locate(d->range.begin) : location{0, 0};
}

double seconds_of(const std::function<void()>& work) {
  auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The fastest of `runs` timings of analysing `source` (after one warm-up run).
double fastest(const std::string& source, python_version v, int runs) {
  analyser an;
  analyse_options o;
  o.target = v;
  an.analyse_text(source, o);
  double best = 1e9;
  for (int i = 0; i < runs; ++i) best = std::min(best, seconds_of([&] { an.analyse_text(source, o); }));
  return best;
}

// time(2n) / time(n) of analysing make(n): below 3 for linear work. Sizes grow until one run
// takes at least 20 ms so timer noise does not dominate; three attempts, the best ratio wins.
double growth(const std::function<std::string(std::size_t)>& make, std::size_t n,
              python_version v = default_python_version) {
  while (n < (std::size_t{1} << 26) && fastest(make(n), v, 1) < 0.02) n *= 2;
  double best = 1e9;
  for (int attempt = 0; attempt < 3 && best >= 3; ++attempt) {
    double small = fastest(make(n), v, 3);
    double large = fastest(make(2 * n), v, 3);
    best = std::min(best, large / std::max(small, 1e-6));
  }
  return best;
}

std::string brackets(std::size_t n, char open = '(', char close = ')') {
  return "x = " + std::string(n, open) + "1" + std::string(n, close) + "\n";
}

// ---------------------------------------------------------------------------------------------
// Brackets

TEST(hostile_limits, brackets_1e5_deep_give_too_many_nested_parentheses) {
  for (auto [open, close] : {std::pair{'(', ')'}, std::pair{'[', ']'}, std::pair{'{', '}'}}) {
    std::string source = brackets(100000, open, close);
    for (python_version v : all_versions) {
      analysis a = check(source, v);
      ASSERT_TRUE(a.has_errors()) << to_string(v) << " " << open;
      if (v == python_version::v3_8) continue;  // CPython 3.8: MemoryError (see below)
      EXPECT_EQ("too many nested parentheses", first_message(a)) << to_string(v) << " " << open;
      EXPECT_EQ((location{1, 205}), first_location(a)) << to_string(v) << " " << open;
      EXPECT_EQ(1u, error_count(a)) << to_string(v) << " " << open;
    }
  }
}

TEST(hostile_limits, bracket_limit_is_200_from_3_9) {
  for (python_version v : all_versions) {
    if (v == python_version::v3_8) continue;
    EXPECT_FALSE(check(brackets(200), v).has_errors()) << to_string(v);
    analysis a = check(brackets(201), v);
    EXPECT_EQ("too many nested parentheses", first_message(a)) << to_string(v);
    EXPECT_EQ((location{1, 205}), first_location(a)) << to_string(v);
  }
}

TEST(hostile_limits, bracket_limit_of_3_8_parser) {
  // CPython 3.8's LL(1) parser overflows its stack (MemoryError, "s_push: parser stack
  // overflow") at 99 nested parentheses in `x = (((…)))`; 98 compile (oracle.3.8.limits
  // asks CPython 3.8 itself).
  EXPECT_FALSE(check(brackets(98), python_version::v3_8).has_errors());
  analysis a = check(brackets(150), python_version::v3_8);
  ASSERT_TRUE(a.has_errors());
  EXPECT_EQ("s_push: parser stack overflow", a.diagnostics[0].message);
}

TEST(hostile_limits, bracket_nesting_in_linear_time) {
  EXPECT_LT(growth([](std::size_t n) { return brackets(n); }, 50000), 3.0);
  EXPECT_LT(growth([](std::size_t n) { return "x = " + repeat("[", n) + repeat("]", n) + "\n"; }, 50000), 3.0);
}

// ---------------------------------------------------------------------------------------------
// Operator chains CPython's parser cannot take

struct chain_case {
  const char* name;  // an identifier: the name of the parameterised test
  std::string (*make)(std::size_t);
};

std::string case_name(const testing::TestParamInfo<chain_case>& info) { return info.param.name; }

const chain_case parser_overflows[] = {
    {"unary_minus", [](std::size_t n) { return "x = " + std::string(n, '-') + "1\n"; }},
    {"unary_mix", [](std::size_t n) { return "x = " + repeat("-+~", n / 3) + "1\n"; }},
    {"not", [](std::size_t n) { return "x = " + repeat("not ", n) + "1\n"; }},
    {"lambda", [](std::size_t n) { return "x = " + repeat("lambda: ", n) + "1\n"; }},
};

class hostile_parser_overflow : public testing::TestWithParam<chain_case> {};

TEST_P(hostile_parser_overflow, does_not_crash_and_runs_in_linear_time) {
  const chain_case& c = GetParam();
  for (python_version v : all_versions) check(c.make(100000), v);  // no crash, no hang
  EXPECT_LT(growth(c.make, 50000), 3.0);
}

TEST_P(hostile_parser_overflow, is_an_error_as_in_cpython) {
  // CPython at 10^5: every version fails — 3.8/3.9/3.13 and every version for lambdas in the
  // parser (MemoryError; "Parser stack overflowed - Python source too complex to parse" in
  // 3.12+), 3.10-3.12 for unary/not chains in the compiler (RecursionError). The thresholds:
  // about 1680 unary operators / 840 lambdas in 3.8, 5967 / 2983 in 3.9 and 3.13, 2990
  // unary operators (compiler) / 2983 lambdas in 3.10-3.12.
  const chain_case& c = GetParam();
  std::string missing;
  for (python_version v : all_versions)
    if (!check(c.make(100000), v).has_errors()) missing += " " + to_string(v);
  ASYNCLIFT_KNOWN_FAILURE(missing.empty(), "no error for a 10^5-deep chain in" << missing);
  if (std::string_view(c.name) == "lambda") {
    for (python_version v : {python_version::v3_12, python_version::v3_13})
      EXPECT_EQ("Parser stack overflowed - Python source too complex to parse", first_message(check(c.make(100000), v)));
  }
}

INSTANTIATE_TEST_SUITE_P(chains, hostile_parser_overflow, testing::ValuesIn(parser_overflows), case_name);

TEST(hostile_limits, moderate_operator_chains_are_valid) {
  // Below every version's limit (3.8: 1679 unary operators, 839 lambdas).
  for (python_version v : all_versions) {
    EXPECT_FALSE(check("x = " + std::string(1000, '-') + "1\n", v).has_errors()) << to_string(v);
    EXPECT_FALSE(check("x = " + repeat("not ", 1000) + "1\n", v).has_errors()) << to_string(v);
    EXPECT_FALSE(check("x = " + repeat("lambda: ", 500) + "1\n", v).has_errors()) << to_string(v);
  }
}

// ---------------------------------------------------------------------------------------------
// Chains CPython parses but cannot compile (its compiler recurses): valid, never a crash

const chain_case flat_chains[] = {
    {"attribute", [](std::size_t n) { return "x = a" + repeat(".b", n) + "\n"; }},
    {"call", [](std::size_t n) { return "x = f" + repeat("()", n) + "\n"; }},
    {"subscript", [](std::size_t n) { return "x = a" + repeat("[0]", n) + "\n"; }},
    {"sum", [](std::size_t n) { return "x = 1" + repeat(" + 1", n) + "\n"; }},
    {"power", [](std::size_t n) { return "x = " + repeat("2 ** ", n) + "1\n"; }},
    {"or", [](std::size_t n) { return "x = a" + repeat(" or a", n) + "\n"; }},
    {"comparison", [](std::size_t n) { return "x = a" + repeat(" < a", n) + "\n"; }},
    {"string_concatenation", [](std::size_t n) { return "x = " + repeat("'s' ", n) + "\n"; }},
    {"tuple", [](std::size_t n) { return "x = 1" + repeat(", 1", n) + "\n"; }},
    {"arguments", [](std::size_t n) { return "f(a" + repeat(", a", n) + ")\n"; }},
    {"statements", [](std::size_t n) { return repeat("x = 1\n", n); }},
    {"semicolons", [](std::size_t n) { return repeat("x = 1; ", n) + "\n"; }},
    {"elif", [](std::size_t n) { return "if a:\n    pass\n" + repeat("elif a:\n    pass\n", n); }},
    {"decorators", [](std::size_t n) { return repeat("@d\n", n) + "def f(): pass\n"; }},
    {"with_items", [](std::size_t n) { return "with a" + repeat(", a", n) + ": pass\n"; }},
    {"comprehension_clauses", [](std::size_t n) { return "x = [a" + repeat(" for a in b", n) + "]\n"; }},
};

class hostile_flat_chain : public testing::TestWithParam<chain_case> {};

TEST_P(hostile_flat_chain, is_valid_and_linear) {
  const chain_case& c = GetParam();
  for (python_version v : all_versions) {
    analysis a = check(c.make(100000), v);
    EXPECT_FALSE(a.has_errors()) << to_string(v) << ": " << first_message(a);
  }
  EXPECT_LT(growth(c.make, 20000), 3.0);
}

INSTANTIATE_TEST_SUITE_P(chains, hostile_flat_chain, testing::ValuesIn(flat_chains), case_name);

// ---------------------------------------------------------------------------------------------
// await

TEST(hostile_limits, await_await_chain_is_invalid_syntax_as_in_cpython) {
  // `await` takes a primary: `await await x` is "invalid syntax" at the second await.
  std::string source = "x = " + repeat("await ", 10000) + "1\n";
  for (python_version v : all_versions) {
    analysis a = check(source, v);
    EXPECT_EQ("invalid syntax", first_message(a)) << to_string(v);
    EXPECT_EQ((location{1, 11}), first_location(a)) << to_string(v);
  }
  EXPECT_LT(growth([](std::size_t n) { return "x = " + repeat("await ", n) + "1\n"; }, 5000), 3.0);
}

TEST(hostile_limits, parenthesised_await_chain) {
  auto make = [](std::size_t n) { return "x = " + repeat("await (", n) + "f()" + std::string(n, ')') + "\n"; };
  for (python_version v : all_versions) {
    analysis a = check(make(150), v);
    if (v != python_version::v3_8) {  // 3.8's parser: MemoryError from about 100 parentheses
      EXPECT_FALSE(a.has_errors()) << to_string(v) << ": " << first_message(a);
      EXPECT_TRUE(a.needs_async) << to_string(v);
      EXPECT_EQ(150u, a.async_sites.size()) << to_string(v);
      EXPECT_EQ("too many nested parentheses", first_message(check(make(201), v))) << to_string(v);
    }
    EXPECT_TRUE(check(make(100000), v).has_errors()) << to_string(v);
  }
  EXPECT_LT(growth(make, 50000), 3.0);
}

// ---------------------------------------------------------------------------------------------
// Blocks and nested functions

std::string nested_blocks(std::size_t depth, std::string_view header, std::string_view indent) {
  std::string s;
  for (std::size_t i = 0; i < depth; ++i) {
    s += repeat(indent, i);
    s += header;
    if (header.find("def") != std::string_view::npos) s += std::to_string(i) + "():";
    s += "\n";
  }
  s += repeat(indent, depth) + "pass\n";
  return s;
}

// The diagnostic with this message, if any.
const diagnostic* find_error(const analysis& a, std::string_view message) {
  for (const diagnostic& d : a.diagnostics)
    if (d.level == severity::error && d.message == message) return &d;
  return nullptr;
}

TEST(hostile_limits, indentation_limit_is_100_levels) {
  for (python_version v : all_versions) {
    EXPECT_FALSE(check(nested_blocks(99, "if x:", " "), v).has_errors()) << to_string(v);
    for (std::string_view header : {"if x:", "def f", "async def f", "class C:", "while x:", "with a:"}) {
      analysis a = check(nested_blocks(101, header, " "), v);
      // Loops and with blocks also pass CPython's limit of 20 statically nested blocks, a
      // compiler error that asynclift reports too (CPython stops at the tokenizer's).
      const bool blocks = header == "while x:" || header == "with a:";
      const diagnostic* d = find_error(a, "too many levels of indentation");
      ASSERT_TRUE(d) << to_string(v) << " " << header << ": " << first_message(a);
      if (!blocks) {
        EXPECT_EQ(d, first_error(a)) << to_string(v) << " " << header;
      }
      EXPECT_EQ(101u, a.source.locate(d->range.begin).line) << to_string(v) << " " << header;
      if (v != python_version::v3_8) {  // 3.8 reports the end of the line as the column
        EXPECT_EQ(1u, a.source.locate(d->range.begin).column) << to_string(v) << " " << header;
      }
      EXPECT_EQ(blocks ? 2u : 1u, error_count(a)) << to_string(v) << " " << header;
    }
  }
}

TEST(hostile_limits, indentation_limit_column_of_3_8) {
  // CPython 3.8's tokenizer reports the offset after the whole line: 106 for 100 spaces and
  // `if x:` (3.9+ say 1).
  analysis a = check(nested_blocks(101, "if x:", " "), python_version::v3_8);
  ASSERT_EQ("too many levels of indentation", first_message(a));
  EXPECT_EQ(106u, first_location(a).column);
}

TEST(hostile_limits, thousands_of_nested_blocks_and_functions_give_one_error) {
  for (std::string_view header : {"if x:", "def f", "async def f", "class C:"}) {
    std::string source = nested_blocks(3000, header, "\t");  // 4.5 MB
    for (python_version v : {python_version::v3_8, python_version::v3_13}) {
      analysis a = check(source, v);
      EXPECT_EQ("too many levels of indentation", first_message(a)) << header;
      EXPECT_EQ(101u, first_location(a).line) << header;
      EXPECT_EQ(1u, error_count(a)) << header;
    }
  }
}

TEST(hostile_limits, nested_functions_up_to_the_limit_resolve_nonlocal) {
  // 99 nested functions, the innermost rebinding the outermost's local through `nonlocal`.
  std::string s = "def f0():\n x = 1\n";
  for (int i = 1; i < 99; ++i) s += std::string(static_cast<std::size_t>(i), ' ') + "def f" + std::to_string(i) + "():\n";
  s += std::string(99, ' ') + "nonlocal x\n" + std::string(99, ' ') + "x = 2\n";
  for (python_version v : all_versions) {
    analysis a = check(s, v);
    EXPECT_FALSE(a.has_errors()) << to_string(v) << ": " << first_message(a);
    analysis bad = check(s + "def g():\n nonlocal y\n", v);
    EXPECT_EQ("no binding for nonlocal 'y' found", first_message(bad)) << to_string(v);
  }
}

TEST(hostile_limits, deep_one_line_lambda_and_comprehension_nesting) {
  // Nesting that needs no indentation: lambdas in lambdas with parentheses, comprehensions in
  // comprehensions — bounded by the 200-bracket limit, so 150 levels are valid.
  auto lambdas = [](std::size_t n) { return "x = " + repeat("(lambda: ", n) + "1" + std::string(n, ')') + "\n"; };
  auto comps = [](std::size_t n) { return "x = " + repeat("[", n) + "a" + repeat(" for a in b]", n) + "\n"; };
  for (python_version v : all_versions) {
    if (v == python_version::v3_8) continue;  // 3.8's parser: MemoryError from about 100
    EXPECT_FALSE(check(lambdas(150), v).has_errors()) << to_string(v);
    EXPECT_FALSE(check(comps(150), v).has_errors()) << to_string(v);
    EXPECT_EQ("too many nested parentheses", first_message(check(lambdas(201), v))) << to_string(v);
  }
}

// ---------------------------------------------------------------------------------------------
// The other entry points with the same input

TEST(hostile_limits, lift_and_document_survive_deep_nesting) {
  for (const std::string& source :
       {brackets(100000), "x = " + std::string(100000, '-') + "1\n", "x = " + repeat("lambda: ", 100000) + "1\n",
        "x = a" + repeat(".b", 100000) + "\n", nested_blocks(3000, "def f", "\t")}) {
    lift_result r = lift_text(source);
    if (!r.analysis.has_errors()) {
      EXPECT_TRUE(r.ok);
      EXPECT_NE(std::string::npos, r.code.find("async def __async_exec__"));
    }
    document doc(source);
    EXPECT_EQ(r.analysis.has_errors(), doc.result().has_errors());
    doc.edit(4, 5, "");  // one byte less near the start: the whole statement is read again
    analysis fresh = analyse_text(doc.text());
    EXPECT_EQ(fresh.diagnostics.size(), doc.result().diagnostics.size());
    EXPECT_EQ(fresh.needs_async, doc.result().needs_async);
  }
}

}  // namespace
