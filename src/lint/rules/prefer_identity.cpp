#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule prefer_identity() {
  return type_preference("prefer-identity", "serial, bigserial or smallserial columns",
          R"(Problem: a column declared serial, bigserial or smallserial.
Why: serial is not a type but a shorthand for an integer column, a sequence and a default: the
sequence is owned separately (its grants, its ownership and pg_dump's handling surprise people),
and serial is integer, which runs out at 2,147,483,647. An identity column is the standard form.
Instead of:
    CREATE TABLE orders (id serial PRIMARY KEY);
Use:
    CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
(Adding either to an existing table rewrites it: see add-column-rewrite.))",
          [](const std::string& base, const std::string&, bool) {
            return base == "serial" || base == "bigserial" || base == "smallserial" || base == "serial4" || base == "serial8" || base == "serial2";
          },
          "column \"{}\" is declared {}, a shorthand for an integer, a sequence and a default",
          "use bigint GENERATED ALWAYS AS IDENTITY (or BY DEFAULT)");
}

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
