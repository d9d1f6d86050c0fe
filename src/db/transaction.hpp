#pragma once
// A transaction around `f`: committed when it returns, rolled back when it throws (the connection may
// be gone by then; the server rolls back then). `begin` is the statement that opens it.
#include <string_view>

#include "db/session.hpp"

namespace migrate::db {

template <class F>
auto in_transaction(Session& s, F&& f, std::string_view begin = "BEGIN") {
  s.exec(begin);
  try {
    auto result = f();
    s.exec("COMMIT");
    return result;
  } catch (...) {
    try {
      s.exec("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
}

} // namespace migrate::db
