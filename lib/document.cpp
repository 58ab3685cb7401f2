// The editable document. Results are cached per top-level statement: a statement's analysis
// depends on its own text and on two module-wide facts only — the `from __future__` features
// in force and whether it is itself a well-placed future import — because every scope it
// creates is nested in it; module scope, the one scope all statements share, is rebuilt each
// time from the statements' module events (resolve_module). So results cached with positions
// relative to the statement can be reused while the statement's bytes are unchanged, and the
// document's analysis always equals a fresh analysis of the same text.
//
// A refresh goes one of two ways:
// - By parts (refresh_parts), while the text has no syntax error: each top-level statement
//   owns its part of the text, from its line to the next top-level statement. The parts an
//   edit touched are parsed on their own (at column 0 with nothing open, CPython's tokenizer
//   and tree-sitter's parser meet a part as they meet it inside the whole text), checked and
//   walked; nothing else is read. A part with a syntax error, or one that could change the
//   future features, sends the refresh the other way.
// - Whole: tree-sitter reparses the text incrementally (ts_tree_edit, then a parse that reuses
//   the old tree; afresh when the text has errors, since error recovery can then end
//   differently), the syntax checks run on the changed parts when the last text had no syntax
//   error and on the whole text otherwise, and the scope walk runs on the statements whose
//   cached results do not hold.
#include "asynclift/document.hpp"

#include <algorithm>
#include <optional>

#include "analysis_parts.hpp"
#include "syntax_checks.hpp"
#include "syntax_tree.hpp"
#include "walker.hpp"

namespace asynclift {

namespace detail {

// A module event with its name kept as an offset into the statement (the text moves).
struct cached_event {
  std::uint32_t name_offset, name_size;
  std::uint16_t flag;
  bool directive;
  std::uint32_t begin, end;
};

// One top-level statement's results; every position is relative to `begin`.
struct cached_statement {
  std::uint32_t begin = 0, end = 0;  // where the statement is in the current text
  // How the statement parsed: equal bytes alone would not do, since after an edit before
  // them the same bytes can parse differently (part of an ERROR, say). A top-level statement
  // that parsed without errors, from the same bytes into a node of the same kind and shape,
  // is taken to be the same parse; statements with errors are always analysed again.
  TSSymbol symbol = 0;
  std::uint32_t descendants = 0;
  bool clean = false;
  bool valid_future = false;
  // The statement's part of the text for the syntax checks: from its line (the text's start
  // for the first statement) to the next top-level statement, comments and blank lines
  // included. `syntax_clean`: the whole text had no syntax error, and this part is unchanged.
  std::uint32_t part_begin = 0, part_end = 0;
  bool syntax_clean = false;
  std::vector<diagnostic> diagnostics;
  std::vector<async_site> sites;
  std::vector<cached_event> events;
};

struct document_state {
  std::string text;
  analyse_options options;
  std::vector<std::uint32_t> lines{0};  // byte offset of each line start in `text`
  parser p;
  tree_ptr tree;
  std::vector<cached_statement> statements;  // in text order
  bool future_annotations = false, future_barry = false;
  // Where the statements that decide the future features end (a statement after them cannot
  // change them), and whether the next refresh may go part by part (see refresh_parts).
  static constexpr std::uint32_t no_part = 0xFFFFFFFFu;
  std::uint32_t future_end = no_part;
  bool by_parts = false;
  analysis current;
  bool stale = true;

  TSPoint point(std::uint32_t offset) const {
    auto it = std::upper_bound(lines.begin(), lines.end(), offset);
    auto row = static_cast<std::uint32_t>(it - lines.begin() - 1);
    return {row, offset - lines[row]};
  }
  void rebuild_lines() {
    lines.assign(1, 0);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
        lines.push_back(static_cast<std::uint32_t>(i + 1));
  }
  void refresh();

 private:
  std::vector<TSNode> top_level_statements(TSNode root) const;
  cached_statement* reusable(TSNode s, std::size_t& old, std::optional<bool> valid_future);
  bool refresh_parts();
  void assemble(analysis& a, diagnostic_sink& sink);
  bool check_syntax_by_parts(TSNode root, const std::vector<TSNode>& tops, diagnostic_sink& sink);
};

namespace {

text_range shifted(text_range r, std::int64_t by) {
  return {static_cast<std::uint32_t>(r.begin + by), static_cast<std::uint32_t>(r.end + by)};
}

}  // namespace

// The module's statements (comments and other extras left out), in order.
std::vector<TSNode> document_state::top_level_statements(TSNode root) const {
  std::vector<TSNode> tops;
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more;
       more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode s = ts_tree_cursor_current_node(&cursor);
    if (ts_node_is_named(s) && grammar::get().kind_of(s) != kind::comment) tops.push_back(s);
  }
  ts_tree_cursor_delete(&cursor);
  return tops;
}

namespace {

// Statement i's part of a text of `size` bytes whose top-level statements are `tops` (see
// cached_statement).
void part_of(const std::vector<TSNode>& tops, std::uint32_t i, std::uint32_t size, std::uint32_t& begin,
             std::uint32_t& end) {
  begin = i == 0 ? 0 : ts_node_start_byte(tops[i]);
  end = i + 1 < tops.size() ? ts_node_start_byte(tops[i + 1]) : size;
}

}  // namespace

// The cached results of top-level statement `s`, when they still hold: a statement that parsed
// without errors from the same bytes, at the same place, into a node of the same kind and
// shape (and, for the scope walk, with the same standing as a future import; the syntax
// checks do not ask). `old` walks the cache in step with the statements.
cached_statement* document_state::reusable(TSNode s, std::size_t& old, std::optional<bool> valid_future) {
  const std::uint32_t begin = ts_node_start_byte(s), end = ts_node_end_byte(s);
  while (old < statements.size() && statements[old].begin < begin) ++old;
  if (old >= statements.size()) return nullptr;
  cached_statement& c = statements[old];
  if (c.begin != begin || c.end != end || !c.clean || ts_node_has_error(s) ||
      c.symbol != ts_node_symbol(s) || c.descendants != ts_node_descendant_count(s) ||
      (valid_future && c.valid_future != *valid_future))
    return nullptr;
  return &c;
}

// The syntax checks, part by part when the last text had no syntax error: only the parts an
// edit changed are checked, each as CPython's tokenizer meets it (at column 0, nothing open).
// When one of them has an error, or the parts do not start at line starts, the whole text is
// checked as a fresh analysis does, so the diagnostics are a fresh analysis's. Returns whether
// the text has no syntax error.
bool document_state::check_syntax_by_parts(TSNode root, const std::vector<TSNode>& tops,
                                           diagnostic_sink& sink) {
  auto whole = [&] {
    const std::size_t before = sink.size();
    check_syntax(root, text, sink);
    return sink.size() == before;
  };
  if (tops.empty() || statements.empty()) return whole();
  std::vector<std::uint32_t> changed;
  std::size_t old = 0;
  for (std::uint32_t i = 0; i < tops.size(); ++i) {
    std::uint32_t begin = 0, end = 0;
    part_of(tops, i, static_cast<std::uint32_t>(text.size()), begin, end);
    if (i > 0 && text[begin - 1] != '\n' && text[begin - 1] != '\r') return whole();
    const cached_statement* c = reusable(tops[i], old, std::nullopt);
    if (c && c->syntax_clean && c->part_begin == begin && c->part_end == end) continue;
    changed.push_back(i);
    if (changed.size() * 4 > tops.size()) return whole();
  }
  for (std::uint32_t i : changed) {
    std::uint32_t begin = 0, end = 0;
    part_of(tops, i, static_cast<std::uint32_t>(text.size()), begin, end);
    if (!statement_syntax_clean(root, tops[i], text, begin, end, options.target)) return whole();
  }
  return true;
}

namespace {

// Keeps what the walk found for top-level statement `s` in `entry`, positions relative to the
// statement. `found` holds the walk's diagnostics.
void keep_walk(cached_statement& entry, TSNode s, const walk_result& r,
               const std::vector<diagnostic>& found, std::string_view text, std::uint32_t base) {
  const statement_span& span = r.statements.back();
  const std::uint32_t begin = ts_node_start_byte(s);
  entry.begin = base + begin;
  entry.end = base + ts_node_end_byte(s);
  entry.symbol = ts_node_symbol(s);
  entry.descendants = ts_node_descendant_count(s);
  entry.clean = !ts_node_has_error(s);
  const std::int64_t back = -static_cast<std::int64_t>(begin);
  for (std::uint32_t k = span.diagnostics_begin; k < span.diagnostics_end; ++k) {
    diagnostic d = found[k];
    d.range = shifted(d.range, back);
    entry.diagnostics.push_back(std::move(d));
  }
  for (std::uint32_t k = span.sites_begin; k < span.sites_end; ++k) {
    async_site site = r.sites[k];
    site.range = shifted(site.range, back);
    entry.sites.push_back(site);
  }
  for (std::uint32_t k = span.events_begin; k < span.events_end; ++k) {
    const module_event& e = r.events[k];
    entry.events.push_back({static_cast<std::uint32_t>(e.name.data() - text.data()) - begin,
                            static_cast<std::uint32_t>(e.name.size()), e.flag, e.directive,
                            e.begin - begin, e.end - begin});
  }
}

}  // namespace

// The analysis from the statements' results (after the syntax diagnostics already in `a`).
void document_state::assemble(analysis& a, diagnostic_sink& sink) {
  std::vector<module_event> events;
  std::vector<async_site> sites;
  for (const cached_statement& entry : statements) {
    const std::uint32_t begin = entry.begin;
    for (diagnostic d : entry.diagnostics) {
      d.range = shifted(d.range, begin);
      a.diagnostics.push_back(std::move(d));
    }
    for (async_site site : entry.sites) {
      site.range = shifted(site.range, begin);
      sites.push_back(site);
    }
    for (const cached_event& e : entry.events)
      events.push_back({std::string_view(text).substr(begin + e.name_offset, e.name_size), e.flag,
                        e.directive, begin + e.begin, begin + e.end});
  }
  a.source = source_text::from_utf8_indexed(text, lines);
  finish_analysis(a, events, std::move(sites), sink);
}

void document_state::refresh() {
  analysis a;
  a.target = options.target;
  diagnostic_sink sink(options.target, a.diagnostics);
  if (by_parts && refresh_parts()) {
    assemble(a, sink);
    current = std::move(a);
    return;
  }
  by_parts = false;
  // NUL bytes end the analysis before parsing, as for a file: no tree, no cache.
  if (text.find('\0') != std::string::npos) {
    tree.reset();
    statements.clear();
    current = analyser().analyse_text(text, options);
    return;
  }
  tree = p.parse(text, tree.get());
  TSNode root = ts_tree_root_node(tree.get());
  if (ts_node_has_error(root)) {
    // tree-sitter's error recovery can end differently when it reuses an old tree (found by
    // fuzz_document): a text with errors is parsed afresh, as a fresh analysis parses it.
    tree = p.parse(text);
    root = ts_tree_root_node(tree.get());
  }
  std::vector<TSNode> tops = top_level_statements(root);
  const bool syntax_clean = check_syntax_by_parts(root, tops, sink);

  std::vector<diagnostic> found;
  diagnostic_sink walk_sink(options.target, found);
  walker w(text, walk_sink, options.allow_top_level_await);
  w.begin_module(root);
  if (w.future_annotations() != future_annotations || w.future_barry() != future_barry) {
    statements.clear();  // every statement sees the future features
    future_annotations = w.future_annotations();
    future_barry = w.future_barry();
  }
  std::vector<cached_statement> next;
  std::size_t old = 0;
  bool all_clean = syntax_clean;
  future_end = no_part;
  for (std::uint32_t index = 0; index < tops.size(); ++index) {
    TSNode s = tops[index];
    const bool valid_future = w.is_valid_future(s);
    // The first statement after the place of a docstring that is not a future import.
    if (future_end == no_part && index > 0 && !valid_future) future_end = ts_node_end_byte(s);
    cached_statement entry;
    if (cached_statement* c = reusable(s, old, valid_future)) {
      entry = std::move(*c);
      ++old;
    } else {
      w.run_statement(s, index);
      keep_walk(entry, s, w.result(), found, text, 0);
      entry.valid_future = valid_future;
    }
    all_clean = all_clean && entry.clean;
    part_of(tops, index, static_cast<std::uint32_t>(text.size()), entry.part_begin, entry.part_end);
    entry.syntax_clean = syntax_clean;
    next.push_back(std::move(entry));
  }
  statements = std::move(next);
  // The next edits can be analysed part by part while the text stays free of syntax errors.
  by_parts = all_clean && future_end != no_part;
  assemble(a, sink);
  current = std::move(a);
}

// An edit of a text without syntax errors: the parts (see cached_statement) the edits since
// the last analysis touched are parsed again on their own, each as a text of its own (the
// tokenizer at column 0, nothing open: as the whole text's parse meets it), and checked and
// walked; the other statements keep their results. Returns false, having changed nothing,
// when that does not hold: a part with a syntax error, a part before the end of the future
// imports, a part that does not start a line. The whole text is then analysed as before.
bool document_state::refresh_parts() {
  if (statements.empty()) return false;
  // The runs of text not covered by an untouched part.
  struct run {
    std::uint32_t begin, end;
    std::size_t before;  // untouched parts before it
  };
  std::vector<run> runs;
  std::uint32_t covered = 0;
  std::size_t kept = 0;
  for (const cached_statement& c : statements) {
    if (!c.syntax_clean) continue;
    if (c.part_begin < covered) return false;
    if (c.part_begin > covered) runs.push_back({covered, c.part_begin, kept});
    covered = c.part_end;
    ++kept;
  }
  const auto size = static_cast<std::uint32_t>(text.size());
  if (covered > size) return false;
  if (covered < size) runs.push_back({covered, size, kept});
  std::vector<std::vector<cached_statement>> made(runs.size());
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const run& u = runs[r];
    if (u.begin <= future_end) return false;
    if (text[u.begin - 1] != '\n' && text[u.begin - 1] != '\r') return false;
    if (text[u.begin - 1] == '\r' && u.begin < size && text[u.begin] == '\n') return false;
    const std::string_view part(text.data() + u.begin, u.end - u.begin);
    tree_ptr t = p.parse(part);
    TSNode root = ts_tree_root_node(t.get());
    if (ts_node_has_error(root)) return false;
    std::vector<TSNode> tops = top_level_statements(root);
    if (tops.empty()) return false;  // only comments or blank lines: the whole text decides
    std::vector<diagnostic> found;
    diagnostic_sink walk_sink(options.target, found);
    walker w(part, walk_sink, options.allow_top_level_await);
    w.begin_module_part(future_annotations, future_barry);
    for (std::uint32_t i = 0; i < tops.size(); ++i) {
      std::uint32_t begin = 0, end = 0;
      part_of(tops, i, static_cast<std::uint32_t>(part.size()), begin, end);
      if (i > 0 && part[begin - 1] != '\n' && part[begin - 1] != '\r') return false;
      if (!statement_syntax_clean(root, tops[i], part, begin, end, options.target)) return false;
      w.run_statement(tops[i], i);
      cached_statement entry;
      keep_walk(entry, tops[i], w.result(), found, part, u.begin);
      entry.part_begin = u.begin + begin;
      entry.part_end = u.begin + end;
      entry.syntax_clean = true;
      made[r].push_back(std::move(entry));
    }
  }
  // Everything checked: splice the new statements in among the untouched ones.
  std::vector<cached_statement> next;
  std::size_t r = 0, seen = 0;
  for (cached_statement& c : statements) {
    if (!c.syntax_clean) continue;
    for (; r < runs.size() && runs[r].before == seen; ++r)
      for (cached_statement& m : made[r]) next.push_back(std::move(m));
    next.push_back(std::move(c));
    ++seen;
  }
  for (; r < runs.size(); ++r)
    for (cached_statement& m : made[r]) next.push_back(std::move(m));
  statements = std::move(next);
  return true;
}

}  // namespace detail

document::document(std::string text, const analyse_options& options)
    : state_(std::make_unique<detail::document_state>()) {
  state_->text = std::move(text);
  state_->options = options;
  state_->rebuild_lines();
}

document::~document() = default;
document::document(document&&) noexcept = default;
document& document::operator=(document&&) noexcept = default;

void document::edit(std::uint32_t begin, std::uint32_t end, std::string_view replacement) {
  detail::document_state& s = *state_;
  const auto size = static_cast<std::uint32_t>(s.text.size());
  begin = std::min(begin, size);
  end = std::clamp(end, begin, size);
  const auto new_end = static_cast<std::uint32_t>(begin + replacement.size());
  const std::int64_t delta = static_cast<std::int64_t>(new_end) - end;

  TSInputEdit e{};
  e.start_byte = begin;
  e.old_end_byte = end;
  e.new_end_byte = new_end;
  e.start_point = s.point(begin);
  e.old_end_point = s.point(end);

  // CR LF pairs split or joined at the edit's edges change line starts outside the replaced
  // bytes; rebuilding the index in that rare case keeps it exact.
  const bool cr_edge = (begin > 0 && s.text[begin - 1] == '\r') ||
                       (!replacement.empty() && replacement.back() == '\r') ||
                       (end < size && s.text[end] == '\n');
  s.text.replace(begin, end - begin, replacement);
  if (replacement.find('\0') != std::string_view::npos) s.by_parts = false;
  if (cr_edge) {
    s.rebuild_lines();
  } else {
    auto first = std::upper_bound(s.lines.begin(), s.lines.end(), begin);
    auto last = std::upper_bound(first, s.lines.end(), end);
    std::vector<std::uint32_t> added;
    for (std::size_t i = 0; i < replacement.size(); ++i) {
      char c = replacement[i];
      if (c == '\n' || (c == '\r' && (i + 1 == replacement.size() || replacement[i + 1] != '\n')))
        added.push_back(static_cast<std::uint32_t>(begin + i + 1));
    }
    for (auto it = last; it != s.lines.end(); ++it) *it = static_cast<std::uint32_t>(*it + delta);
    auto pos = s.lines.erase(first, last);
    s.lines.insert(pos, added.begin(), added.end());
  }
  e.new_end_point = s.point(new_end);
  if (s.tree) ts_tree_edit(s.tree.get(), &e);

  // Cached statements the edit touched (or touches the edges of) are dropped; later ones move.
  std::vector<detail::cached_statement>& st = s.statements;
  st.erase(std::remove_if(st.begin(), st.end(),
                          [&](const detail::cached_statement& c) {
                            return !(c.end < begin || c.begin > end);
                          }),
           st.end());
  auto moved = [&](std::uint32_t at) { return static_cast<std::uint32_t>(at + delta); };
  for (detail::cached_statement& c : st) {
    // A kept statement whose part (its comments and blank lines) the edit touched is checked
    // again for syntax.
    if (!(c.part_end < begin || c.part_begin > end)) c.syntax_clean = false;
    if (c.begin > end) {
      c.begin = moved(c.begin);
      c.end = moved(c.end);
    }
    if (c.part_begin > end) c.part_begin = moved(c.part_begin);
    if (c.part_end > end) c.part_end = moved(c.part_end);
  }
  s.stale = true;
}

const std::string& document::text() const noexcept { return state_->text; }
const analyse_options& document::options() const noexcept { return state_->options; }

const analysis& document::result() {
  if (state_->stale) {
    state_->refresh();
    state_->stale = false;
  }
  return state_->current;
}

}  // namespace asynclift
