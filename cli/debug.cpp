// Hidden developer subcommands: `debug-tree` (tree-sitter's tree), `debug-mask` (a notebook
// cell after IPython masking, as JSON), `debug-comments` (the comments the suppression scanner
// finds, one `line:column` per line). Tests use the last two to compare with IPython and with
// Python's tokenize.
#include "debug.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "asynclift/asynclift.hpp"
#include "inputs.hpp"
#include "suppressions.hpp"

namespace asynclift {
std::string debug_tree(std::string_view bytes);
}

namespace asynclift::cli {

debug_commands::debug_commands(CLI::App& app) {
  tree_ = app.add_subcommand("debug-tree", "Print tree-sitter's tree (for developers)");
  tree_->add_option("path", path_)->required();
  tree_->group("");
  mask_ = app.add_subcommand("debug-mask", "Print a cell after IPython masking, as JSON (for developers)");
  mask_->add_option("path", path_, "A file holding one cell's text, or -")->required();
  mask_->add_flag("--jsonl", jsonl_, "The file holds one JSON string (a cell) per line; print one result per line");
  mask_->group("");
  comments_ = app.add_subcommand("debug-comments", "List the comments of a Python file (for developers)");
  comments_->add_option("path", path_)->required();
  comments_->add_option("--target-version", target_)->capture_default_str();
  comments_->group("");
}

bool debug_commands::selected() const { return tree_->parsed() || mask_->parsed() || comments_->parsed(); }

int debug_commands::run() {
  std::string error;
  auto data = read_input({path_, path_ == "-", true, {}}, error);
  if (!data) {
    std::cerr << "asynclift: " << path_ << ": " << error << '\n';
    return 2;
  }
  if (tree_->parsed()) {
    std::cout << debug_tree(*data);
    return 0;
  }
  if (mask_->parsed()) {
    if (!jsonl_) {
      std::cout << mask_json(*data) << '\n';
      return 0;
    }
    std::size_t b = 0;
    while (b < data->size()) {
      std::size_t e = data->find('\n', b);
      if (e == std::string::npos) e = data->size();
      if (e > b) std::cout << mask_json(nlohmann::json::parse(data->substr(b, e - b)).get<std::string>()) << '\n';
      b = e + 1;
    }
    return 0;
  }
  auto target = parse_python_version(target_);
  if (!target) return 2;
  for (const comment& c : find_comments(*data, *target)) std::cout << c.line << ':' << c.column << '\n';
  return 0;
}

std::string debug_commands::mask_json(const std::string& cell) {
  masked_cell m = mask_ipython(cell);
  nlohmann::ordered_json j;
  j["text"] = m.text;
  j["line_shift"] = m.line_shift;
  j["kind"] = m.kind == cell_kind::python       ? "python"
              : m.kind == cell_kind::magic_body ? "magic-body"
              : m.kind == cell_kind::plain      ? "plain"
                                                : "other";
  j["cell_magic"] = m.cell_magic;
  j["top_level_await"] = m.top_level_await;
  j["autoawait"] = m.autoawait ? nlohmann::ordered_json(*m.autoawait) : nlohmann::ordered_json();
  j["complete"] = m.complete;
  auto spans = nlohmann::ordered_json::array();
  for (const masked_span& s : m.spans)
    spans.push_back({{"kind", std::string(to_string(s.kind))}, {"begin", s.range.begin}, {"end", s.range.end}});
  j["spans"] = std::move(spans);
  return j.dump();
}

}  // namespace asynclift::cli
