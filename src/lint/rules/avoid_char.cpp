#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule avoid_char() {
  return type_preference("avoid-char", "char(n) / character(n) columns",
          R"(Problem: a column of type char(n) (character(n), bpchar).
Why: char(n) pads every value with spaces to n characters, compares ignoring them, and returns them to
the application; it is no faster than text and its length limit has the same problems as varchar(n).
Instead of:
    ALTER TABLE countries ADD COLUMN code char(2);
Use:
    ALTER TABLE countries ADD COLUMN code text;
    ALTER TABLE countries ADD CONSTRAINT code_length CHECK (length(code) = 2) NOT VALID;)",
          [](const std::string& base, const std::string&, bool) { return base == "bpchar"; },
          "column \"{}\" is {}: values are padded with spaces", "use text, with a CHECK (length(...) = n) if the length matters");
}

} // namespace migrate::lint::rules
