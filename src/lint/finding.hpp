#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "migration/model.hpp"
#include "util/error.hpp"

namespace migrate::lint {

enum class Severity { warning, error };
std::string_view to_string(Severity s);

struct Finding {
  std::string rule;
  Severity severity = Severity::error;
  Location where;
  std::string phase;       // expand | migrate | contract
  bool rollback = false;   // found in a rollback section
  std::string message;
  std::string help;
  std::string source_line; // the line of the file the finding points at, for the caret display
};

struct Result {
  std::vector<Finding> findings;
  std::size_t files = 0;
  std::size_t statements = 0;
  [[nodiscard]] bool has_errors() const;
};

} // namespace migrate::lint
