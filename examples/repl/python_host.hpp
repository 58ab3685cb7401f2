// python_host: the CPython that asynclift-repl embeds, seen from C++.
//
// It starts the interpreter (with its SIGINT handler, so that Ctrl-C becomes
// KeyboardInterrupt), runs the Python half of the REPL (repl_runtime.py, compiled into the
// binary) in a private module, and forwards the few calls main.cpp needs: read a line, print
// a SyntaxError, run a lifted cell, close the session. All output goes through Python's
// sys.stdout / sys.stderr, so it stays in order with what the cells print.
//
// The main thread holds the GIL, except inside `gil_released` scopes (where main.cpp
// analyses and lifts) and while Python itself waits (reading a line, waiting for a cell):
// the kernel-mode event loop thread runs then.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct _object;  // PyObject, without including Python.h here

namespace repl {

struct session_options {
  std::string loop = "asyncio";  // "asyncio" or "trio"
  std::string mode = "kernel";   // "terminal" or "kernel"
  std::string history;           // readline history file; empty: history for this session only
};

enum class read_status { line, end_of_input, interrupted };

// A SyntaxError (or IndentationError, TabError) to print as CPython prints it.
struct syntax_error {
  std::string kind = "SyntaxError";
  std::string message;
  std::uint32_t line = 0;  // 1-based; 0 for the few errors CPython 3.8/3.9 give no position
  std::uint32_t column = 0, end_line = 0, end_column = 0;  // 1-based, in code points
  std::string text;  // the source line with its newline; empty when there is none
};

class python_host {
 public:
  // Initialises the interpreter; ok() tells whether that worked (the reason is printed).
  // `program_path`: this executable's path.
  explicit python_host(const char* program_path);
  ~python_host();  // finalises the interpreter
  python_host(const python_host&) = delete;
  python_host& operator=(const python_host&) = delete;

  bool ok() const noexcept { return runtime_ != nullptr; }
  // The interpreter's sys.version_info[:2] and its version text ("3.11.2").
  int major_version() const noexcept { return major_; }
  int minor_version() const noexcept { return minor_; }
  const std::string& version_text() const noexcept { return version_; }

  // Creates the session: imports the loop library, starts the kernel thread. False (with
  // Python's error printed) when that fails, e.g. trio is not installed.
  bool start(const session_options& options);

  // The next input line without its newline, after the primary (`>>> `) or continuation
  // (`... `) prompt.
  read_status read_line(bool primary, std::string& line);
  void write_error(std::string_view text);
  void show_syntax_error(const syntax_error& error);
  // Runs a lifted cell in __main__; the exit status when the cell asked to leave
  // (SystemExit), else nullopt. Exceptions are printed by the Python side.
  std::optional<int> run_cell(unsigned number, std::string_view source, std::string_view lifted,
                              std::uint32_t line_offset, std::string_view wrapper,
                              bool needs_async);
  // Stops the kernel's event loop (cancelling its tasks) and saves the history.
  void close();

 private:
  _object* call(const char* method, _object* args);

  _object* runtime_ = nullptr;  // the private module holding repl_runtime.py
  _object* session_ = nullptr;  // its Session
  int major_ = 0, minor_ = 0;
  std::string version_;
};

// Releases the GIL for the lifetime of the object (C++ work that touches no Python object).
class gil_released {
 public:
  gil_released();
  ~gil_released();
  gil_released(const gil_released&) = delete;
  gil_released& operator=(const gil_released&) = delete;

 private:
  void* state_;
};

}  // namespace repl
