// The lift, end to end.
//
// 1. Analyse (or take the caller's analysis); refuse when it has errors: a lift must never
//    turn code CPython rejects into code that runs.
// 2. Split the module: the docstring and the `from __future__` imports stay at module level
//    (they must: a future import only works at the top of the file); everything from the
//    first other statement on becomes the wrapper's body.
// 3. Plan edits on the original text (lift_edits.hpp): the header — `async def W():`, then
//    `global` for every name the module binds (CPython then also gives every def and class
//    the qualified name module code gives it), SETUP_ANNOTATIONS when module code has it,
//    the annotation holder — inserted before the first body statement; one indentation unit
//    at the start of every logical line of the body (lift_layout.cpp); the rewrites that keep
//    module meaning (lift_rewrite.cpp); and, when the body defines code objects, a trailer
//    that moves their line numbers back to the source's and fixes the qualified names of
//    lambdas and comprehensions (lift_python.cpp).
// 4. Apply the edits and write the result in the source's encoding, BOM included.
#include "asynclift/lift.hpp"

#include <algorithm>
#include <unordered_set>

#include "analysis_parts.hpp"
#include "lift_edits.hpp"
#include "lift_encoding.hpp"
#include "lift_layout.hpp"
#include "lift_module.hpp"
#include "lift_python.hpp"
#include "lift_rewrite.hpp"
#include "syntax_tree.hpp"

namespace asynclift {

std::string_view to_string(lift_mode mode) noexcept {
  switch (mode) {
    case lift_mode::exec:
      return "exec";
    case lift_mode::interactive:
      return "interactive";
    case lift_mode::last_expr:
      return "last-expr";
  }
  return "?";
}

std::optional<lift_mode> parse_lift_mode(std::string_view text) noexcept {
  for (lift_mode m : {lift_mode::exec, lift_mode::interactive, lift_mode::last_expr})
    if (text == to_string(m)) return m;
  return std::nullopt;
}

namespace {

using detail::kind;

bool is_keyword(std::string_view s) {
  static constexpr std::string_view keywords[] = {
      "False", "None",   "True",    "and",      "as",     "assert", "async", "await",
      "break", "class",  "continue", "def",     "del",    "elif",   "else",  "except",
      "finally", "for",  "from",    "global",   "if",     "import", "in",    "is",
      "lambda", "nonlocal", "not",  "or",       "pass",   "raise",  "return", "try",
      "while", "with",   "yield"};
  return std::find(std::begin(keywords), std::end(keywords), s) != std::end(keywords);
}

bool valid_wrapper_name(std::string_view s) {
  if (s.empty() || is_keyword(s) || (s[0] >= '0' && s[0] <= '9')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

diagnostic lift_diagnostic(std::string_view code, severity level, std::string message,
                           text_range range = {}) {
  diagnostic d;
  d.code = code;
  d.level = level;
  d.message = std::move(message);
  d.range = range;
  return d;
}

// A prefix, derived from `base`, that no identifier of the source starts with: the names of
// the wrapper's own locals.
std::string fresh_prefix(std::string base, const std::unordered_set<std::string_view>& used) {
  auto taken = [&] {
    return std::any_of(used.begin(), used.end(),
                       [&](std::string_view id) { return id.substr(0, base.size()) == base; });
  };
  while (taken()) base += '_';
  return base;
}

bool ends_with_newline(std::string_view t) {
  return !t.empty() && (t.back() == '\n' || t.back() == '\r');
}

}  // namespace

namespace detail {

// The lift of an analysis; `tree` is its parse tree when the caller has it, else null.
lift_result lift_analysed(analysis analysed, const TSTree* tree, const lift_options& options) {
  lift_result r;
  r.analysis = std::move(analysed);
  if (!valid_wrapper_name(options.wrapper)) {
    r.diagnostics.push_back(lift_diagnostic("lift-invalid-wrapper", severity::error,
                                            "the wrapper name must be an ASCII identifier that is "
                                            "not a keyword: '" + options.wrapper + "'"));
    return r;
  }
  if (r.analysis.has_errors()) return r;
  const std::string& text = r.analysis.source.text();
  detail::tree_ptr own;
  if (!tree) {
    detail::parser parser;
    own = parser.parse(text);
    tree = own.get();
  }
  const TSNode root = ts_tree_root_node(tree);
  const auto used = detail::identifiers(root, text);
  if (used.count(options.wrapper)) {
    r.diagnostics.push_back(lift_diagnostic(
        "lift-wrapper-taken", severity::error,
        "the source uses the name '" + options.wrapper + "', which the wrapper would take over; "
        "choose another wrapper name"));
    return r;
  }

  std::vector<diagnostic> warnings;
  const detail::module_split split = detail::split_module(root, text, options.mode, warnings);
  const auto body_begin = ts_node_is_null(split.first_body)
                              ? static_cast<std::uint32_t>(text.size())
                              : ts_node_start_byte(split.first_body);

  std::unordered_set<std::string_view> bound(r.analysis.module_bindings.begin(),
                                             r.analysis.module_bindings.end());
  const std::string scratch = fresh_prefix(options.wrapper + "_", used);
  const std::string holder = scratch + "annotations";
  detail::rewrite_context ctx;
  ctx.text = text;
  ctx.mode = options.mode;
  ctx.target = r.analysis.target;
  ctx.future_annotations = split.future_annotations;
  ctx.holder = holder;
  ctx.scratch = scratch;
  ctx.bound = &bound;
  ctx.last_expression = split.last_expression;
  detail::edit_list edits;
  detail::rewrite_facts facts;
  if (!ts_node_is_null(split.first_body)) detail::plan_rewrites(ctx, split.first_body, edits, facts);

  const detail::line_layout layout = detail::scan_lines(text, root, body_begin);
  const std::string indent = layout.tabs ? "\t" : "    ";
  const std::string& nl = layout.newline;
  for (std::uint32_t at : layout.indent_at) edits.insert(at, indent, detail::rank_indent);

  // The header.
  std::string header = "async def " + options.wrapper + "():" + nl;
  for (const std::string& line : detail::global_statements(r.analysis.module_bindings))
    header += indent + line + nl;
  // SETUP_ANNOTATIONS, as CPython compiles it for the target version.
  std::string_view setup;
  if (facts.annotations_outside_match || (facts.annotations_in_match && r.analysis.target >= python_version::v3_12))
    setup = detail::setup_annotations;
  else if (facts.annotations_in_match && r.analysis.target == python_version::v3_11)
    setup = detail::setup_annotations_311;
  if (!setup.empty()) {
    facts.builtins_used.insert("globals");
    header += indent + std::string(setup) + nl;
  }
  if (!facts.holder_annotations.empty()) {
    header += indent + "def " + holder + "(";
    for (std::size_t i = 0; i < facts.holder_annotations.size(); ++i)
      header += (i ? ", a" : "a") + std::to_string(i) + ": " + facts.holder_annotations[i];
    header += "): pass" + nl;
  }
  if (ts_node_is_null(split.first_body) && header.find(nl) == header.size() - nl.size())
    header += indent + "pass" + nl;

  std::uint32_t first_line = 0;  // the source line of the first body statement
  if (ts_node_is_null(split.first_body)) {
    if (!text.empty() && !ends_with_newline(text)) header = nl + header;
    edits.insert(body_begin, header, detail::rank_header);
  } else {
    first_line = r.analysis.source.line_of(body_begin);
    const std::uint32_t line_begin = r.analysis.source.line_start(first_line);
    std::uint32_t after_ff = line_begin;
    bool at_line_start = true;
    for (std::uint32_t k = line_begin; k < body_begin; ++k) {
      if (text[k] == '\f') after_ff = k + 1;
      else if (text[k] != ' ' && text[k] != '\t') at_line_start = false;
    }
    if (at_line_start) {
      edits.insert(line_begin, header, detail::rank_header);
      edits.insert(after_ff, indent, detail::rank_indent);
    } else {  // after `"""doc"""; ` or a future import and a semicolon
      header = nl + header + indent;
      edits.insert(body_begin, header, detail::rank_header);
    }
  }
  r.line_offset = detail::count_newlines(header);

  if (facts.nested_code) {
    std::string trailer = ends_with_newline(text) || text.empty() ? "" : nl;
    trailer += detail::code_fixup(options.wrapper, r.line_offset, first_line + r.line_offset - 1, nl);
    if (ends_with_newline(text) || text.empty()) trailer += nl;
    edits.insert(static_cast<std::uint32_t>(text.size()), trailer, detail::rank_trailer);
  }

  for (std::string_view b : facts.builtins_used)
    if (bound.count(b))
      warnings.push_back(lift_diagnostic(
          "lift-shadowed-builtin", severity::warning,
          "the lifted code calls the builtin '" + std::string(b) +
              "', which this source rebinds at module level"));
  for (diagnostic& d : facts.warnings) warnings.push_back(std::move(d));

  std::string code = edits.apply(text);
  std::string error;
  if (!detail::encode_as(code, r.analysis.source.encoding(), error)) {
    r.diagnostics.push_back(lift_diagnostic("lift-encoding", severity::error, error));
    return r;
  }
  if (r.analysis.source.had_bom()) code.insert(0, "\xEF\xBB\xBF");
  r.code = std::move(code);
  r.diagnostics = std::move(warnings);
  std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(),
                   [](const diagnostic& a, const diagnostic& b) { return a.range.begin < b.range.begin; });
  r.ok = true;
  return r;
}

}  // namespace detail

lift_result lift(analysis analysed, const lift_options& options) {
  return detail::lift_analysed(std::move(analysed), nullptr, options);
}

// From source, the tree the analysis parsed is lifted too: one parse, not two.
lift_result lift(std::string_view bytes, const lift_options& options) {
  analyse_options ao;
  ao.target = options.target;
  detail::parser p;
  detail::tree_ptr tree;
  analysis a = detail::analyse_source(p, source_text::decode(bytes), ao, &tree);
  return detail::lift_analysed(std::move(a), tree.get(), options);
}

lift_result lift_text(std::string utf8, const lift_options& options) {
  analyse_options ao;
  ao.target = options.target;
  detail::parser p;
  detail::tree_ptr tree;
  analysis a = detail::analyse_source(p, source_text::from_utf8(std::move(utf8)), ao, &tree);
  return detail::lift_analysed(std::move(a), tree.get(), options);
}

std::string runner_lines(std::string_view runner, const lift_options& options,
                         std::string_view newline) {
  std::string call;
  if (runner == "asyncio") call = "__import__('asyncio').run(" + options.wrapper + "())";
  else if (runner == "trio") call = "__import__('trio').run(" + options.wrapper + ")";
  else return "";
  if (options.mode == lift_mode::last_expr) call = "__import__('sys').displayhook(" + call + ")";
  return call + std::string(newline);
}

}  // namespace asynclift
