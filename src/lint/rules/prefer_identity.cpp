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

} // namespace migrate::lint::rules
