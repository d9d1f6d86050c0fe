#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule prefer_text() {
  return type_preference("prefer-text", "varchar(n)",
          R"(Problem: a column of type varchar(n).
Why: the length limit is a business rule enforced in the wrong place: raising it is cheap, but lowering
it or hitting it in production is not, and text with a CHECK says the same thing more clearly.
Instead of:
    ALTER TABLE users ADD COLUMN nickname varchar(30);
Use:
    ALTER TABLE users ADD COLUMN nickname text;
    ALTER TABLE users ADD CONSTRAINT nickname_length CHECK (length(nickname) <= 30) NOT VALID;)",
          [](const std::string& base, const std::string& type, bool) { return base == "varchar" && type != "varchar"; },
          "column \"{}\" is {}", "use text, with a CHECK (length(...) <= n) if the limit matters");
}

} // namespace migrate::lint::rules
