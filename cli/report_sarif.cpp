// The `sarif` format: SARIF 2.1.0 (OASIS), one run, for code-scanning upload. Columns are
// counted in Unicode code points (`columnKind`). A notebook finding is located on the line of
// the .ipynb file that holds the cell's line, and carries the cell-relative position in its
// message and in its properties (`cell`, `cellId`, `cellLine`, `cellColumn`, …). Inputs that
// could not be read are tool execution notifications.
#include <nlohmann/json.hpp>

#include <map>

#include "asynclift/version.hpp"
#include "report.hpp"

namespace asynclift::cli {
namespace {

using json = nlohmann::ordered_json;

// A relative path as a URI reference: `/`-separated, unreserved characters kept, the rest
// percent-encoded. Absolute paths become file:// URIs.
std::string to_uri(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  bool absolute = !path.empty() && path[0] == '/';
  if (absolute) out = "file://";
  for (unsigned char c : path) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

json artifact(const std::string& path) {
  json a;
  a["uri"] = to_uri(path);
  return a;
}

}  // namespace

void write_sarif(std::ostream& out, const std::vector<file_report>& files, const report_options&) {
  std::map<std::string, std::size_t> rule_index;
  json rules = json::array();
  auto rule = [&](const std::string& code, const std::string& example) {
    auto it = rule_index.find(code);
    if (it != rule_index.end()) return it->second;
    json r;
    r["id"] = code;
    r["shortDescription"]["text"] = example;
    rules.push_back(std::move(r));
    return rule_index[code] = rules.size() - 1;
  };

  json results = json::array();
  json notifications = json::array();
  for (const file_report& f : files) {
    if (!f.readable) {
      json n;
      n["level"] = "error";
      n["message"]["text"] = f.read_error;
      n["descriptor"]["id"] = f.read_error_code;
      json loc;
      loc["physicalLocation"]["artifactLocation"] = artifact(f.path);
      n["locations"] = json::array({loc});
      notifications.push_back(std::move(n));
    }
    for (const diag_entry& d : f.file.diagnostics) {
      json r;
      r["ruleId"] = d.code;
      r["ruleIndex"] = rule(d.code, d.message);
      r["level"] = d.level == severity::error ? "error" : "warning";
      r["message"]["text"] = cell_prefix(d) + d.message;
      json phys;
      phys["artifactLocation"] = artifact(f.path);
      if (d.cell) {
        if (d.file_line) phys["region"]["startLine"] = d.file_line;
      } else {
        json& region = phys["region"];
        region["startLine"] = std::max<std::uint32_t>(d.where.line, 1);
        region["startColumn"] = d.where.column;
        region["endLine"] = std::max<std::uint32_t>(d.where.end_line, 1);
        region["endColumn"] = d.where.end_column;
      }
      json loc;
      loc["physicalLocation"] = std::move(phys);
      r["locations"] = json::array({loc});
      if (d.cell) {
        json& p = r["properties"];
        p["cell"] = *d.cell;
        for (const cell_report& c : f.cells)
          if (c.index == *d.cell && c.id) p["cellId"] = *c.id;
        p["cellLine"] = d.pos.line;
        p["cellColumn"] = d.pos.column;
        p["cellEndLine"] = d.pos.end_line;
        p["cellEndColumn"] = d.pos.end_column;
      }
      results.push_back(std::move(r));
    }
  }

  json driver;
  driver["name"] = "asynclift";
  driver["semanticVersion"] = std::string(library_version());
  driver["version"] = std::string(library_version());
  driver["rules"] = std::move(rules);
  json run;
  run["tool"]["driver"] = std::move(driver);
  json invocation;
  invocation["executionSuccessful"] = notifications.empty();
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);
  run["invocations"] = json::array({invocation});
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  json root;
  root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  root["version"] = "2.1.0";
  root["runs"] = json::array({run});
  out << root.dump(2) << '\n';
}

}  // namespace asynclift::cli
