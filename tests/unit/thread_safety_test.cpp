// Thread safety (SPEC section 5): one analyser per thread, no globals. Analyses run
// concurrently must give exactly the answers of a single-threaded run.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "asynclift/analysis.hpp"
#include "test_support.hpp"

namespace {

using namespace asynclift;
using asynclift::test_support::all_versions;
using asynclift::test_support::describe;

std::vector<std::string> corpus() {
  std::vector<std::string> sources = {
      "x = 1\ndef f():\n    nonlocal x\n    x = 10000\n",
      "import asyncio\nawait asyncio.sleep(0)\n",
      "async for a in b:\n    pass\nasync with c:\n    pass\n",
      "x = [[a async for a in b] for c in d]\n",
      "def f():\n    return [x async for x in y]\n",
      "class C:\n    await x\nbreak\nnonlocal y\n",
      "def f(a, b, a):\n    pass\n",
      "values = [(x := 0) for x in range(3)]\n",
      "from __future__ import braces\n",
      "x = (\n",
      "s = '\xC3\xA9\xC3\xA9'; return 1\n",
      "",
  };
  // A larger, realistic file: many functions, some of them with errors.
  std::string big;
  for (int i = 0; i < 200; ++i) {
    big += "def f" + std::to_string(i) + "(a, b=" + std::to_string(i) + "):\n";
    big += "    total = 0\n    for k in range(a):\n        total += k * b\n";
    big += i % 17 == 0 ? "    nonlocal missing\n" : "    return total\n";
    big += "result" + std::to_string(i) + " = await f" + std::to_string(i) + "(3)\n";
  }
  sources.push_back(big);
  return sources;
}

TEST(ThreadSafetyTest, SeparateAnalysersInParallelMatchASerialRun) {
  const std::vector<std::string> sources = corpus();
  // The reference answers, one thread.
  std::vector<std::string> expected;
  {
    analyser an;
    for (python_version v : all_versions) {
      analyse_options o;
      o.target = v;
      for (const std::string& s : sources) expected.push_back(describe(an.analyse_bytes(s, o)));
    }
  }

  constexpr int threads = 6, rounds = 5;
  std::vector<std::vector<std::string>> got(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      analyser an;  // one per thread
      for (int r = 0; r < rounds; ++r) {
        // Each thread walks the versions in a different order, so that different targets
        // are analysed at the same moment.
        for (std::size_t i = 0; i < std::size(all_versions); ++i) {
          std::size_t vi = (i + static_cast<std::size_t>(t)) % std::size(all_versions);
          analyse_options o;
          o.target = all_versions[vi];
          for (std::size_t k = 0; k < sources.size(); ++k) {
            std::string d = describe(an.analyse_bytes(sources[k], o));
            if (r == 0) got[t].resize(expected.size());
            std::string& slot = got[t][vi * sources.size() + k];
            if (r == 0) slot = std::move(d);
            else if (slot != d) slot = "unstable between rounds:\n" + slot + "---\n" + d;
          }
        }
      }
    });
  }
  for (std::thread& th : pool) th.join();

  for (int t = 0; t < threads; ++t) {
    ASSERT_EQ(expected.size(), got[t].size());
    for (std::size_t i = 0; i < expected.size(); ++i)
      EXPECT_EQ(expected[i], got[t][i]) << "thread " << t << ", item " << i;
  }
}

TEST(ThreadSafetyTest, OneShotFunctionsInParallel) {
  const std::vector<std::string> sources = corpus();
  std::vector<std::string> expected;
  for (const std::string& s : sources) expected.push_back(describe(analyse_bytes(s)));

  constexpr int threads = 4;
  std::vector<std::vector<std::string>> got(threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (const std::string& s : sources) got[t].push_back(describe(analyse_bytes(s)));
    });
  for (std::thread& th : pool) th.join();
  for (int t = 0; t < threads; ++t) EXPECT_EQ(expected, got[t]) << "thread " << t;
}

TEST(ThreadSafetyTest, ResultsCanBeReadFromAnotherThread) {
  analysis a = analyse_text("x = 1\ndef f():\n    nonlocal x\n");
  const std::string here = describe(a);
  std::string there;
  std::thread reader([&] { there = describe(a); });
  reader.join();
  EXPECT_EQ(here, there);
}

}  // namespace
