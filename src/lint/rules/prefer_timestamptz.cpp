#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule prefer_timestamptz() {
  return {"prefer-timestamptz", Severity::warning, "timestamp without time zone",
          R"(Problem: a column of type timestamp (without time zone).
Why: it stores wall-clock time with no zone, so the same instant reads differently from servers in
different zones and across daylight-saving changes.
Instead of:
    ALTER TABLE events ADD COLUMN happened_at timestamp;
Use:
    ALTER TABLE events ADD COLUMN happened_at timestamptz;)",
          false, [](const StatementContext& c, Sink& out) {
            each_defined_column(c, [&](const std::string& name, const std::string& type, bool is_key) {
              const std::string base = sql::type_base(type);
              (void)is_key;
              if (base == "timestamp") out.report(fmt::format("column {} is {} (without time zone)", name, sql::type_display(type)), "use timestamptz");
            });
          }};
}

} // namespace migrate::lint::rules
