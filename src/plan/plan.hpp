#pragma once
// What `apply` would do, as plain data; reporters are pure functions of it. Today the plan is offline
// (from the files only): every step is pending. The database form (ledger, locks, row estimates)
// builds on this in apply/.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "migration/model.hpp"
#include "migration/transactions.hpp"

namespace migrate::plan {

struct Step {
  const migration::Migration* migration;
  const migration::Section* section;
  migration::TransactionPlan transactions;
  migration::TransactionPlan rollback_transactions;
};

// In version order per app; within a migration, expand, migrate, contract. `phase` narrows it.
std::vector<Step> offline(const std::vector<migration::Migration>& migrations, std::optional<migration::Phase> phase);

nlohmann::ordered_json to_json(const std::vector<Step>& steps);
std::string to_text(const std::vector<Step>& steps, bool color);

} // namespace migrate::plan
