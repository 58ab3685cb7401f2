// Masking IPython syntax in a notebook cell. This follows IPython 8's
// inputtransformer2.TransformerManager.transform_cell step by step: the cleanup transforms
// (leading blank lines, the common indentation of an indented cell, `>>>` and `In [1]:`
// prompts), the cell magic line, then the token transformers (MagicAssign, SystemAssign,
// EscapedCommand, HelpEnd) applied one at a time, earliest first, re-tokenizing after each, up
// to IPython's limit of 500. Where IPython replaces text by a call, the same bytes are replaced
// by `0` and spaces (line terminators kept), so the rest of the cell keeps its line and column
// and the statement keeps its shape (`x = !ls` still binds `x`). Cleanup that removes leading
// bytes of a line is recorded as a per-line shift instead of being applied to the text.
#include <algorithm>
#include <optional>
#include <string>
#include <tuple>

#include "asynclift/notebook.hpp"
#include "ipython_mask.hpp"

namespace asynclift {
namespace {

using detail::ipy_token;
using detail::py_token;
using sv = std::string_view;

bool starts_with(sv s, sv p) { return s.substr(0, p.size()) == p; }

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::size_t terminator_size(sv line) {
  if (line.size() >= 2 && line.substr(line.size() - 2) == "\r\n") return 2;
  if (!line.empty() && (line.back() == '\n' || line.back() == '\r')) return 1;
  return 0;
}

bool all_space(sv s) {  // Python's str.isspace (false for "")
  return !s.empty() && std::all_of(s.begin(), s.end(), detail::is_py_space);
}

sv rstrip(sv s) {
  while (!s.empty() && detail::is_py_space(s.back())) s.remove_suffix(1);
  return s;
}

sv strip(sv s) {
  while (!s.empty() && detail::is_py_space(s.front())) s.remove_prefix(1);
  return rstrip(s);
}

std::string lower(sv s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
  return out;
}

// `^(>>>|\.\.\.)( |$)`: length of the prompt at the start of `line`, 0 when none.
std::size_t classic_prompt(sv line, bool initial) {
  std::size_t n = 0;
  if (starts_with(line, ">>>")) n = 3;
  else if (!initial && starts_with(line, "...")) n = 3;
  else return 0;
  if (line.size() > n && line[n] == ' ') return n + 1;
  if (line.size() == n || (line.size() == n + 1 && line[n] == '\n')) return n;  // `$`
  return 0;
}

// IPython's prompt: `((\[nav\]|\[ins\])?\ )?In\ \[\d+\]:\ ` or `\s*\.{3,}:\ ?`.
std::size_t ipython_prompt(sv line) {
  for (sv mode : {sv("[nav] "), sv("[ins] "), sv(" "), sv("")}) {
    if (!starts_with(line, mode)) continue;
    sv rest = line.substr(mode.size());
    if (!starts_with(rest, "In [")) continue;
    std::size_t i = 4;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
    if (i == 4 || rest.substr(i, 3) != "]: ") continue;
    return mode.size() + i + 3;
  }
  std::size_t i = 0;
  while (i < line.size() && detail::is_py_space(line[i])) ++i;
  std::size_t dots = 0;
  while (i + dots < line.size() && line[i + dots] == '.') ++dots;
  if (dots < 3 || i + dots >= line.size() || line[i + dots] != ':') return 0;
  i += dots + 1;
  if (i < line.size() && line[i] == ' ') ++i;
  return i;
}

constexpr int transform_limit = 500;  // IPython's TRANSFORM_LOOP_LIMIT

class masker {
 public:
  explicit masker(sv cell) : buf_(cell) {
    appended_newline_ = buf_.empty() || terminator_size(buf_) == 0;
    if (appended_newline_) buf_ += '\n';
    std::size_t b = 0;
    for (sv l : detail::split_lines(buf_)) {
      starts_.push_back(static_cast<std::uint32_t>(b));
      lens_.push_back(static_cast<std::uint32_t>(l.size()));
      b += l.size();
    }
    shift_.assign(starts_.size(), 0);
  }

  masked_cell run() {
    process(0, starts_.size(), 0);
    return finish();
  }

 private:
  // Working line j: the line after cleanup, terminator included.
  sv work(std::size_t j) const {
    return sv(buf_).substr(starts_[j] + shift_[j], lens_[j] - shift_[j]);
  }
  std::uint32_t offset(std::size_t j, std::size_t col) const {
    return static_cast<std::uint32_t>(starts_[j] + shift_[j] + col);
  }
  std::uint32_t content_end(std::size_t j) const {
    return static_cast<std::uint32_t>(starts_[j] + lens_[j] - terminator_size(work(j)));
  }

  // transform_cell on lines [b, e): cleanup, cell magic, token transforms.
  void process(std::size_t b, std::size_t e, int depth) {
    std::size_t f = b;
    for (; f < e && all_space(work(f)); ++f) shift_[f] = lens_[f] - static_cast<std::uint32_t>(terminator_size(work(f)));
    if (f == e) return;

    // leading_indent
    sv first = work(f);
    std::size_t indent = 0;
    while (indent < first.size() && (first[indent] == ' ' || first[indent] == '\t')) ++indent;
    if (indent) {
      std::string space(first.substr(0, indent));
      for (std::size_t j = f; j < e; ++j)
        if (starts_with(work(j), space)) shift_[j] += static_cast<std::uint32_t>(indent);
    }
    // classic_prompt, then ipython_prompt: stripped from every line when the first line (or,
    // for the continuation form, the second) has one.
    if (classic_prompt(work(f), true) || (f + 1 < e && classic_prompt(work(f + 1), false)))
      for (std::size_t j = f; j < e; ++j) shift_[j] += static_cast<std::uint32_t>(classic_prompt(work(j), false));
    if (ipython_prompt(work(f)) || (f + 1 < e && ipython_prompt(work(f + 1))))
      for (std::size_t j = f; j < e; ++j) shift_[j] += static_cast<std::uint32_t>(ipython_prompt(work(j)));

    if (cell_magic(f, e, depth)) return;
    token_transforms(b, e);
  }

  // A `%%name` first line: the rest of the cell is the magic's body.
  bool cell_magic(std::size_t f, std::size_t e, int depth) {
    sv line = work(f);
    if (!starts_with(line, "%%")) return false;
    std::size_t w = 2;
    while (w < line.size() && is_word(line[w])) ++w;
    if (w > 2 && w < line.size() && line[w] == '?') return false;  // `%%name?` is help
    sv head = rstrip(line.substr(2));
    sv name = head.substr(0, head.find(' '));
    sv args = head.size() > name.size() ? head.substr(name.size() + 1) : sv();

    spans_.push_back({ipython_construct::cell_magic, {offset(f, 0), content_end(f)}, offset(f, 0)});
    shift_[f] = lens_[f] - static_cast<std::uint32_t>(terminator_size(work(f)));
    magic_ = std::string(name);

    sv interpreter = strip(args).substr(0, strip(args).find_first_of(" \t"));
    if (name == "python" || name == "python3" ||
        (name == "script" && (interpreter == "python" || interpreter == "python3"))) {
      kind_ = cell_kind::plain;
      top_level_await_ = false;
      return true;
    }
    if (name == "time" || name == "timeit" || name == "prun") {
      kind_ = cell_kind::magic_body;
      top_level_await_ = false;
    } else if (name != "capture") {
      kind_ = cell_kind::other;
      return true;
    }
    if (depth < 16) process(f + 1, e, depth + 1);
    return true;
  }

  struct candidate {
    std::uint32_t line, col;
    int priority;
    int which;  // 0 MagicAssign, 1 SystemAssign, 2 EscapedCommand, 3 HelpEnd
    std::uint32_t q_line = 0;
    std::uint32_t statement_line = 0, statement_col = 0;
  };

  // IPython re-tokenizes the whole cell after each transformation and applies the earliest
  // candidate of the four transformers. Text before the logical line a transformation touched
  // does not change, so tokenizing resumes there; and since only HelpEnd can fail, no earlier
  // line can hold a candidate, except a failed HelpEnd, which then hides every later one (its
  // finder returns the first match of the cell).
  void token_transforms(std::size_t b, std::size_t e) {
    tok_base_ = b;
    std::vector<sv> lines;
    for (std::size_t j = b; j < e; ++j) lines.push_back(work(j));  // views stay valid: masks keep lengths
    detail::tokenizer_state resume;
    bool help_blocked = false;
    for (int round = 0; round < transform_limit; ++round) {
      detail::ipy_tokenizer tokens(lines, resume);
      std::vector<ipy_token> g;
      detail::tokenizer_state at;
      bool changed = false;
      while (!changed && tokens.next(g, at)) {
        std::vector<candidate> found;
        find(g, help_blocked, found);
        std::stable_sort(found.begin(), found.end(), [](const candidate& x, const candidate& y) {
          return std::tie(x.line, x.col, x.priority) < std::tie(y.line, y.col, y.priority);
        });
        for (const candidate& c : found)
          if ((changed = apply(c, b, e))) break;
        if (changed) resume = at;
        else if (!found.empty()) help_blocked = true;  // a HelpEnd that failed
      }
      if (!changed) return;
    }
    complete_ = false;  // IPython raises "Input transformation still changing after 500 iterations"
  }

  static std::size_t first_token(const std::vector<ipy_token>& g) {
    std::size_t ix = 0;
    while (ix < g.size() && (g[ix].type == py_token::indent || g[ix].type == py_token::dedent)) ++ix;
    return ix;
  }

  static std::optional<std::size_t> assign_op(const std::vector<ipy_token>& g) {
    int level = 0;
    for (std::size_t i = 0; i < g.size(); ++i) {
      sv s = g[i].text;
      if (s == "=" && level == 0) return i;
      if (s == "(" || s == "[" || s == "{") ++level;
      else if ((s == ")" || s == "]" || s == "}") && level > 0) --level;
    }
    return std::nullopt;
  }

  // The candidates of one logical line (the first of each transformer in the cell is on the
  // first line that has one).
  void find(const std::vector<ipy_token>& g, bool help_blocked, std::vector<candidate>& out) const {
    if (g.empty()) return;
    std::size_t ft = first_token(g);
    auto statement = [&](candidate c) {
      if (ft < g.size()) c.statement_line = g[ft].line, c.statement_col = g[ft].col;
      return c;
    };
    auto ai = assign_op(g);
    if (ai && *ai + 2 < g.size() && g[*ai + 1].text == "%" && g[*ai + 2].type == py_token::name)
      out.push_back(statement({g[*ai + 1].line, g[*ai + 1].col, 10, 0}));
    if (ai && *ai + 1 < g.size() && !starts_with(strip(line_of(g[*ai])), "=") &&
        g[*ai + 1].type == py_token::errortoken) {
      for (std::size_t ix = *ai + 1; ix < g.size() && g[ix].type == py_token::errortoken; ++ix) {
        if (g[ix].text == "!") {
          out.push_back(statement({g[ix].line, g[ix].col, 10, 1}));
          break;
        }
        if (!all_space(g[ix].text)) break;
      }
    }
    if (ft < g.size()) {
      sv s = g[ft].text;
      if (s == "!" || s == "?" || s == "%" || s == "," || s == ";" || s == "/")
        out.push_back(statement({g[ft].line, g[ft].col, 10, 2}));
    }
    if (!help_blocked && g.size() > 2 && g[g.size() - 2].text == "?") {
      candidate c = statement({g[ft].line, g[ft].col, 5, 3});
      c.q_line = g[g.size() - 2].line;
      out.push_back(c);
    }
  }

  sv line_of(const ipy_token& t) const { return work(tok_base_ + t.line); }

  // find_end_of_continued_line
  std::size_t continued_end(std::size_t j, std::size_t e) const {
    while (j + 1 < e && work(j).size() >= 2 && work(j).substr(work(j).size() - 2) == "\\\n") ++j;
    return j;
  }

  // assemble_continued_line, from (j, col) through line `end`.
  std::string assemble(std::size_t j, std::size_t col, std::size_t end) const {
    std::string out;
    for (std::size_t k = j; k <= end; ++k) {
      sv p = k == j ? work(k).substr(col) : work(k);
      p = rstrip(p);
      if (k < end && !p.empty()) p.remove_suffix(1);
      if (k > j) out += ' ';
      out += p;
    }
    return out;
  }

  // Code whose brackets and quotes pair up, with no comment and no character Python rejects
  // (`?`, `$`, a backtick, a `!` that is not `!=`) outside strings.
  static bool plausible(sv s) {
    int depth = 0;
    char quote = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      char ch = s[i];
      if (quote) {
        if (ch == '\\') ++i;
        else if (ch == quote) quote = 0;
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
      } else if (ch == '(' || ch == '[' || ch == '{') {
        ++depth;
      } else if (ch == ')' || ch == ']' || ch == '}') {
        if (--depth < 0) return false;
      } else if (ch == '#' || ch == '?' || ch == '$' || ch == '`' ||
                 (ch == '!' && (i + 1 >= s.size() || s[i + 1] != '='))) {
        return false;
      }
    }
    return depth == 0 && !quote;
  }

  // Text that is fine between the double quotes IPython puts around `,` and `;` arguments.
  static bool quotable(sv s) {
    if (s.find('"') != sv::npos) return false;
    std::size_t backslashes = 0;
    while (backslashes < s.size() && s[s.size() - 1 - backslashes] == '\\') ++backslashes;
    return backslashes % 2 == 0;
  }

  enum class autocall_result { compiles, fails, comment };

  // Autocall writes `NAME("a", "b")` (`,`), `NAME("a b")` (`;`) or `NAME(a, b)` (`/`), and
  // IPython transforms that line again when NAME starts with another escape. Whether the result
  // compiles is decided by emulating that text and judging it with plausible(); a NAME that
  // starts with `#` turns the line into a comment.
  static autocall_result autocall(sv line, int depth = 0) {
    char esc = line[0];
    sv content = line.substr(1);
    sv name = content.substr(0, content.find(' '));
    sv args = name.size() < content.size() ? content.substr(name.size() + 1) : sv();
    std::vector<sv> words;
    for (std::size_t b = 0; b < args.size();) {
      while (b < args.size() && detail::is_py_space(args[b])) ++b;
      std::size_t e = b;
      while (e < args.size() && !detail::is_py_space(args[e])) ++e;
      if (e > b) words.emplace_back(args.substr(b, e - b));
      b = e;
    }
    std::string call = std::string(name) + "(";
    for (std::size_t k = 0; k < words.size() && esc != ';'; ++k) {
      if (esc == ',' && !quotable(words[k])) return autocall_result::fails;
      call += (k ? ", " : "") + std::string(esc == ',' ? "\"" : "") + std::string(words[k]) +
              (esc == ',' ? "\"" : "");
    }
    if (esc == ';') {
      if (!quotable(args)) return autocall_result::fails;
      call.append("\"").append(args).append("\"");
    }
    call += ")";
    if (!name.empty() && name[0] == '#') return autocall_result::comment;
    if (!name.empty() && (name[0] == ',' || name[0] == ';' || name[0] == '/'))
      return depth < 8 ? autocall(call, depth + 1) : autocall_result::fails;
    if (!name.empty() && (name[0] == '%' || name[0] == '!' || name[0] == '?')) return autocall_result::compiles;
    static constexpr sv statement_keywords[] = {
        "and", "as", "assert", "async", "break", "class", "continue", "def", "del", "elif", "else", "except",
        "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "or", "pass",
        "raise", "return", "try", "while", "with"};
    for (sv k : statement_keywords)
      if (name == k) return autocall_result::fails;
    if (!name.empty() && !is_word(name[0]) && name[0] != '(' && name[0] != '[' && name[0] != '{' &&
        name[0] != '\'' && name[0] != '"')
      return autocall_result::fails;
    return plausible(call) ? autocall_result::compiles : autocall_result::fails;
  }

  void note_magic(sv text) {  // text: the magic without its `%`
    sv name = text.substr(0, text.find(' '));
    if (name != "autoawait") return;
    std::string param = lower(strip(text.size() > name.size() ? text.substr(name.size() + 1) : sv()));
    if (param.empty()) return;
    autoawait_ = !(param == "false" || param == "off" || param == "sync");
  }

  // Replaces lines [j, end] from column `col` on (terminators kept) by `0` and spaces.
  void mask(ipython_construct kind, std::size_t j, std::size_t col, std::size_t end,
            std::uint32_t statement) {
    std::uint32_t begin = offset(j, col);
    for (std::size_t k = j; k <= end; ++k) {
      std::uint32_t from = k == j ? begin : offset(k, 0), to = content_end(k);
      for (std::uint32_t o = from; o < to; ++o) buf_[o] = ' ';
    }
    buf_[begin] = '0';
    spans_.push_back({kind, {begin, content_end(end)}, statement});
  }

  bool apply(const candidate& c, std::size_t b, std::size_t e) {
    std::size_t j = b + c.line;
    std::uint32_t statement = offset(b + c.statement_line, c.statement_col);
    if (c.which == 0 || c.which == 1 || c.which == 2) {
      std::size_t end = continued_end(j, e);
      std::string line = assemble(j, c.col, end);
      ipython_construct kind;
      if (c.which == 0) {
        kind = ipython_construct::magic_assign;
        note_magic(sv(line).substr(1));
      } else if (c.which == 1) {
        kind = ipython_construct::shell_assign;
      } else if (starts_with(line, "!!")) {
        kind = ipython_construct::shell_capture;
      } else if (line[0] == '!') {
        kind = ipython_construct::shell;
      } else if (line[0] == '?') {
        kind = ipython_construct::help;
      } else if (line[0] == '%') {
        kind = ipython_construct::line_magic;
        note_magic(sv(line).substr(1));
      } else {
        kind = ipython_construct::autocall;
      }
      mask(kind, j, c.col, end, statement);
      // Autocall writes code that may not compile (see autocall()); then a `$` (a character
      // Python rejects and IPython leaves alone) takes the `0`'s place, so the cell is a syntax
      // error there too. When the line became a comment, only spaces are left.
      if (kind == ipython_construct::autocall) {
        autocall_result r = autocall(line);
        if (r == autocall_result::fails) buf_[offset(j, c.col)] = '$';
        if (r == autocall_result::comment) buf_[offset(j, c.col)] = ' ';  // nothing is left to run
      }
      return true;
    }
    // HelpEnd: `_help_end_re` must find a (dotted) name right before the final `?`/`??`.
    std::size_t q = b + c.q_line;
    std::string piece;
    for (std::size_t k = j; k <= q; ++k) piece += k == j ? work(k).substr(c.col) : work(k);
    sv content = piece;
    if (!content.empty() && content.back() == '\n') content.remove_suffix(1);
    std::size_t marks = 0;
    while (marks < 2 && marks < content.size() && content[content.size() - 1 - marks] == '?') ++marks;
    if (!marks) return false;
    content.remove_suffix(marks);
    if (!content.empty() && content.back() == '?') return false;  // `???`
    bool letter = false;
    for (std::size_t k = content.size(); k > 0; --k) {
      char ch = content[k - 1];
      if (!is_word(ch) && ch != '*') break;
      if (!(ch >= '0' && ch <= '9')) letter = true;
    }
    if (!letter) return false;
    mask(ipython_construct::help, j, c.col, q, statement);
    return true;
  }

  masked_cell finish() {
    masked_cell m;
    m.kind = kind_;
    m.cell_magic = magic_;
    m.top_level_await = top_level_await_;
    m.spans = std::move(spans_);
    m.autoawait = autoawait_;
    m.complete = complete_;
    std::size_t n = starts_.size();
    // A cell without a final newline gets one, as transform_cell adds it (`x\` at the end of a
    // cell compiles only with it).
    std::size_t total = buf_.size();
    m.original_size = static_cast<std::uint32_t>(buf_.size() - (appended_newline_ ? 1 : 0));
    for (std::size_t j = 0; j < n; ++j) {
      m.line_starts.push_back(static_cast<std::uint32_t>(m.text.size()));
      m.original_line_starts.push_back(starts_[j]);
      m.line_shift.push_back(shift_[j]);
      std::size_t end = std::min<std::size_t>(starts_[j] + lens_[j], total);
      std::size_t from = std::min<std::size_t>(starts_[j] + shift_[j], end);
      m.text.append(buf_, from, end - from);
    }
    return m;
  }

  std::string buf_;
  bool appended_newline_ = false;
  std::vector<std::uint32_t> starts_, lens_, shift_;
  std::vector<masked_span> spans_;
  cell_kind kind_ = cell_kind::python;
  std::string magic_;
  bool top_level_await_ = true;
  std::optional<bool> autoawait_;
  bool complete_ = true;
  std::size_t tok_base_ = 0;
};

}  // namespace

std::string_view to_string(ipython_construct kind) noexcept {
  switch (kind) {
    case ipython_construct::line_magic: return "line-magic";
    case ipython_construct::shell: return "shell";
    case ipython_construct::shell_capture: return "shell-capture";
    case ipython_construct::help: return "help";
    case ipython_construct::autocall: return "autocall";
    case ipython_construct::magic_assign: return "magic-assign";
    case ipython_construct::shell_assign: return "shell-assign";
    case ipython_construct::cell_magic: return "cell-magic";
  }
  return "?";
}

std::uint32_t masked_cell::original_offset(std::uint32_t offset) const noexcept {
  if (line_starts.empty()) return offset;
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  std::size_t j = static_cast<std::size_t>(it - line_starts.begin()) - 1;
  return std::min(original_line_starts[j] + line_shift[j] + (offset - line_starts[j]), original_size);
}

masked_cell mask_ipython(std::string_view cell) { return masker(cell).run(); }

}  // namespace asynclift
