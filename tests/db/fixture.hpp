#pragma once
// Each db test works in a schema of its own on the server named by the PG* variables.
#include <random>
#include <string>

#include <fmt/format.h>

#include "db/session.hpp"

namespace migrate::test {

struct Schema {
  std::unique_ptr<db::Session> session = db::connect("");
  std::string name;

  Schema() {
    std::random_device rd;
    name = fmt::format("t_{:08x}", rd());
    session->exec(fmt::format("CREATE SCHEMA {0}; SET search_path = {0}", name));
  }
  ~Schema() {
    try {
      db::connect("")->exec(fmt::format("DROP SCHEMA {} CASCADE", name));
    } catch (...) {
    }
  }
  // Another connection working in the same schema.
  std::unique_ptr<db::Session> other() const {
    auto s = db::connect("");
    s->exec(fmt::format("SET search_path = {}", name));
    return s;
  }
};

} // namespace migrate::test
