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

// A database of the test's own, for tests that read every schema (other tests make schemas at the same
// time); `session` is connected to it, and it is dropped at the end.
struct OwnDatabase {
  std::string name = fmt::format("t_{:08x}", std::random_device{}());
  std::unique_ptr<db::Session> admin = db::connect("");
  std::unique_ptr<db::Session> session;
  OwnDatabase() {
    admin->exec("CREATE DATABASE " + name);
    session = db::connect("dbname=" + name);
  }
  ~OwnDatabase() {
    session.reset();
    try {
      admin->exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (...) {
    }
  }
  [[nodiscard]] std::string conninfo() const { return "dbname=" + name; }
};

} // namespace migrate::test
