// Hostile input, threads: every entry point of the library used from many threads at once, for
// the ThreadSanitizer build (scripts/sanitize.sh) and as a plain correctness test elsewhere.
//
// SPEC section 5: thread-safe, one parser per thread, no globals. Each thread here uses its own
// analyser, document and C handles, the one-shot functions (each with a parser of its own), the
// needs_async() fast path (a parser per thread, reused) and the notebook reader, on the same
// inputs; every answer must equal the single-threaded one. An immutable analysis (C API) is
// also read by several threads at the same time, as asynclift.h allows.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "asynclift/asynclift.h"
#include "asynclift/asynclift.hpp"

namespace {

using namespace asynclift;

std::vector<std::string> sources() {
  std::vector<std::string> s = {
      "x = 1\ndef f():\n    nonlocal x\n",
      "import asyncio\nawait asyncio.sleep(0)\n",
      "async for a in b:\n    pass\nasync with c:\n    pass\n",
      "x = [[a async for a in b] for c in d]\n",
      "class C:\n    await x\nbreak\nnonlocal y\n",
      "values = [(x := 0) for x in range(3)]\n",
      "s = '\xC3\xA9'\nresult = await f(s)\n",
      "def f(\n",
      "",
  };
  std::string big;
  for (int i = 0; i < 300; ++i)
    big += "def f" + std::to_string(i) + "(a):\n    return a\nr" + std::to_string(i) + " = await f" +
           std::to_string(i) + "(1)\n";
  s.push_back(big);
  return s;
}

std::string describe(const analysis& a) {
  std::string s = std::to_string(a.needs_async) + "|";
  for (const diagnostic& d : a.diagnostics)
    s += d.message + "@" + std::to_string(d.range.begin) + "-" + std::to_string(d.range.end) + ";";
  for (const async_site& site : a.async_sites) s += std::to_string(site.range.begin) + ",";
  return s;
}

const char notebook_json[] =
    R"({"cells": [{"cell_type": "code", "metadata": {}, "source": ["%time x = 1\n", "await f()\n"]},)"
    R"( {"cell_type": "code", "metadata": {}, "source": "!ls\nnonlocal z\n"}],)"
    R"( "metadata": {"kernelspec": {"language": "python"}}, "nbformat": 4, "nbformat_minor": 5})";

constexpr int thread_count = 8;
constexpr int rounds = 6;

TEST(hostile_threads, every_entry_point_from_many_threads_matches_a_serial_run) {
  const std::vector<std::string> inputs = sources();
  std::vector<std::string> expected, expected_lift;
  for (const std::string& s : inputs) {
    expected.push_back(describe(analyse_text(s)));
    expected_lift.push_back(lift_text(s).code);
  }
  std::string nb_error;
  std::optional<notebook> nb = read_notebook(notebook_json, nb_error);
  ASSERT_TRUE(nb) << nb_error;
  std::string expected_nb;
  for (const cell_analysis& c : analyse_notebook(*nb).cells) expected_nb += describe(c.result);

  std::atomic<int> mismatches{0};
  auto work = [&](int seed) {
    analyser an;
    for (int round = 0; round < rounds; ++round) {
      for (std::size_t i = 0; i < inputs.size(); ++i) {
        const std::string& s = inputs[(i + static_cast<std::size_t>(seed)) % inputs.size()];
        const std::size_t k = (i + static_cast<std::size_t>(seed)) % inputs.size();
        if (describe(an.analyse_text(s)) != expected[k]) ++mismatches;
        if (describe(analyse_text(s)) != expected[k]) ++mismatches;
        analysis a = analyse_text(s);
        if (needs_async(s) != (a.needs_async && !a.has_errors())) ++mismatches;
        if (lift_text(s).code != expected_lift[k]) ++mismatches;
        document doc(s);
        doc.edit(0, 0, "\n");
        doc.edit(0, 1, "");
        if (describe(doc.result()) != expected[k]) ++mismatches;
      }
      std::string error;
      std::optional<notebook> mine = read_notebook(notebook_json, error);
      std::string got;
      if (mine)
        for (const cell_analysis& c : analyse_notebook(an, *mine).cells) got += describe(c.result);
      if (got != expected_nb) ++mismatches;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < thread_count; ++t) pool.emplace_back(work, t);
  for (std::thread& t : pool) t.join();
  EXPECT_EQ(0, mismatches.load());
}

TEST(hostile_threads, c_api_handles_per_thread_and_a_shared_analysis) {
  const std::vector<std::string> inputs = sources();
  asynclift_analysis* shared = nullptr;
  const std::string& big = inputs.back();
  ASSERT_EQ(ASYNCLIFT_OK, asynclift_analyse_text(big.data(), big.size(), ASYNCLIFT_PYTHON_DEFAULT, 0, &shared));
  const std::size_t shared_sites = asynclift_analysis_async_site_count(shared);

  std::atomic<int> failures{0};
  auto work = [&](int seed) {
    asynclift_analyser* an = nullptr;
    if (asynclift_analyser_new(&an) != ASYNCLIFT_OK) {
      ++failures;
      return;
    }
    for (int round = 0; round < rounds; ++round) {
      for (std::size_t i = 0; i < inputs.size(); ++i) {
        const std::string& s = inputs[(i + static_cast<std::size_t>(seed)) % inputs.size()];
        asynclift_analysis* a = nullptr;
        if (asynclift_analyser_analyse_bytes(an, s.data(), s.size(), ASYNCLIFT_PYTHON_3_8, 0, &a) != ASYNCLIFT_OK)
          ++failures;
        asynclift_analysis_free(a);
        if (asynclift_needs_async(s.data(), s.size(), ASYNCLIFT_PYTHON_DEFAULT, 0) < 0) ++failures;
        asynclift_document* doc = nullptr;
        if (asynclift_document_new(s.data(), s.size(), ASYNCLIFT_PYTHON_DEFAULT, 0, &doc) != ASYNCLIFT_OK) {
          ++failures;
          continue;
        }
        asynclift_document_edit(doc, 0, 0, "x = 1\n", 6);
        const asynclift_analysis* borrowed = nullptr;
        if (asynclift_document_analysis(doc, &borrowed) != ASYNCLIFT_OK) ++failures;
        asynclift_document_free(doc);
        asynclift_lift* l = nullptr;
        if (asynclift_lift_text(s.data(), s.size(), ASYNCLIFT_PYTHON_DEFAULT, ASYNCLIFT_LIFT_EXEC, nullptr, &l) !=
            ASYNCLIFT_OK)
          ++failures;
        asynclift_lift_free(l);
      }
      // Reading one immutable analysis from every thread at once.
      if (asynclift_analysis_async_site_count(shared) != shared_sites) ++failures;
      for (std::size_t i = 0; i < shared_sites; i += 37) {
        asynclift_async_site site;
        if (!asynclift_analysis_async_site(shared, i, &site)) ++failures;
        std::uint32_t line = 0, column = 0;
        if (!asynclift_analysis_locate(shared, site.span.begin_byte, &line, &column) || line != site.span.line)
          ++failures;
      }
      // A failing call sets this thread's own last error.
      asynclift_analysis* none = nullptr;
      if (asynclift_analyse_text(nullptr, 5, ASYNCLIFT_PYTHON_DEFAULT, 0, &none) != ASYNCLIFT_ERROR_INVALID_ARGUMENT ||
          std::string(asynclift_last_error()).empty())
        ++failures;
    }
    asynclift_analyser_free(an);
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < thread_count; ++t) pool.emplace_back(work, t);
  for (std::thread& t : pool) t.join();
  asynclift_analysis_free(shared);
  EXPECT_EQ(0, failures.load());
}

}  // namespace
