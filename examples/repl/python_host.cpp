// python_host: starting CPython, loading the REPL's Python half into a private module, and
// the calls into it. Reference counting is kept local: every function releases what it
// creates before it returns (py_ref), and Python errors are either expected
// (KeyboardInterrupt while reading a line) or printed with PyErr_Print, never left pending.
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "python_host.hpp"

#include <cstdio>
#include <memory>

#include "repl_runtime_source.hpp"  // generated from repl_runtime.py

namespace repl {
namespace {

struct py_decref {
  void operator()(PyObject* object) const noexcept { Py_XDECREF(object); }
};
using py_ref = std::unique_ptr<PyObject, py_decref>;

py_ref text(std::string_view utf8) {
  return py_ref(PyUnicode_DecodeUTF8(utf8.data(), static_cast<Py_ssize_t>(utf8.size()),
                                     "surrogateescape"));
}

// str → UTF-8; characters UTF-8 cannot encode (lone surrogates) become U+FFFD.
std::string utf8(PyObject* str) {
  py_ref bytes(PyUnicode_AsEncodedString(str, "utf-8", "replace"));
  if (!bytes) {
    PyErr_Clear();
    return {};
  }
  return std::string(PyBytes_AS_STRING(bytes.get()),
                     static_cast<std::size_t>(PyBytes_GET_SIZE(bytes.get())));
}

}  // namespace

python_host::python_host(const char* program_path) {
  PyConfig config;
  PyConfig_InitPythonConfig(&config);  // honours PYTHONPATH, PYTHONHOME, ... as python3 does
  config.parse_argv = 0;
  config.install_signal_handlers = 1;  // SIGINT → KeyboardInterrupt in the main thread
  wchar_t empty[] = L"";
  wchar_t* argv[] = {empty};           // sys.argv == [''], as in CPython's console
  PyStatus status = PyConfig_SetArgv(&config, 1, argv);
  // Without a program path, Python looks for `python3` on PATH to find its standard library,
  // and may take another installation's (a pyenv or virtualenv python3). With this program's
  // own path it finds no library next to it and uses the prefix libpython was built for.
  if (!PyStatus_Exception(status) && program_path && *program_path)
    status = PyConfig_SetBytesString(&config, &config.program_name, program_path);
  if (!PyStatus_Exception(status)) status = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(status)) {
    std::fprintf(stderr, "asynclift-repl: cannot start Python: %s\n",
                 status.err_msg ? status.err_msg : "unknown error");
    return;
  }

  if (PyObject* version_info = PySys_GetObject("version_info")) {  // borrowed
    major_ = static_cast<int>(PyLong_AsLong(PyTuple_GetItem(version_info, 0)));
    minor_ = static_cast<int>(PyLong_AsLong(PyTuple_GetItem(version_info, 1)));
  }
  version_ = Py_GetVersion();
  version_ = version_.substr(0, version_.find(' '));

  // The REPL's Python half, in a module that is not in sys.modules: nothing of it is
  // visible from __main__ or importable by the cells.
  py_ref module(PyModule_New("asynclift_repl"));
  PyObject* globals = module ? PyModule_GetDict(module.get()) : nullptr;  // borrowed
  const std::string source(runtime_source);
  py_ref code(globals && PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) == 0
                  ? Py_CompileString(source.c_str(), "<asynclift-repl>", Py_file_input)
                  : nullptr);
  py_ref result(code ? PyEval_EvalCode(code.get(), globals, globals) : nullptr);
  if (!result) {
    PyErr_Print();
    return;
  }
  runtime_ = module.release();
}

python_host::~python_host() {
  if (Py_IsInitialized()) {
    Py_CLEAR(session_);
    Py_CLEAR(runtime_);
    Py_FinalizeEx();
  }
}

bool python_host::start(const session_options& options) {
  PyObject* session_class = PyDict_GetItemString(PyModule_GetDict(runtime_), "Session");
  py_ref loop = text(options.loop), mode = text(options.mode), history = text(options.history);
  session_ = session_class ? PyObject_CallFunctionObjArgs(session_class, loop.get(), mode.get(),
                                                          history.get(), nullptr)
                           : nullptr;
  if (session_) return true;
  // One line, not a traceback: the usual cause is a missing trio.
#if PY_VERSION_HEX >= 0x030C0000
  py_ref value(PyErr_GetRaisedException());
#else
  PyObject *type = nullptr, *raised = nullptr, *traceback = nullptr;
  PyErr_Fetch(&type, &raised, &traceback);
  PyErr_NormalizeException(&type, &raised, &traceback);
  py_ref type_ref(type), value(raised), traceback_ref(traceback);
#endif
  py_ref name(value ? PyObject_GetAttrString(reinterpret_cast<PyObject*>(Py_TYPE(value.get())),
                                             "__name__")
                    : nullptr);
  py_ref message(value ? PyObject_Str(value.get()) : nullptr);
  PyErr_Clear();
  write_error("asynclift-repl: cannot start the " + options.loop + " session: " +
              (name ? utf8(name.get()) : std::string("error")) + ": " +
              (message ? utf8(message.get()) : std::string()) + "\n");
  return false;
}

PyObject* python_host::call(const char* method, PyObject* args) {
  py_ref args_ref(args);
  py_ref function(args ? PyObject_GetAttrString(session_, method) : nullptr);
  return function ? PyObject_CallObject(function.get(), args) : nullptr;
}

read_status python_host::read_line(bool primary, std::string& line) {
  py_ref result(call("read_line", Py_BuildValue("(O)", primary ? Py_True : Py_False)));
  if (!result) {
    if (PyErr_ExceptionMatches(PyExc_KeyboardInterrupt)) {
      PyErr_Clear();
      return read_status::interrupted;
    }
    PyErr_Print();  // an unreadable input (e.g. not decodable): end the session
    return read_status::end_of_input;
  }
  if (result.get() == Py_None) return read_status::end_of_input;
  line = utf8(result.get());
  return read_status::line;
}

void python_host::write_error(std::string_view message) {
  // Through sys.stderr (after flushing sys.stdout), in order with what the cells print.
  py_ref str = text(message);
  PyObject* out = PySys_GetObject("stdout");  // borrowed
  PyObject* err = PySys_GetObject("stderr");
  py_ref flushed(out ? PyObject_CallMethod(out, "flush", nullptr) : nullptr);
  py_ref written(str && err ? PyObject_CallMethod(err, "write", "O", str.get()) : nullptr);
  py_ref flushed_err(err ? PyObject_CallMethod(err, "flush", nullptr) : nullptr);
  PyErr_Clear();  // no usable stream: nothing to report it on
}

void python_host::show_syntax_error(const syntax_error& e) {
  py_ref result(call("syntax_error",
                     Py_BuildValue("(s#s#IIs#II)", e.kind.data(),
                                   static_cast<Py_ssize_t>(e.kind.size()), e.message.data(),
                                   static_cast<Py_ssize_t>(e.message.size()), e.line, e.column,
                                   e.text.data(), static_cast<Py_ssize_t>(e.text.size()),
                                   e.end_line, e.end_column)));
  if (!result) PyErr_Print();
}

std::optional<int> python_host::run_cell(unsigned number, std::string_view source,
                                         std::string_view lifted, std::uint32_t line_offset,
                                         std::string_view wrapper, bool needs_async) {
  py_ref source_str = text(source), lifted_str = text(lifted), wrapper_str = text(wrapper);
  py_ref result(call("run_cell", Py_BuildValue("(IOOIOO)", number, source_str.get(),
                                               lifted_str.get(), line_offset, wrapper_str.get(),
                                               needs_async ? Py_True : Py_False)));
  if (!result) {
    PyErr_Print();  // a failure of the REPL itself; the session goes on
    return std::nullopt;
  }
  if (result.get() == Py_None) return std::nullopt;
  return static_cast<int>(PyLong_AsLong(result.get()));
}

void python_host::close() {
  if (!session_) return;
  py_ref result(call("close", PyTuple_New(0)));
  if (!result) PyErr_Print();
}

gil_released::gil_released() : state_(PyEval_SaveThread()) {}
gil_released::~gil_released() { PyEval_RestoreThread(static_cast<PyThreadState*>(state_)); }

}  // namespace repl
