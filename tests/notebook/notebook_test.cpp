// Unit tests of the notebook API (include/asynclift/notebook.hpp): IPython masking keeps every
// other character in place, reading nbformat 4 (sources, ids, languages, file lines, errors),
// per-cell analysis with positions relative to the cell, %autoawait, and notebook_to_script.
#include <gtest/gtest.h>

#include <string>

#include "asynclift/notebook.hpp"

namespace {

using namespace asynclift;

std::string masked(std::string_view cell) { return mask_ipython(cell).text; }

// ---- masking ------------------------------------------------------------------------------

TEST(MaskTest, LineMagicsAndShellBecomeZeroAndSpaces) {
  EXPECT_EQ("0                 \nx = 1\n", masked("%matplotlib inline\nx = 1\n"));
  EXPECT_EQ("0      \n", masked("!ls -la\n"));
  EXPECT_EQ("0    \n", masked("!!pwd\n"));
  EXPECT_EQ("files = 0      \n", masked("files = !ls -la"));  // the final newline IPython adds
  EXPECT_EQ("who = 0      \n", masked("who = %who_ls"));
  EXPECT_EQ("0   \n0    \n0   \n0    \n", masked("obj?\nobj??\n?obj\n??obj\n"));
  EXPECT_EQ("0     \n0     \n0     \n", masked(",f a b\n/f a b\n;f a b\n"));
}

TEST(MaskTest, ContinuationLinesAndBlocks) {
  EXPECT_EQ("0" + std::string(19, ' ') + "\n          \ny = 2\n", masked("!pip install numpy \\\n    pandas\ny = 2\n"));
  EXPECT_EQ("for i in x:\n    0        \n    0        \n    y = 0      \n",
            masked("for i in x:\n    %time f()\n    !echo {i}\n    y = !echo 1\n"));
}

TEST(MaskTest, OrdinaryPythonIsUntouched) {
  for (std::string_view s : std::initializer_list<std::string_view>{"x = a % b\n", "x = a != b\n", "s = '%magic !cmd obj?'\n", "# %magic !cmd obj?\n",
                             "t = '''\n%not_magic\n!not_cmd\n'''\n", "f'{x!r}'\n", "x %= 2\n", "d = {'!': 1}\n",
                             "print(x)?\n"}) {
    masked_cell m = mask_ipython(s);
    EXPECT_EQ(std::string(s), m.text) << s;
    EXPECT_TRUE(m.spans.empty()) << s;
  }
}

TEST(MaskTest, SpansSayWhatWasMasked) {
  masked_cell m = mask_ipython("x = 1\nfiles = !ls\n%time x\nobj?\n");
  ASSERT_EQ(3u, m.spans.size());
  EXPECT_EQ(ipython_construct::shell_assign, m.spans[0].kind);
  EXPECT_EQ(14u, m.spans[0].range.begin);  // the `!`
  EXPECT_EQ(6u, m.spans[0].statement);     // `files`
  EXPECT_EQ(ipython_construct::line_magic, m.spans[1].kind);
  EXPECT_EQ(ipython_construct::help, m.spans[2].kind);
  EXPECT_EQ("line-magic", to_string(ipython_construct::line_magic));
}

TEST(MaskTest, HelpOnAnAssignmentMasksTheWholeStatement) {
  // IPython turns `x = y?` into a help call: nothing is bound.
  EXPECT_EQ("0     \n", masked("x = y?\n"));
}

TEST(MaskTest, IndentedCellIsDedentedThroughLineShifts) {
  masked_cell m = mask_ipython("    x = 1\n    if x:\n        %time pass\n");
  EXPECT_EQ("x = 1\nif x:\n    0         \n", m.text);
  EXPECT_EQ((std::vector<std::uint32_t>{4, 4, 4}), m.line_shift);
  // Offset of `if` in the masked text maps back to the cell.
  EXPECT_EQ(14u, m.original_offset(6));
}

TEST(MaskTest, PromptsAreStripped) {
  EXPECT_EQ("x = 1\ny = 2\n", masked(">>> x = 1\n>>> y = 2\n"));
  EXPECT_EQ("x = 1\nreturn x\n", masked("In [3]: x = 1\n   ...: return x\n"));
}

TEST(MaskTest, CellMagics) {
  masked_cell t = mask_ipython("%%time\nawait f()\n!ls\n");
  EXPECT_EQ(cell_kind::magic_body, t.kind);
  EXPECT_EQ("time", t.cell_magic);
  EXPECT_FALSE(t.top_level_await);
  EXPECT_EQ("\nawait f()\n0  \n", t.text);
  masked_cell c = mask_ipython("%%capture out\nawait f()\n");
  EXPECT_EQ(cell_kind::python, c.kind);
  EXPECT_TRUE(c.top_level_await);
  masked_cell p = mask_ipython("%%python3\n!ls\n");
  EXPECT_EQ(cell_kind::plain, p.kind);
  EXPECT_EQ("\n!ls\n", p.text);  // a script: IPython syntax stays (and is an error)
  EXPECT_EQ(cell_kind::other, mask_ipython("%%bash\necho hi\n").kind);
  EXPECT_EQ(cell_kind::other, mask_ipython("%%capture\n%%writefile x\nreturn\n").kind);
  EXPECT_EQ(cell_kind::python, mask_ipython("%%time?\nx = 1\n").kind);  // help on the magic
  EXPECT_EQ(cell_kind::magic_body, mask_ipython("\n\n%%timeit\nx = 1\n").kind);
}

TEST(MaskTest, Autoawait) {
  EXPECT_EQ(std::optional<bool>(false), mask_ipython("%autoawait False\n").autoawait);
  EXPECT_EQ(std::optional<bool>(false), mask_ipython("%autoawait off\n").autoawait);
  EXPECT_EQ(std::optional<bool>(false), mask_ipython("%autoawait sync\n").autoawait);
  EXPECT_EQ(std::optional<bool>(true), mask_ipython("%autoawait False\n%autoawait trio\n").autoawait);
  EXPECT_EQ(std::nullopt, mask_ipython("%autoawait\n").autoawait);
  EXPECT_EQ(std::nullopt, mask_ipython("s = '%autoawait False'\n").autoawait);
}

TEST(MaskTest, EveryLineAndColumnOutsideMasksIsKept) {
  std::string cell = "import os\n!ls\nx = 1  # c\n  \n%time y\nz = 'é' % 2\n";
  masked_cell m = mask_ipython(cell);
  ASSERT_EQ(cell.size(), m.text.size());
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] == '\n') {
      EXPECT_EQ('\n', m.text[i]) << i;
    }
  }
  EXPECT_EQ(cell.substr(cell.find("z =")), m.text.substr(cell.find("z =")));
}

// ---- reading ------------------------------------------------------------------------------

const char* sample =
    "{\n"
    " \"cells\": [\n"
    "  {\"cell_type\": \"markdown\", \"id\": \"m\", \"metadata\": {}, \"source\": [\"# t\"]},\n"
    "  {\"cell_type\": \"code\", \"id\": \"a1\", \"metadata\": {}, \"outputs\": [], \"execution_count\": null,\n"
    "   \"source\": [\n"
    "    \"x = 1\\n\",\n"
    "    \"return x\"\n"
    "   ]},\n"
    "  {\"cell_type\": \"code\", \"metadata\": {\"vscode\": {\"languageId\": \"sql\"}}, \"outputs\": [],\n"
    "   \"execution_count\": 1, \"source\": \"SELECT 1\\nFROM t\"}\n"
    " ],\n"
    " \"metadata\": {\"kernelspec\": {\"language\": \"python\", \"name\": \"python3\", \"display_name\": \"P\"}},\n"
    " \"nbformat\": 4, \"nbformat_minor\": 5\n"
    "}\n";

TEST(ReadTest, CodeCellsSourcesIdsLanguagesAndFileLines) {
  std::string error;
  auto nb = read_notebook(sample, error);
  ASSERT_TRUE(nb) << error;
  EXPECT_EQ(4, nb->nbformat);
  EXPECT_EQ(5, nb->nbformat_minor);
  EXPECT_EQ("python", nb->language);
  EXPECT_TRUE(nb->is_python());
  EXPECT_EQ(3u, nb->cell_count);
  ASSERT_EQ(2u, nb->cells.size());
  EXPECT_EQ(1u, nb->cells[0].index);
  EXPECT_EQ(std::optional<std::string>("a1"), nb->cells[0].id);
  EXPECT_EQ("x = 1\nreturn x", nb->cells[0].source);
  EXPECT_EQ((std::vector<std::uint32_t>{6, 7}), nb->cells[0].file_lines);
  EXPECT_TRUE(nb->cells[0].is_python());
  EXPECT_EQ(2u, nb->cells[1].index);
  EXPECT_FALSE(nb->cells[1].id);
  EXPECT_EQ("sql", nb->cells[1].language);
  EXPECT_FALSE(nb->cells[1].is_python());
  EXPECT_EQ((std::vector<std::uint32_t>{10, 10}), nb->cells[1].file_lines);
}

TEST(ReadTest, ErrorsSayWhy) {
  std::string error;
  EXPECT_FALSE(read_notebook("{\"cells\": [", error));
  EXPECT_NE(std::string::npos, error.find("not valid JSON")) << error;
  EXPECT_FALSE(read_notebook("{\"nbformat\": 3, \"cells\": []}", error));
  EXPECT_EQ("not nbformat 4: this notebook is nbformat 3", error);
  EXPECT_FALSE(read_notebook("{\"nbformat\": 4}", error));
  EXPECT_EQ("not a Jupyter notebook: no \"cells\" list", error);
  EXPECT_FALSE(read_notebook("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": 1}]}", error));
  EXPECT_EQ("cell 1: \"source\" is neither a string nor a list of strings", error);
  EXPECT_FALSE(read_notebook("{\"nbformat\": 4, \"cells\": []} x", error));
  EXPECT_NE(std::string::npos, error.find("not valid JSON")) << error;
  EXPECT_FALSE(read_notebook("{\"nbformat\": 4, \"cells\": [], \"x\": [1, nul]}", error));
}

TEST(ReadTest, BomAndEscapesAndOtherKernels) {
  std::string error;
  auto nb = read_notebook("\xEF\xBB\xBF{\"nbformat\": 4, \"nbformat_minor\": 4, \"metadata\": {\"language_info\": "
                          "{\"name\": \"R\"}}, \"cells\": [{\"cell_type\": \"code\", \"source\": \"a\\u00e9\\tb\"}]}",
                          error);
  ASSERT_TRUE(nb) << error;
  EXPECT_EQ("a\xC3\xA9\tb", nb->cells[0].source);
  EXPECT_EQ("R", nb->language);
  EXPECT_FALSE(nb->is_python());
}

TEST(ReadTest, LoneSurrogatesAreReadAsPythonsJsonReadsThem) {
  // Valid JSON (any \uXXXX is), read by Python's json: the cell cannot be compiled, but the
  // notebook is read; surrogate pairs are ordinary characters.
  std::string error;
  auto nb = read_notebook("{\"nbformat\": 4, \"metadata\": {\"x\": \"\\udfff\"}, \"cells\": ["
                          "{\"cell_type\": \"code\", \"source\": [\"a\\n\", \"b = '\\u00e9\\ud800\\t'\"]},"
                          "{\"cell_type\": \"code\", \"source\": \"x = '\\ud83d\\ude00'\"}]}",
                          error);
  ASSERT_TRUE(nb) << error;
  ASSERT_EQ(2u, nb->cells.size());
  EXPECT_EQ("a\nb = '\xC3\xA9\xEF\xBF\xBD\t'", nb->cells[0].source);
  ASSERT_EQ(1u, nb->cells[0].lone_surrogates.size());
  EXPECT_EQ(9u, nb->cells[0].lone_surrogates[0].offset);
  EXPECT_EQ(0xD800u, nb->cells[0].lone_surrogates[0].code_unit);
  EXPECT_EQ("x = '\xF0\x9F\x98\x80'", nb->cells[1].source);
  EXPECT_TRUE(nb->cells[1].lone_surrogates.empty());

  notebook_analysis a = analyse_notebook(*nb);
  ASSERT_EQ(1u, a.cells[0].result.diagnostics.size());
  EXPECT_EQ("'utf-8' codec can't encode character '\\ud800' in position 8: surrogates not allowed",
            a.cells[0].result.diagnostics[0].message);
  EXPECT_FALSE(a.cells[1].result.has_errors());
  // Broken escapes are still broken JSON.
  EXPECT_FALSE(read_notebook("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": \"\\ud800\\x\"}]}",
                             error));
}

// ---- analysis -----------------------------------------------------------------------------

notebook make(std::vector<std::string> sources) {
  notebook nb;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    notebook_cell c;
    c.index = i * 2;  // as if markdown cells were in between
    c.source = sources[i];
    nb.cells.push_back(c);
  }
  return nb;
}

TEST(AnalyseTest, PositionsAreRelativeToTheCellAsWritten) {
  notebook nb = make({"  !ls\n  def f():\n      nonlocal x\n"});
  notebook_analysis a = analyse_notebook(nb);
  ASSERT_EQ(1u, a.cells.size());
  const analysis& r = a.cells[0].result;
  ASSERT_EQ(1u, r.diagnostics.size());
  EXPECT_EQ("no binding for nonlocal 'x' found", r.diagnostics[0].message);
  location at = r.source.locate(r.diagnostics[0].range.begin);
  EXPECT_EQ(3u, at.line);
  EXPECT_EQ(7u, at.column);  // the cell's own column, before IPython's dedent
  EXPECT_EQ(nb.cells[0].source, r.source.text());
}

TEST(AnalyseTest, TopLevelAwaitAndAutoawait) {
  notebook nb = make({"await x\n", "%autoawait False\n", "await x\n", "%%capture\n%autoawait on\nawait y\n",
                      "%%time\nawait z\n", "%%bash\nreturn\n"});
  notebook_analysis a = analyse_notebook(nb);
  ASSERT_EQ(6u, a.cells.size());
  EXPECT_TRUE(a.cells[0].result.needs_async);
  EXPECT_FALSE(a.cells[0].result.has_errors());
  EXPECT_FALSE(a.cells[1].top_level_await);
  EXPECT_TRUE(a.cells[2].result.has_errors());
  EXPECT_TRUE(a.cells[3].top_level_await);
  EXPECT_FALSE(a.cells[3].result.has_errors());
  EXPECT_TRUE(a.cells[4].result.has_errors());  // %%time bodies cannot await
  EXPECT_EQ(cell_status::skipped_magic, a.cells[5].status);
  EXPECT_EQ("bash", a.cells[5].cell_magic);
  EXPECT_EQ(4u, a.cells[2].index);
  EXPECT_TRUE(a.needs_async());
  EXPECT_TRUE(a.has_errors());
}

TEST(AnalyseTest, NonPythonNotebookIsNotChecked) {
  notebook nb = make({"return 1\n"});
  nb.language = "julia";
  notebook_analysis a = analyse_notebook(nb);
  EXPECT_FALSE(a.python);
  EXPECT_TRUE(a.cells.empty());
}

// ---- one script ---------------------------------------------------------------------------

TEST(ScriptTest, MagicsBecomeMarkedCommentsAndLinesKeepTheirOrigin) {
  notebook nb = make({"import asyncio\n%matplotlib inline\nfiles = !ls\nif True:\n    !echo hi\nawait asyncio.sleep(0)",
                      "%%time\nx = 1\n", "%%bash\necho hi\n", "  y = 2\n  z = 3\n"});
  notebook_script s = notebook_to_script(nb);
  EXPECT_EQ(
      "# %% [cell 1]\n"
      "import asyncio\n"
      "# [ipython] %matplotlib inline\n"
      "# [ipython] files = !ls\n"
      "if True:\n"
      "    pass  # [ipython] !echo hi\n"
      "await asyncio.sleep(0)\n"
      "\n"
      "# %% [cell 3]\n"
      "# [ipython] %%time\n"
      "x = 1\n"
      "\n"
      "# %% [cell 5]\n"
      "# [ipython] %%bash\n"
      "# [ipython] echo hi\n"
      "\n"
      "# %% [cell 7]\n"
      "y = 2\n"
      "z = 3\n",
      s.source);
  ASSERT_EQ(19u, s.origins.size());
  EXPECT_EQ(0u, s.origins[0].line);
  EXPECT_EQ(0u, s.origins[2].cell);
  EXPECT_EQ(2u, s.origins[2].line);
  EXPECT_EQ(6u, s.origins[17].cell);
  EXPECT_EQ(1u, s.origins[17].line);
  analysis a = analyse_text(s.source);
  EXPECT_FALSE(a.has_errors());
  EXPECT_TRUE(a.needs_async);
}

TEST(ScriptTest, OtherLanguagesAreCommentedOut) {
  notebook nb = make({"SELECT 1\n"});
  nb.cells[0].language = "sql";
  EXPECT_EQ("# %% [cell 1]\n# [ipython] SELECT 1\n", notebook_to_script(nb).source);
}

}  // namespace
