// asynclift-repl: a Python console, on an embedded CPython, where top-level `await`,
// `async for` and `async with` just work — on asyncio or trio, with the event loop running
// only while a cell runs (--mode terminal) or for the whole session in a background thread
// (--mode kernel).
//
//   asynclift-repl [--loop asyncio|trio] [--mode terminal|kernel] [--history FILE] [-q]
//
// This file is the console: it reads lines as CPython's console does (continuation lines
// while asynclift says the statement is unfinished; a compound statement ends with an empty
// line), analyses each cell with asynclift for the interpreter's own version, prints the
// SyntaxError CPython would raise for an invalid cell, and lifts a valid one in interactive
// mode (expression statements go to sys.displayhook). Every cell is lifted, also the ones
// that need no event loop: display, line numbers and namespace handling are then the same for
// all cells, and `needs_async` only decides, in terminal mode, whether a loop is started.
// python_host.* and repl_runtime.py run the lifted cell.
#include <asynclift/asynclift.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "python_host.hpp"

namespace {

struct options {
  repl::session_options session;
  bool quiet = false;
};

constexpr std::string_view usage_text =
    "usage: asynclift-repl [--loop asyncio|trio] [--mode terminal|kernel] [--history FILE] [-q]\n"
    "\n"
    "A Python console where top-level await, async for and async with work.\n"
    "\n"
    "  --loop asyncio|trio       the event loop library (default: asyncio)\n"
    "  --mode kernel|terminal    kernel: one loop runs for the whole session in a background\n"
    "                            thread, tasks keep running between cells (default);\n"
    "                            terminal: a loop runs only while a cell runs\n"
    "  --history FILE            keep the line history in FILE (readline)\n"
    "  -q, --quiet               no banner\n";

// Parses the command line; an exit status when the program should stop right away.
std::optional<int> parse_arguments(int argc, char** argv, options& out) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::string_view value;
    auto takes_value = [&](std::string_view name) {
      if (arg == name && i + 1 < argc) {
        value = argv[++i];
        return true;
      }
      if (arg.size() > name.size() && arg.substr(0, name.size()) == name &&
          arg[name.size()] == '=') {
        value = arg.substr(name.size() + 1);
        return true;
      }
      return false;
    };
    if (arg == "-h" || arg == "--help") {
      std::fputs(usage_text.data(), stdout);
      return 0;
    } else if (arg == "-q" || arg == "--quiet") {
      out.quiet = true;
    } else if (takes_value("--loop") && (value == "asyncio" || value == "trio")) {
      out.session.loop = value;
    } else if (takes_value("--mode") && (value == "terminal" || value == "kernel")) {
      out.session.mode = value;
    } else if (takes_value("--history")) {
      out.session.history = value;
    } else {
      std::fprintf(stderr, "asynclift-repl: invalid argument '%s'\n\n%s", argv[i],
                   usage_text.data());
      return 2;
    }
  }
  return std::nullopt;
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\f\r") == std::string_view::npos;
}

// CPython's console reads a compound statement until an empty line, even a one-line
// `if x: y`: true when the first line of a cell starts one. `match` is a soft keyword: only
// `match ...:` counts.
bool starts_compound_statement(std::string_view line) {
  const auto begin = line.find_first_not_of(" \t\f");
  if (begin == std::string_view::npos) return false;
  line.remove_prefix(begin);
  if (line.front() == '@') return true;
  std::size_t end = 0;  // the first word: identifier characters, any non-ASCII byte included
  while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) ||
                               line[end] == '_' || static_cast<unsigned char>(line[end]) >= 0x80))
    ++end;
  const std::string_view word = line.substr(0, end);
  for (std::string_view keyword : {"if", "while", "for", "try", "with", "def", "class", "async"})
    if (word == keyword) return true;
  if (word != "match" || end == line.size()) return false;
  const auto last = line.find_last_not_of(" \t\r");
  return (line[end] == ' ' || line[end] == '(') && line[last] == ':';
}

// Errors of CPython's tokenizer and parser (the codes that are not a symbol-table or compiler
// check).
bool is_parser_error(const asynclift::diagnostic& d) {
  return d.code == "syntax-error" || d.code == "indentation-error" || d.code == "tab-error" ||
         d.code == "encoding-error" || d.code == "null-bytes" || d.code == "unsupported-syntax";
}

// The error CPython raises first: a tokenizer or parser error stops CPython before its
// symbol table and compiler see the code; among the others, the first one in the source.
const asynclift::diagnostic* raised_error(const asynclift::analysis& a) {
  const asynclift::diagnostic* first = nullptr;
  for (const asynclift::diagnostic& d : a.diagnostics) {
    if (d.level != asynclift::severity::error) continue;
    if (is_parser_error(d)) return &d;
    if (!first) first = &d;
  }
  return first;
}

// Inside a compound statement CPython's console reports a syntax error as soon as the line
// is typed, when its parser fails before the end of the text; scope and compiler errors
// (CPython does not get to them while the statement is unfinished) wait for the empty line.
// A `try:` block without its handlers yet is unfinished for CPython, though the analysis
// calls it an error ("unexpected EOF while parsing" up to 3.9).
bool reported_at_once(const asynclift::analysis& a) {
  if (a.incomplete) return false;
  for (const asynclift::diagnostic& d : a.diagnostics)
    if (d.level == asynclift::severity::error)
      return is_parser_error(d) && d.message != "expected 'except' or 'finally' block" &&
             d.message != "unexpected EOF while parsing";
  return false;
}

// After an empty line in a compound statement: is the text waiting inside a bracket or a
// triple-quoted string (the empty line belongs to it), rather than after a block header
// (CPython then reports the missing block)? An indented `pass` line completes a header, and
// not the others: it is a syntax error inside brackets and part of the string in a string.
bool waits_inside_bracket_or_string(asynclift::analyser& analyser,
                                    const asynclift::analyse_options& options,
                                    const std::string& text, const asynclift::analysis& a) {
  if (!a.incomplete) return false;
  std::size_t deepest = 0;  // indented deeper than every line, whatever block is open
  for (std::size_t begin = 0; begin < text.size();) {
    const std::size_t end = std::min(text.find('\n', begin), text.size());
    const std::size_t indent = text.find_first_not_of(" \t\f", begin);
    if (indent < end) deepest = std::max(deepest, indent - begin);
    begin = end + 1;
  }
  const asynclift::analysis probe =
      analyser.analyse_text(text + std::string(deepest + 1, ' ') + "pass\n", options);
  if (probe.incomplete) return true;
  for (const asynclift::diagnostic& d : probe.diagnostics)
    if (d.level == asynclift::severity::error && is_parser_error(d)) return true;
  return false;
}

struct cell_input {
  std::string text;
  std::optional<asynclift::analysis> analysis;  // of `text`, when text is not empty
  bool end_of_input = false;
  bool interrupted = false;
};

// Reads one cell: the primary prompt, then continuation lines while the statement is
// unfinished.
cell_input read_cell(repl::python_host& python, asynclift::analyser& analyser,
                     const asynclift::analyse_options& options) {
  cell_input cell;
  bool compound = false;
  auto analyse = [&] {
    repl::gil_released unlocked;  // the kernel's event loop runs meanwhile
    cell.analysis = analyser.analyse_text(cell.text, options);
  };
  for (;;) {
    std::string line;
    const repl::read_status status = python.read_line(cell.text.empty(), line);
    if (status == repl::read_status::interrupted) {
      cell.interrupted = true;
      return cell;
    }
    if (status == repl::read_status::end_of_input) {
      cell.end_of_input = true;
      if (!cell.text.empty()) analyse();  // what was typed so far is the last cell
      return cell;
    }
    if (cell.text.empty()) {
      if (is_blank(line)) continue;
      compound = starts_compound_statement(line);
    }
    cell.text += line;
    cell.text += '\n';
    analyse();
    if (compound && !is_blank(line)) {
      if (reported_at_once(*cell.analysis)) return cell;
      continue;
    }
    if (!cell.analysis->incomplete) return cell;
    if (compound) {
      repl::gil_released unlocked;
      if (!waits_inside_bracket_or_string(analyser, options, cell.text, *cell.analysis))
        return cell;
    }
  }
}

void show_error(repl::python_host& python, const asynclift::analysis& a,
                const asynclift::diagnostic& d) {
  repl::syntax_error e;
  e.kind = d.code == "indentation-error" ? "IndentationError"
           : d.code == "tab-error"       ? "TabError"
                                         : "SyntaxError";
  e.message = d.message;
  const asynclift::location begin = a.source.locate(d.range.begin);
  const asynclift::location end = a.source.locate(d.range.end);
  e.line = d.unpositioned ? 0 : begin.line;
  e.column = d.unpositioned ? 1 : begin.column;
  e.end_line = d.unpositioned ? 0 : end.line;
  e.end_column = d.unpositioned ? 0 : end.column;
  if (!d.unpositioned) {
    e.text = a.source.line_text(begin.line);
    e.text += '\n';
  }
  python.show_syntax_error(e);
}

// Lifts a valid cell for the interpreter; nullopt (with the reason printed) when the lift
// refuses it. The wrapper's name changes when the cell itself uses `__async_exec__`.
std::optional<asynclift::lift_result> lift_cell(repl::python_host& python,
                                                asynclift::analysis analysis,
                                                asynclift::lift_options& options) {
  options.wrapper = std::string(asynclift::default_wrapper_name);
  asynclift::lift_result r;
  for (int attempt = 1;; ++attempt) {
    {
      repl::gil_released unlocked;
      r = asynclift::lift(std::move(analysis), options);
    }
    const bool taken =
        !r.ok && !r.diagnostics.empty() && r.diagnostics[0].code == "lift-wrapper-taken";
    if (!taken || attempt == 10) break;
    analysis = std::move(r.analysis);
    options.wrapper = "__async_exec_" + std::to_string(attempt) + "__";
  }
  for (const asynclift::diagnostic& d : r.diagnostics)
    python.write_error("asynclift-repl: line " +
                       std::to_string(r.analysis.source.locate(d.range.begin).line) + ": " +
                       std::string(asynclift::to_string(d.level)) + ": " + d.message + " [" +
                       std::string(d.code) + "]\n");
  if (!r.ok) return std::nullopt;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  options opts;
  if (std::optional<int> status = parse_arguments(argc, argv, opts)) return *status;

  std::error_code no_path;
  const std::string self = std::filesystem::read_symlink("/proc/self/exe", no_path).string();
  repl::python_host python(no_path ? argv[0] : self.c_str());
  if (!python.ok()) return 2;
  // asynclift answers as the embedded interpreter would (3.8–3.13; a newer one is treated
  // as the newest asynclift knows).
  std::optional<asynclift::python_version> target;
  if (python.major_version() == 3 && python.minor_version() >= 8)
    target = asynclift::parse_python_version(
        "3." + std::to_string(std::min(python.minor_version(),
                                       asynclift::minor(asynclift::newest_python_version))));
  if (!target) {
    python.write_error("asynclift-repl: Python " + python.version_text() +
                       " is not supported (3.8 or newer is needed)\n");
    return 2;
  }
  if (!python.start(opts.session)) return 2;
  if (!opts.quiet)
    python.write_error("asynclift-repl " + std::string(asynclift::library_version()) +
                       " on Python " + python.version_text() + ", " + opts.session.loop +
                       " loop, " + opts.session.mode + " mode\n"
                       "Top-level await, async for and async with work. "
                       "Ctrl-C cancels a cell, Ctrl-D exits.\n");

  asynclift::analyser analyser;
  asynclift::analyse_options analyse_options;
  analyse_options.target = *target;
  asynclift::lift_options lift_options;
  lift_options.mode = asynclift::lift_mode::interactive;
  lift_options.target = *target;

  unsigned cells_run = 0;
  int exit_status = 0;
  for (;;) {
    cell_input cell = read_cell(python, analyser, analyse_options);
    if (cell.interrupted) {
      python.write_error("\nKeyboardInterrupt\n");  // as CPython's console: drop the cell
      continue;
    }
    if (cell.analysis) {
      if (const asynclift::diagnostic* error = raised_error(*cell.analysis)) {
        show_error(python, *cell.analysis, *error);
      } else if (std::optional<asynclift::lift_result> lifted =
                     lift_cell(python, std::move(*cell.analysis), lift_options)) {
        if (std::optional<int> status =
                python.run_cell(++cells_run, cell.text, lifted->code, lifted->line_offset,
                                lift_options.wrapper, lifted->analysis.needs_async)) {
          exit_status = *status;
          break;
        }
      }
    }
    if (cell.end_of_input) break;
  }
  python.close();
  return exit_status;
}
