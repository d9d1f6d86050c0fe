#pragma once
// Lint output formats (docs/format.md, JSON and other output): pure functions of the findings, tested by golden files.
#include <string>

#include <nlohmann/json.hpp>

#include "lint/finding.hpp"

namespace migrate::lint {

std::string to_text(const Result& r, bool color);
nlohmann::ordered_json to_json(const Result& r);
nlohmann::ordered_json to_sarif(const Result& r);
std::string to_github(const Result& r);
// GitLab's Code Quality report: a JSON array, 1-based lines, a fingerprint unique in the report.
nlohmann::ordered_json to_gitlab(const Result& r);
std::string to_gcc(const Result& r);

// GitHub workflow-command escaping: data escapes %, CR, LF; property values also : and ,.
std::string github_escape_data(std::string_view s);
std::string github_escape_property(std::string_view s);

} // namespace migrate::lint
