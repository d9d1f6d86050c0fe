#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule detach_partition_not_concurrent() {
  return {"detach-partition-not-concurrent", Severity::error, "DETACH PARTITION without CONCURRENTLY (14+)",
          R"(Problem: ALTER TABLE ... DETACH PARTITION takes ACCESS EXCLUSIVE on the parent and the partition.
Why: every query on the whole partitioned table waits. Since PostgreSQL 14 the CONCURRENTLY form
takes only SHARE UPDATE EXCLUSIVE on the parent.
Instead of:
    ALTER TABLE events DETACH PARTITION events_2023;
Use (outside a transaction; migrate does that by itself):
    ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;
Versions: the advice holds from PostgreSQL 14, which added CONCURRENTLY; for 13 (--pg-version or the
server's) the rule does not fire, as there is nothing better to use. The partition itself is locked
ACCESS EXCLUSIVE from 14 by either form (CONCURRENTLY in its second transaction); 13's DETACH takes
only SHARE UPDATE EXCLUSIVE on it.)",
          false, [](const StatementContext& c, Sink& out) {
            if (c.pg_version < 14) return;
            each_alter_cmd(c, [&](const std::string& sub, const Node&, const std::string& dk, const Node& def) {
              if (sub == "AT_DetachPartition" && dk == "PartitionCmd" && !def.value("concurrent", false)) {
                out.report(fmt::format("DETACH PARTITION locks {} and the partition against reads and writes", shown(target_table(c))),
                           "use DETACH PARTITION ... CONCURRENTLY");
              }
            });
          }};
}

} // namespace migrate::lint::rules
