#include "migration/model.hpp"

namespace migrate::migration {

std::string_view to_string(Phase phase) {
  switch (phase) {
  case Phase::expand: return "expand";
  case Phase::migrate: return "migrate";
  case Phase::contract: return "contract";
  }
  return "expand";
}

std::optional<Phase> phase_from(std::string_view word) {
  for (Phase p : kPhases) {
    if (to_string(p) == word) return p;
  }
  return std::nullopt;
}

std::string_view to_string(Rollback rollback) {
  switch (rollback) {
  case Rollback::missing: return "missing";
  case Rollback::present: return "present";
  case Rollback::irreversible: return "irreversible";
  }
  return "missing";
}

const Section* Migration::section(Phase phase) const {
  for (const auto& s : sections) {
    if (s.phase == phase) return &s;
  }
  return nullptr;
}

} // namespace migrate::migration
