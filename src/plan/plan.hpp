#pragma once
// What `apply` would do, as plain data; reporters are pure functions of it. Offline (from the files
// only) every step is pending; against a database the steps are the pending ones, each statement with
// the locks it takes and the row estimates of the tables.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "migration/model.hpp"
#include "migration/transactions.hpp"

namespace migrate::plan {

// A table a statement locks, as the linter knows it (docs/locks.md), with the planner's row estimate.
struct Touch {
  std::string table;
  std::string lock;           // "ACCESS EXCLUSIVE", ...
  std::optional<double> rows; // pg_class.reltuples; none for a table the plan creates or does not know
  // A table that is there but was never analysed (no estimate): its size on disk.
  std::optional<double> bytes;
  bool rewrite = false;
  bool scan = false;
};

struct Step {
  const migration::Migration* migration;
  const migration::Section* section;
  migration::TransactionPlan transactions;
  migration::TransactionPlan rollback_transactions;
  std::string status = "pending";         // pending, failed, interrupted, rolled_back (from the ledger)
  std::vector<std::vector<Touch>> touches; // per forward statement; empty offline
};

// In version order per app; within a migration, expand, migrate, contract. `phase` narrows it.
std::vector<Step> offline(const std::vector<migration::Migration>& migrations, std::optional<migration::Phase> phase);

// `database`: where the plan was made ("" offline: every step is shown as pending, without locks).
nlohmann::ordered_json to_json(const std::vector<Step>& steps, const std::string& database = {});
std::string to_text(const std::vector<Step>& steps, bool color, const std::string& database = {});

} // namespace migrate::plan
