#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule prefer_jsonb() {
  return {"prefer-jsonb", Severity::warning, "json instead of jsonb",
          R"(Problem: a column of type json.
Why: json keeps the text as written and re-parses it on every access; it has no equality operator and
no GIN indexing. jsonb is what almost every use wants.
Instead of:
    ALTER TABLE events ADD COLUMN payload json;
Use:
    ALTER TABLE events ADD COLUMN payload jsonb;)",
          false, [](const StatementContext& c, Sink& out) {
            each_defined_column(c, [&](const std::string& name, const std::string& type, bool is_key) {
              const std::string base = sql::type_base(type);
              (void)is_key;
              if (base == "json") out.report(fmt::format("column {} is {}", name, sql::type_display(type)), "use jsonb");
            });
          }};
}

} // namespace migrate::lint::rules
