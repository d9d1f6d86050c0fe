#pragma once
// How a script is sent to the server (docs/format.md): one transaction for the whole part, unless it must run
// statement by statement (no-transaction, or a statement PostgreSQL refuses inside a transaction
// block), or it marks its own boundaries with BEGIN/COMMIT.
#include <cstddef>
#include <string>
#include <vector>

#include "migration/model.hpp"

namespace migrate::migration {

struct TransactionUnit {
  bool transaction;   // sent inside BEGIN/COMMIT (the tool's or the file's own)
  std::size_t first;  // index of its first statement
  std::size_t count;  // statements in it
};

struct TransactionPlan {
  enum class Mode { single, each, explicit_ } mode = Mode::single;
  std::string reason; // why each/explicit: "CREATE INDEX CONCURRENTLY at line 4", "no-transaction directive"
  std::vector<TransactionUnit> units;
};

TransactionPlan plan_transactions(const Script& script);
// For a statement the grammar did not understand (Statement::not_understood): what in its words says
// it cannot run in a transaction block ("CONCURRENTLY", "vacuum", ...), or "".
std::string newer_needs_own_transaction(std::string_view sql);
std::string_view to_string(TransactionPlan::Mode mode);

} // namespace migrate::migration
