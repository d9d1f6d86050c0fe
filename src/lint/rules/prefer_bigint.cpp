#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule prefer_bigint() {
  return type_preference("prefer-bigint", "int or smallint for a key column",
          R"(Problem: a key column (primary key, foreign key, id or *_id) of type integer or smallint.
Why: integer keys run out at 2,147,483,647; changing the type later rewrites the table and every
table that references it, which is the most expensive migration there is.
Instead of:
    CREATE TABLE orders (id serial PRIMARY KEY, user_id integer REFERENCES users);
Use:
    CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id bigint REFERENCES users);)",
          [](const std::string& base, const std::string&, bool is_key) { return is_key && (base == "int4" || base == "int2" || base == "serial" || base == "smallserial" || base == "serial4" || base == "serial2"); },
          "key column \"{}\" is {}: it runs out of values (integer at 2,147,483,647, smallint at 32,767), and changing it later rewrites the table", "use bigint (or bigint GENERATED ALWAYS AS IDENTITY)");
}

} // namespace migrate::lint::rules
