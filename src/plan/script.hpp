#pragma once
// `migrate plan --format sql`: the script apply would run, for a DBA to read or for psql to run. Each
// step with its transaction boundaries, the lock_timeout and statement_timeout apply sets, its checks
// (which fail the script when they return rows) and its backfills as batched loops that commit each
// batch. What psql cannot do the way apply does is said in comments: retries after a lock timeout,
// checkpoints that survive a kill, the adaptive batch size, the ledger.
#include <optional>
#include <string>
#include <vector>

#include "plan/plan.hpp"
#include "util/duration.hpp"

namespace migrate::plan {

struct ScriptSettings {
  util::Duration lock_timeout{1000};
  int lock_retries = 10;
  std::optional<util::Duration> statement_timeout; // none: 0
  std::string database;                            // where the plan was made ("" offline)
  int default_batch = 1000;                        // for batch=auto
};

std::string to_sql(const std::vector<Step>& steps, const ScriptSettings& settings);

} // namespace migrate::plan
