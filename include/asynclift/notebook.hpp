// asynclift — Jupyter notebooks: reading nbformat 4 files, masking IPython syntax so a cell can
// be analysed as Python (every other character keeps its line and column), analysing each code
// cell as IPython compiles it, and turning a notebook into one Python script.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asynclift/analysis.hpp"

namespace asynclift {

// ---------------------------------------------------------------------------------------------
// Reading

// One code cell of a notebook.
// A UTF-16 surrogate escaped alone in the notebook's JSON (`"\ud800"`): Python's json reads
// it, but no UTF-8 text can hold it, and CPython refuses to compile a cell holding it.
struct lone_surrogate {
  std::uint32_t offset;      // where it stands in the cell's `source`, as U+FFFD (3 bytes)
  std::uint16_t code_unit;   // 0xD800-0xDFFF
};

struct notebook_cell {
  std::size_t index = 0;          // position in the notebook's `cells` array
  std::optional<std::string> id;  // the cell's `id` (nbformat 4.5+), when present
  std::string source;             // `source`; a list of strings is concatenated
  std::string language;           // `metadata.vscode.languageId`, empty when absent
  // For each line of `source` (index 0 = line 1): the 1-based line of the notebook file on which
  // it is written, so tools that annotate files (SARIF, GitHub) can point into the .ipynb.
  std::vector<std::uint32_t> file_lines;
  // Lone surrogates in `source` (each read as U+FFFD), in order; CPython's error for the cell.
  std::vector<lone_surrogate> lone_surrogates;

  // False when `language` names a language other than Python.
  bool is_python() const noexcept;
};

struct notebook {
  int nbformat = 4;
  int nbformat_minor = 0;
  // The kernel's language: `metadata.kernelspec.language`, else `metadata.language_info.name`;
  // empty when the notebook does not say.
  std::string language;
  std::vector<notebook_cell> cells;  // code cells only, in order
  std::size_t cell_count = 0;        // all cells, markdown and raw included

  // True unless the notebook names a kernel language other than Python.
  bool is_python() const noexcept;
};

// Reads an nbformat 4 notebook (the bytes of an .ipynb file). On failure returns nullopt and
// sets `error` to a sentence saying why (not valid JSON, with its position; not nbformat 4; a
// cell without a string `source`; …). Large outputs (embedded images) are validated but never
// copied, so their size barely matters.
std::optional<notebook> read_notebook(std::string_view bytes, std::string& error);

// ---------------------------------------------------------------------------------------------
// IPython syntax

// What a masked piece of IPython syntax was.
enum class ipython_construct : unsigned char {
  line_magic,     // %magic args
  shell,          // !cmd
  shell_capture,  // !!cmd
  help,           // ?obj, ??obj, obj?, obj??
  autocall,       // ,f a b   ;f a b   /f a b
  magic_assign,   // x = %magic args
  shell_assign,   // x = !cmd
  cell_magic,     // the %%magic line of a cell
};

// "line-magic", "shell", … (stable names, used in JSON and tests).
std::string_view to_string(ipython_construct kind) noexcept;

// How a cell is run, decided by its cell magic (if any).
enum class cell_kind : unsigned char {
  python,      // IPython-flavoured Python (no cell magic, or %%capture)
  magic_body,  // body of %%time, %%timeit, %%prun: IPython syntax, no top-level await
  plain,       // body of %%python / %%python3 / %%script python: a plain Python script
  other,       // any other cell magic (%%bash, %%writefile, %%html, …): not Python
};

// One piece of IPython syntax, in the coordinates of the cell's own text.
struct masked_span {
  ipython_construct kind;
  text_range range;            // the bytes IPython replaces (continuation lines included)
  std::uint32_t statement = 0; // start of the statement it belongs to (for `x = !cmd`: `x`)
};

// A cell made analysable. `text` has exactly the cell's lines (and a final newline, which
// IPython adds too); on each line IPython's cleanup removes `line_shift[i]` leading bytes (a
// prompt, or the indentation IPython strips from every line when the first one is indented),
// and every piece of IPython syntax is replaced by `0` followed by spaces, so what remains keeps
// its line and column.
struct masked_cell {
  std::string text;
  std::vector<std::uint32_t> line_shift;  // per line of `text`
  cell_kind kind = cell_kind::python;
  std::string cell_magic;                 // the innermost cell magic's name, empty when none
  bool top_level_await = true;            // false inside %%time/%%timeit/%%prun/%%python
  std::vector<masked_span> spans;         // in the order IPython transforms them
  std::optional<bool> autoawait;          // the last `%autoawait` setting the cell makes
  // False when the cell hit IPython's limit of 500 transformations (IPython refuses the cell).
  bool complete = true;

  // Byte offset in `text` → byte offset in the cell's original text.
  std::uint32_t original_offset(std::uint32_t offset) const noexcept;

  std::vector<std::uint32_t> line_starts;           // of `text`
  std::vector<std::uint32_t> original_line_starts;  // of the original cell
  std::uint32_t original_size = 0;                  // bytes of the original cell
};

// Masks IPython's syntax in one cell, exactly where IPython's own input transformer
// (IPython.core.inputtransformer2.TransformerManager.transform_cell) finds it: never inside
// strings, comments or ordinary expressions such as `a % b` and `a != b`.
masked_cell mask_ipython(std::string_view cell);

// ---------------------------------------------------------------------------------------------
// Analysis

struct notebook_options {
  python_version target = default_python_version;
  // IPython's initial %autoawait: top-level await is legal in a cell. A cell that runs
  // `%autoawait False` (or `off`, `sync`) turns it off for itself and every later cell.
  bool autoawait = true;
};

enum class cell_status : unsigned char {
  checked,
  skipped_magic,     // a cell magic whose body is not Python (%%bash, …)
  skipped_language,  // metadata.vscode.languageId names another language
};

struct cell_analysis {
  std::size_t index = 0;          // position in the notebook's `cells` array
  std::optional<std::string> id;
  cell_status status = cell_status::checked;
  std::string cell_magic;         // the cell magic's name, when the cell has one
  bool top_level_await = true;    // whether top-level await was legal for this cell
  masked_cell masked;             // the cell as analysed (empty when skipped for its language)
  // The analysis of the cell. `result.source` is the cell's own text (not the masked text), so
  // every range, line and column is relative to the cell as written. Empty when skipped.
  analysis result;
};

struct notebook_analysis {
  bool python = true;             // false: the kernel language is not Python; nothing checked
  std::string language;
  std::vector<cell_analysis> cells;  // every code cell, in order (skipped ones included)

  // Some checked cell needs async execution (and has no errors).
  bool needs_async() const noexcept;
  bool has_errors() const noexcept;
};

// Analyses one cell's text as IPython would compile it (mask, then analyse with
// PyCF_ALLOW_TOP_LEVEL_AWAIT when `top_level_await`), mapping results back onto the cell.
analysis analyse_cell(analyser& an, std::string_view cell, const masked_cell& masked,
                      python_version target, bool top_level_await);

// Analyses every code cell, each on its own.
notebook_analysis analyse_notebook(analyser& an, const notebook& nb, const notebook_options& options = {});
notebook_analysis analyse_notebook(const notebook& nb, const notebook_options& options = {});

// ---------------------------------------------------------------------------------------------
// One script from a notebook

// The marker that starts every comment notebook_to_script writes in place of IPython syntax.
inline constexpr std::string_view ipython_comment_marker = "# [ipython] ";

// Where a line of a notebook script comes from.
struct script_line_origin {
  std::size_t cell = 0;     // position in the notebook's `cells` array
  std::uint32_t line = 0;   // 1-based line in that cell; 0 for a line the script adds
};

struct notebook_script {
  std::string source;                        // Python source, newline-terminated lines
  std::vector<script_line_origin> origins;   // one per line of `source`
};

// Turns the code cells of a Python notebook into one script, in order: each cell starts with a
// `# %% [cell N]` line (N = index + 1); IPython syntax becomes a comment starting with
// ipython_comment_marker (a `pass` keeps an indented block valid); the body of %%time, %%timeit,
// %%prun, %%capture and %%python cells is kept as code under its commented %% line; cells of
// other cell magics and of other languages are commented out whole. IPython's cleanup (the
// indentation it strips from an indented cell) is applied. Every other line is kept byte for
// byte.
notebook_script notebook_to_script(const notebook& nb);

}  // namespace asynclift
