#include "lint/report.hpp"

#include <map>

#include <fmt/format.h>

#include "lint/rule.hpp"
#include "util/sha256.hpp"
#include "util/term.hpp"
#include "util/utf8.hpp"
#include "util/text.hpp"
#include "util/version.hpp"

namespace migrate::lint {

namespace {

// Stable across unrelated edits: the rule, the file and the text of the line, not its number.
std::string fingerprint(const Finding& f, int occurrence = 0) {
  std::string key = f.rule + "\n" + f.where.file + "\n" + std::string(util::trim(f.source_line));
  if (occurrence > 0) key += "\n" + std::to_string(occurrence);
  return util::sha256_hex(key).substr(0, 32);
}

std::string where_note(const Finding& f) { return f.rollback ? fmt::format(" (in the rollback of {})", f.phase) : ""; }

std::string plural(std::size_t n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

} // namespace

std::string to_text(const Result& r, bool color) {
  std::string out;
  std::size_t errors = 0, warnings = 0;
  for (const auto& f : r.findings) {
    (f.severity == Severity::error ? errors : warnings)++;
    const auto level = util::styled(fmt::format("{}[{}]", to_string(f.severity), f.rule),
                                    f.severity == Severity::error ? util::Style::red : util::Style::yellow, color);
    out += fmt::format("{}: {} {}{}\n", util::styled(f.where.str(), util::Style::bold, color), level, util::printable(f.message), where_note(f));
    if (!f.source_line.empty() && f.where.line > 0) {
      std::string number = std::to_string(f.where.line);
      std::string pad(number.size(), ' ');
      // Shown as it is safe on a terminal: a hostile file's escape sequences are not passed on.
      const std::string line = util::printable(f.source_line);
      out += fmt::format(" {} | {}\n", util::styled(number, util::Style::dim, color), line);
      // The caret under the column, counting characters of the line.
      std::string caret;
      int col = 1;
      for (std::size_t i = 0; i < line.size() && col < f.where.column; ++i) {
        if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;
        caret.push_back(line[i] == '\t' ? '\t' : ' ');
        ++col;
      }
      out += fmt::format(" {} | {}{}\n", pad, caret, util::styled("^", util::Style::red, color));
    }
    if (!f.help.empty()) out += fmt::format("  = help: {}\n", util::printable(f.help));
    out += "\n";
  }
  out += fmt::format("{}, {} in {} ({})\n", plural(errors, "error"), plural(warnings, "warning"), plural(r.files, "file"),
                     plural(r.statements, "statement"));
  return out;
}

nlohmann::ordered_json to_json(const Result& r) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const auto& f : r.findings) {
    findings.push_back({{"rule", f.rule},
                        {"severity", to_string(f.severity)},
                        {"file", f.where.file},
                        {"line", f.where.line},
                        {"column", f.where.column},
                        {"phase", f.phase},
                        {"rollback", f.rollback},
                        {"message", f.message},
                        {"help", f.help}});
  }
  return {{"version", 1}, {"findings", findings}, {"files", r.files}, {"statements", r.statements}};
}

nlohmann::ordered_json to_sarif(const Result& r) {
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  std::map<std::string, std::size_t> index;
  for (const auto& rule : catalogue()) {
    index[std::string(rule.id)] = rules.size();
    rules.push_back({{"id", rule.id},
                     {"name", rule.id},
                     {"shortDescription", {{"text", rule.summary}}},
                     {"fullDescription", {{"text", rule.explain}}},
                     {"help", {{"text", rule.explain}}},
                     {"defaultConfiguration", {{"level", to_string(rule.severity)}}}});
  }
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const auto& f : r.findings) {
    nlohmann::ordered_json result = {{"ruleId", f.rule}};
    if (auto it = index.find(f.rule); it != index.end()) result["ruleIndex"] = it->second;
    result["level"] = to_string(f.severity);
    result["message"] = {{"text", f.help.empty() ? f.message : f.message + "\n" + f.help}};
    nlohmann::ordered_json region = {{"startLine", std::max(1, f.where.line)}};
    if (f.where.column > 0) region["startColumn"] = f.where.column;
    result["locations"] = nlohmann::ordered_json::array(
        {{{"physicalLocation", {{"artifactLocation", {{"uri", f.where.file}}}, {"region", region}}}}});
    result["partialFingerprints"] = {{"migrateFinding/v1", fingerprint(f)}};
    results.push_back(std::move(result));
  }
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs",
           nlohmann::ordered_json::array({{{"tool",
                                            {{"driver",
                                              {{"name", "migrate"},
                                               {"version", kVersion},
                                               {"rules", rules}}}}},
                                           {"results", results}}})}};
}

std::string github_escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out.push_back(c);
  }
  return out;
}

std::string github_escape_property(std::string_view s) {
  std::string out;
  for (char c : github_escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out.push_back(c);
  }
  return out;
}

std::string to_github(const Result& r) {
  std::string out;
  for (const auto& f : r.findings) {
    out += fmt::format("::{} file={},line={},col={},title={}::{}\n", to_string(f.severity), github_escape_property(f.where.file),
                       std::max(1, f.where.line), std::max(1, f.where.column), github_escape_property(f.rule),
                       github_escape_data(util::printable(f.help.empty() ? f.message + where_note(f) : f.message + where_note(f) + "\n" + f.help)));
  }
  return out;
}

nlohmann::ordered_json to_gitlab(const Result& r) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  std::map<std::string, int> seen; // GitLab wants each fingerprint once: the same finding twice gets a count
  for (const auto& f : r.findings) {
    const int occurrence = seen[fingerprint(f)]++;
    out.push_back({{"description", f.rule + ": " + f.message + where_note(f)},
                   {"check_name", f.rule},
                   {"fingerprint", fingerprint(f, occurrence)},
                   {"severity", f.severity == Severity::error ? "critical" : "minor"},
                   {"location", {{"path", f.where.file}, {"lines", {{"begin", std::max(1, f.where.line)}}}}}});
  }
  return out;
}

std::string to_gcc(const Result& r) {
  std::string out;
  for (const auto& f : r.findings) {
    out += fmt::format("{}: {}: {}{} [{}]\n", f.where.str(), to_string(f.severity), util::printable(f.message), where_note(f), f.rule);
    if (!f.help.empty()) out += fmt::format("{}: note: {}\n", f.where.str(), util::printable(f.help));
  }
  return out;
}

} // namespace migrate::lint
