#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule prefer_timestamptz() {
  return type_preference("prefer-timestamptz", "timestamp without time zone",
          R"(Problem: a column of type timestamp (without time zone).
Why: it stores wall-clock time with no zone, so the same instant reads differently from servers in
different zones and across daylight-saving changes.
Instead of:
    ALTER TABLE events ADD COLUMN happened_at timestamp;
Use:
    ALTER TABLE events ADD COLUMN happened_at timestamptz;)",
          [](const std::string& base, const std::string&, bool) { return base == "timestamp"; },
          "column \"{}\" is {} (without time zone)", "use timestamptz");
}

} // namespace migrate::lint::rules
