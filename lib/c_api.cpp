// The C API (include/asynclift/asynclift.h), a thin layer over the C++ API.
//
// Every entry point that can fail runs its body through `guarded`, which turns any C++
// exception into a status code and a thread-local message, so nothing unwinds into C. The
// handle types are the C++ objects plus what the C view needs: an analysis handle keeps the
// diagnostic codes NUL-terminated in one buffer, and a document keeps the handle of its
// current analysis, rebuilt after an edit.
#include "asynclift/asynclift.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asynclift/analysis.hpp"
#include "asynclift/document.hpp"
#include "asynclift/lift.hpp"
#include "asynclift/version.hpp"

namespace {

// The codes of a list of diagnostics, each NUL-terminated, in one buffer.
class code_table {
 public:
  void build(const std::vector<asynclift::diagnostic>& diagnostics) {
    codes_.clear();
    at_.clear();
    at_.reserve(diagnostics.size());
    for (const asynclift::diagnostic& d : diagnostics) {
      at_.push_back(static_cast<std::uint32_t>(codes_.size()));
      codes_.append(d.code);
      codes_.push_back('\0');
    }
  }
  const char* operator[](std::size_t i) const noexcept { return codes_.c_str() + at_[i]; }

 private:
  std::string codes_;
  std::vector<std::uint32_t> at_;
};

}  // namespace

struct asynclift_analysis {
  // Either owned (made by an analyse call) or borrowed from a document or a lift result.
  std::optional<asynclift::analysis> owned;
  const asynclift::analysis* view = nullptr;
  code_table codes;

  void attach(const asynclift::analysis& a) {
    view = &a;
    codes.build(a.diagnostics);
  }
};

struct asynclift_analyser {
  asynclift::analyser engine;
};

struct asynclift_document {
  asynclift::document doc;
  asynclift_analysis current;  // valid while `fresh`
  bool fresh = false;

  asynclift_document(std::string text, const asynclift::analyse_options& o)
      : doc(std::move(text), o) {}
};

struct asynclift_lift {
  asynclift::lift_result result;
  asynclift_analysis analysis;  // views result.analysis
  code_table codes;             // of result.diagnostics
};

namespace {

thread_local std::string last_error;

asynclift_status fail(asynclift_status status, std::string_view message) noexcept {
  try {
    last_error.assign(message);
  } catch (...) {
    last_error.clear();  // no memory even for the message: the status says enough
  }
  return status;
}

// Runs `body` (which returns a status), translating exceptions.
template <class F>
asynclift_status guarded(F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail(ASYNCLIFT_ERROR_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    return fail(ASYNCLIFT_ERROR_INTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(ASYNCLIFT_ERROR_INTERNAL, "internal error: unknown exception");
  }
}

asynclift_status invalid(std::string_view message) noexcept {
  return fail(ASYNCLIFT_ERROR_INVALID_ARGUMENT, message);
}

// Checks a (pointer, length) text argument. (Run inside `guarded`: building a message may
// throw.)
asynclift_status check_text(const char* text, std::size_t length, const char* what) {
  if (!text && length != 0) return invalid(std::string(what) + " is NULL but its length is not 0");
  if (length > std::numeric_limits<std::uint32_t>::max())
    return invalid(std::string(what) + " is longer than UINT32_MAX bytes");
  return ASYNCLIFT_OK;
}

std::string_view as_view(const char* text, std::size_t length) noexcept {
  return length ? std::string_view(text, length) : std::string_view();
}

// Target version and flags → analyse_options. (Run inside `guarded`.)
asynclift_status make_options(asynclift_python_version target, std::uint32_t flags,
                              asynclift::analyse_options& o) {
  if (target == ASYNCLIFT_PYTHON_DEFAULT) {
    o.target = asynclift::default_python_version;
  } else {
    int v = static_cast<int>(target);
    if (v < asynclift::minor(asynclift::oldest_python_version) ||
        v > asynclift::minor(asynclift::newest_python_version))
      return invalid("unsupported target version 3." + std::to_string(v));
    o.target = static_cast<asynclift::python_version>(v);
  }
  if (flags & ~static_cast<std::uint32_t>(ASYNCLIFT_FLAG_PLAIN_MODULE))
    return invalid("unknown flags " + std::to_string(flags));
  o.allow_top_level_await = !(flags & ASYNCLIFT_FLAG_PLAIN_MODULE);
  return ASYNCLIFT_OK;
}

asynclift_span make_span(const asynclift::analysis& a, asynclift::text_range r) noexcept {
  asynclift::location b = a.source.locate(r.begin), e = a.source.locate(r.end);
  return {r.begin, r.end, b.line, b.column, e.line, e.column};
}

void fill_diagnostic(const asynclift::analysis& a, const asynclift::diagnostic& d,
                     const char* code, asynclift_diagnostic& out) noexcept {
  out.code = code;
  out.message = d.message.c_str();
  out.severity =
      d.level == asynclift::severity::error ? ASYNCLIFT_SEVERITY_ERROR : ASYNCLIFT_SEVERITY_WARNING;
  out.unpositioned = d.unpositioned;
  out.span = make_span(a, d.range);
}

// The shared body of the four analyse functions.
template <class Analyse>
asynclift_status analyse_into(const char* text, std::size_t length, asynclift_python_version target,
                              std::uint32_t flags, asynclift_analysis** out, Analyse&& analyse) {
  if (!out) return invalid("the out parameter is NULL");
  *out = nullptr;
  return guarded([&] {
    asynclift::analyse_options o;
    if (asynclift_status s = check_text(text, length, "the source"); s != ASYNCLIFT_OK) return s;
    if (asynclift_status s = make_options(target, flags, o); s != ASYNCLIFT_OK) return s;
    auto handle = std::make_unique<asynclift_analysis>();
    handle->owned.emplace(analyse(as_view(text, length), o));
    handle->attach(*handle->owned);
    *out = handle.release();
    return ASYNCLIFT_OK;
  });
}

const char* static_version_name(int minor) noexcept {
  switch (minor) {
    case 8: return "3.8";
    case 9: return "3.9";
    case 10: return "3.10";
    case 11: return "3.11";
    case 12: return "3.12";
    case 13: return "3.13";
    default: return nullptr;
  }
}

}  // namespace

extern "C" {

const char* asynclift_status_name(asynclift_status status) {
  switch (status) {
    case ASYNCLIFT_OK: return "ok";
    case ASYNCLIFT_ERROR_INVALID_ARGUMENT: return "invalid argument";
    case ASYNCLIFT_ERROR_OUT_OF_MEMORY: return "out of memory";
    case ASYNCLIFT_ERROR_INTERNAL: return "internal error";
  }
  return "unknown status";
}

const char* asynclift_last_error(void) { return last_error.c_str(); }

const char* asynclift_version(void) {
  // library_version() views a string literal, so it is NUL-terminated.
  return asynclift::library_version().data();
}

const char* asynclift_python_version_name(asynclift_python_version version) {
  if (version == ASYNCLIFT_PYTHON_DEFAULT)
    return static_version_name(asynclift::minor(asynclift::default_python_version));
  return static_version_name(static_cast<int>(version));
}

asynclift_status asynclift_python_version_parse(const char* text, asynclift_python_version* out) {
  if (!out) return invalid("the out parameter is NULL");
  if (!text) return invalid("the version text is NULL");
  std::optional<asynclift::python_version> v = asynclift::parse_python_version(text);
  if (!v) return invalid("not a supported Python version (3.8 to 3.13)");
  *out = static_cast<asynclift_python_version>(asynclift::minor(*v));
  return ASYNCLIFT_OK;
}

const char* asynclift_async_kind_name(asynclift_async_kind kind) {
  switch (kind) {
    case ASYNCLIFT_ASYNC_AWAIT: return "await";
    case ASYNCLIFT_ASYNC_FOR: return "async-for";
    case ASYNCLIFT_ASYNC_WITH: return "async-with";
    case ASYNCLIFT_ASYNC_COMPREHENSION: return "async-comprehension";
  }
  return nullptr;
}

const char* asynclift_severity_name(asynclift_severity severity) {
  switch (severity) {
    case ASYNCLIFT_SEVERITY_ERROR: return "error";
    case ASYNCLIFT_SEVERITY_WARNING: return "warning";
  }
  return nullptr;
}

// ---- analysis -------------------------------------------------------------------------------

bool asynclift_analysis_needs_async(const asynclift_analysis* analysis) {
  return analysis && analysis->view->needs_async && !analysis->view->has_errors();
}

bool asynclift_analysis_has_errors(const asynclift_analysis* analysis) {
  return analysis && analysis->view->has_errors();
}

asynclift_python_version asynclift_analysis_target(const asynclift_analysis* analysis) {
  if (!analysis) return ASYNCLIFT_PYTHON_DEFAULT;
  return static_cast<asynclift_python_version>(asynclift::minor(analysis->view->target));
}

const char* asynclift_analysis_text(const asynclift_analysis* analysis, size_t* length) {
  if (!analysis) {
    if (length) *length = 0;
    return nullptr;
  }
  const std::string& t = analysis->view->source.text();
  if (length) *length = t.size();
  return t.c_str();
}

const char* asynclift_analysis_encoding(const asynclift_analysis* analysis) {
  return analysis ? analysis->view->source.encoding().c_str() : nullptr;
}

size_t asynclift_analysis_async_site_count(const asynclift_analysis* analysis) {
  return analysis ? analysis->view->async_sites.size() : 0;
}

bool asynclift_analysis_async_site(const asynclift_analysis* analysis, size_t index,
                                   asynclift_async_site* out) {
  if (!analysis || !out || index >= analysis->view->async_sites.size()) return false;
  const asynclift::async_site& s = analysis->view->async_sites[index];
  switch (s.kind) {
    case asynclift::async_kind::await_expr: out->kind = ASYNCLIFT_ASYNC_AWAIT; break;
    case asynclift::async_kind::async_for: out->kind = ASYNCLIFT_ASYNC_FOR; break;
    case asynclift::async_kind::async_with: out->kind = ASYNCLIFT_ASYNC_WITH; break;
    case asynclift::async_kind::async_comprehension: out->kind = ASYNCLIFT_ASYNC_COMPREHENSION; break;
  }
  out->span = make_span(*analysis->view, s.range);
  return true;
}

size_t asynclift_analysis_diagnostic_count(const asynclift_analysis* analysis) {
  return analysis ? analysis->view->diagnostics.size() : 0;
}

bool asynclift_analysis_diagnostic(const asynclift_analysis* analysis, size_t index,
                                   asynclift_diagnostic* out) {
  if (!analysis || !out || index >= analysis->view->diagnostics.size()) return false;
  const asynclift::diagnostic& d = analysis->view->diagnostics[index];
  fill_diagnostic(*analysis->view, d, analysis->codes[index], *out);
  return true;
}

size_t asynclift_analysis_module_binding_count(const asynclift_analysis* analysis) {
  return analysis ? analysis->view->module_bindings.size() : 0;
}

const char* asynclift_analysis_module_binding(const asynclift_analysis* analysis, size_t index,
                                              size_t* length) {
  if (!analysis || index >= analysis->view->module_bindings.size()) {
    if (length) *length = 0;
    return nullptr;
  }
  const std::string& name = analysis->view->module_bindings[index];
  if (length) *length = name.size();
  return name.c_str();
}

bool asynclift_analysis_locate(const asynclift_analysis* analysis, uint32_t byte_offset,
                               uint32_t* line, uint32_t* column) {
  if (!analysis || !line || !column) return false;
  asynclift::location l = analysis->view->source.locate(byte_offset);
  *line = l.line;
  *column = l.column;
  return true;
}

void asynclift_analysis_free(asynclift_analysis* analysis) { delete analysis; }

// ---- analysing ------------------------------------------------------------------------------

asynclift_status asynclift_analyser_new(asynclift_analyser** out) {
  if (!out) return invalid("the out parameter is NULL");
  *out = nullptr;
  return guarded([&] {
    *out = new asynclift_analyser();
    return ASYNCLIFT_OK;
  });
}

void asynclift_analyser_free(asynclift_analyser* analyser) { delete analyser; }

asynclift_status asynclift_analyser_analyse_bytes(asynclift_analyser* analyser, const char* bytes,
                                                  size_t length, asynclift_python_version target,
                                                  uint32_t flags, asynclift_analysis** out) {
  if (!analyser) {
    if (out) *out = nullptr;
    return invalid("the analyser is NULL");
  }
  return analyse_into(bytes, length, target, flags, out,
                      [&](std::string_view b, const asynclift::analyse_options& o) {
                        return analyser->engine.analyse_bytes(b, o);
                      });
}

asynclift_status asynclift_analyser_analyse_text(asynclift_analyser* analyser, const char* utf8,
                                                 size_t length, asynclift_python_version target,
                                                 uint32_t flags, asynclift_analysis** out) {
  if (!analyser) {
    if (out) *out = nullptr;
    return invalid("the analyser is NULL");
  }
  return analyse_into(utf8, length, target, flags, out,
                      [&](std::string_view t, const asynclift::analyse_options& o) {
                        return analyser->engine.analyse_text(std::string(t), o);
                      });
}

asynclift_status asynclift_analyse_bytes(const char* bytes, size_t length,
                                         asynclift_python_version target, uint32_t flags,
                                         asynclift_analysis** out) {
  return analyse_into(bytes, length, target, flags, out,
                      [](std::string_view b, const asynclift::analyse_options& o) {
                        return asynclift::analyse_bytes(b, o);
                      });
}

asynclift_status asynclift_analyse_text(const char* utf8, size_t length,
                                        asynclift_python_version target, uint32_t flags,
                                        asynclift_analysis** out) {
  return analyse_into(utf8, length, target, flags, out,
                      [](std::string_view t, const asynclift::analyse_options& o) {
                        return asynclift::analyse_text(std::string(t), o);
                      });
}

int asynclift_needs_async(const char* utf8, size_t length, asynclift_python_version target,
                          uint32_t flags) {
  bool verdict = false;
  asynclift_status s = guarded([&] {
    asynclift::analyse_options o;
    if (asynclift_status c = check_text(utf8, length, "the source"); c != ASYNCLIFT_OK) return c;
    if (asynclift_status c = make_options(target, flags, o); c != ASYNCLIFT_OK) return c;
    verdict = asynclift::needs_async(as_view(utf8, length), o);
    return ASYNCLIFT_OK;
  });
  return s != ASYNCLIFT_OK ? s : verdict ? 1 : 0;
}

// ---- documents ------------------------------------------------------------------------------

asynclift_status asynclift_document_new(const char* utf8, size_t length,
                                        asynclift_python_version target, uint32_t flags,
                                        asynclift_document** out) {
  if (!out) return invalid("the out parameter is NULL");
  *out = nullptr;
  return guarded([&] {
    asynclift::analyse_options o;
    if (asynclift_status s = check_text(utf8, length, "the text"); s != ASYNCLIFT_OK) return s;
    if (asynclift_status s = make_options(target, flags, o); s != ASYNCLIFT_OK) return s;
    *out = new asynclift_document(std::string(as_view(utf8, length)), o);
    return ASYNCLIFT_OK;
  });
}

void asynclift_document_free(asynclift_document* document) { delete document; }

asynclift_status asynclift_document_edit(asynclift_document* document, size_t begin, size_t end,
                                         const char* replacement, size_t replacement_length) {
  if (!document) return invalid("the document is NULL");
  return guarded([&] {
    if (asynclift_status s = check_text(replacement, replacement_length, "the replacement");
        s != ASYNCLIFT_OK)
      return s;
    const std::size_t size = document->doc.text().size();
    begin = std::min(begin, size);
    end = std::max(begin, std::min(end, size));
    if (size - (end - begin) + replacement_length > std::numeric_limits<std::uint32_t>::max())
      return invalid("the edited text would be longer than UINT32_MAX bytes");
    document->fresh = false;
    document->doc.edit(static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end),
                       as_view(replacement, replacement_length));
    return ASYNCLIFT_OK;
  });
}

const char* asynclift_document_text(const asynclift_document* document, size_t* length) {
  if (!document) {
    if (length) *length = 0;
    return nullptr;
  }
  const std::string& t = document->doc.text();
  if (length) *length = t.size();
  return t.c_str();
}

asynclift_status asynclift_document_analysis(asynclift_document* document,
                                             const asynclift_analysis** out) {
  if (!out) return invalid("the out parameter is NULL");
  *out = nullptr;
  if (!document) return invalid("the document is NULL");
  return guarded([&] {
    if (!document->fresh) {
      document->current.attach(document->doc.result());
      document->fresh = true;
    }
    *out = &document->current;
    return ASYNCLIFT_OK;
  });
}

// ---- lift -----------------------------------------------------------------------------------

const char* asynclift_lift_mode_name(asynclift_lift_mode mode) {
  switch (mode) {
    case ASYNCLIFT_LIFT_EXEC: return "exec";
    case ASYNCLIFT_LIFT_INTERACTIVE: return "interactive";
    case ASYNCLIFT_LIFT_LAST_EXPR: return "last-expr";
  }
  return nullptr;
}

}  // extern "C"

namespace {

template <class Lift>
asynclift_status lift_into(const char* text, std::size_t length, asynclift_python_version target,
                           asynclift_lift_mode mode, const char* wrapper, asynclift_lift** out,
                           Lift&& lift) {
  if (!out) return invalid("the out parameter is NULL");
  *out = nullptr;
  return guarded([&] {
    if (asynclift_status s = check_text(text, length, "the source"); s != ASYNCLIFT_OK) return s;
    asynclift::analyse_options ao;
    if (asynclift_status s = make_options(target, 0, ao); s != ASYNCLIFT_OK) return s;
    asynclift::lift_options o;
    o.target = ao.target;
    switch (mode) {
      case ASYNCLIFT_LIFT_EXEC: o.mode = asynclift::lift_mode::exec; break;
      case ASYNCLIFT_LIFT_INTERACTIVE: o.mode = asynclift::lift_mode::interactive; break;
      case ASYNCLIFT_LIFT_LAST_EXPR: o.mode = asynclift::lift_mode::last_expr; break;
      default: return invalid("unknown lift mode " + std::to_string(static_cast<int>(mode)));
    }
    if (wrapper) o.wrapper = wrapper;
    auto handle = std::make_unique<asynclift_lift>();
    handle->result = lift(as_view(text, length), o);
    handle->analysis.attach(handle->result.analysis);
    handle->codes.build(handle->result.diagnostics);
    *out = handle.release();
    return ASYNCLIFT_OK;
  });
}

}  // namespace

extern "C" {

asynclift_status asynclift_lift_bytes(const char* bytes, size_t length,
                                      asynclift_python_version target, asynclift_lift_mode mode,
                                      const char* wrapper, asynclift_lift** out) {
  return lift_into(bytes, length, target, mode, wrapper, out,
                   [](std::string_view b, const asynclift::lift_options& o) {
                     return asynclift::lift(b, o);
                   });
}

asynclift_status asynclift_lift_text(const char* utf8, size_t length,
                                     asynclift_python_version target, asynclift_lift_mode mode,
                                     const char* wrapper, asynclift_lift** out) {
  return lift_into(utf8, length, target, mode, wrapper, out,
                   [](std::string_view t, const asynclift::lift_options& o) {
                     return asynclift::lift_text(std::string(t), o);
                   });
}

bool asynclift_lift_ok(const asynclift_lift* lift) { return lift && lift->result.ok; }

const char* asynclift_lift_code(const asynclift_lift* lift, size_t* length) {
  if (!lift) {
    if (length) *length = 0;
    return nullptr;
  }
  if (length) *length = lift->result.code.size();
  return lift->result.code.c_str();
}

uint32_t asynclift_lift_line_offset(const asynclift_lift* lift) {
  return lift ? lift->result.line_offset : 0;
}

const asynclift_analysis* asynclift_lift_analysis(const asynclift_lift* lift) {
  return lift ? &lift->analysis : nullptr;
}

size_t asynclift_lift_diagnostic_count(const asynclift_lift* lift) {
  return lift ? lift->result.diagnostics.size() : 0;
}

bool asynclift_lift_diagnostic(const asynclift_lift* lift, size_t index,
                               asynclift_diagnostic* out) {
  if (!lift || !out || index >= lift->result.diagnostics.size()) return false;
  fill_diagnostic(lift->result.analysis, lift->result.diagnostics[index], lift->codes[index], *out);
  return true;
}

void asynclift_lift_free(asynclift_lift* lift) { delete lift; }

}  // extern "C"
