#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule prefer_text() {
  return {"prefer-text", Severity::warning, "varchar(n)",
          R"(Problem: a column of type varchar(n).
Why: the length limit is a business rule enforced in the wrong place: raising it is cheap, but lowering
it or hitting it in production is not, and text with a CHECK says the same thing more clearly.
Instead of:
    ALTER TABLE users ADD COLUMN nickname varchar(30);
Use:
    ALTER TABLE users ADD COLUMN nickname text;
    ALTER TABLE users ADD CONSTRAINT nickname_length CHECK (length(nickname) <= 30) NOT VALID;)",
          false, [](const StatementContext& c, Sink& out) {
            each_defined_column(c, [&](const std::string& name, const std::string& type, bool is_key) {
              const std::string base = sql::type_base(type);
              (void)is_key;
              if (base == "varchar" && type != "varchar") out.report(fmt::format("column {} is {}", name, sql::type_display(type)), "use text, with a CHECK (length(...) <= n) if the limit matters");
            });
          }};
}

} // namespace migrate::lint::rules
