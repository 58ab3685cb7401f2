// The `json` format (SPEC section 3), version 1: one object per file with needs_async,
// async_sites and diagnostics; notebooks add `cells`, one object per code cell with its index in
// the notebook, its id when it has one, and cell-relative positions. The file-level fields of a
// notebook gather every cell's.
#include <nlohmann/json.hpp>

#include "report.hpp"

namespace asynclift::cli {
namespace {

using json = nlohmann::ordered_json;

json positioned(json obj, const span_pos& p) {
  obj["line"] = p.line;
  obj["column"] = p.column;
  obj["end_line"] = p.end_line;
  obj["end_column"] = p.end_column;
  return obj;
}

json sites_json(const unit_report& u) {
  json a = json::array();
  for (const site_entry& s : u.sites) {
    json j;
    j["kind"] = s.kind;
    a.push_back(positioned(std::move(j), s.pos));
  }
  return a;
}

json diagnostics_json(const unit_report& u) {
  json a = json::array();
  for (const diag_entry& d : u.diagnostics) {
    json j;
    j["code"] = d.code;
    j["severity"] = std::string(to_string(d.level));
    j["message"] = d.message;
    a.push_back(positioned(std::move(j), d.pos));
  }
  return a;
}

json file_json(const file_report& f) {
  json o;
  o["path"] = f.path;
  o["needs_async"] = f.readable && f.file.needs_async;
  o["async_sites"] = sites_json(f.file);
  json diags = diagnostics_json(f.file);
  if (!f.readable && diags.empty()) {
    json j;
    j["code"] = f.read_error_code;
    j["severity"] = "error";
    j["message"] = f.read_error;
    diags.push_back(positioned(std::move(j), {1, 1, 1, 1}));
  }
  o["diagnostics"] = std::move(diags);
  if (f.kind == input_kind::notebook) {
    json cells = json::array();
    for (const cell_report& c : f.cells) {
      json j;
      j["index"] = c.index;
      if (c.id) j["id"] = *c.id;
      j["needs_async"] = c.needs_async;
      j["async_sites"] = sites_json(c);
      j["diagnostics"] = diagnostics_json(c);
      cells.push_back(std::move(j));
    }
    o["cells"] = std::move(cells);
  }
  return o;
}

}  // namespace

void write_json(std::ostream& out, const std::vector<file_report>& files, const report_options& o) {
  json root;
  root["version"] = 1;
  root["target_version"] = to_string(o.target);
  json arr = json::array();
  for (const file_report& f : files) arr.push_back(file_json(f));
  root["files"] = std::move(arr);
  out << root.dump() << '\n';
}

}  // namespace asynclift::cli
