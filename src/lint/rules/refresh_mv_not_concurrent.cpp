#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule refresh_mv_not_concurrent() {
  return {"refresh-mv-not-concurrent", Severity::error, "REFRESH MATERIALIZED VIEW without CONCURRENTLY",
          R"(Problem: REFRESH MATERIALIZED VIEW takes ACCESS EXCLUSIVE on the view for the whole refresh.
Why: every query that reads the view waits until the refresh is done.
Instead of:
    REFRESH MATERIALIZED VIEW sales_daily;
Use (the view needs a unique index):
    REFRESH MATERIALIZED VIEW CONCURRENTLY sales_daily;)",
          false, [](const StatementContext& c, Sink& out) {
            if (c.kind != "RefreshMatViewStmt" || c.body.value("concurrent", false) || c.body.value("skipData", false)) return;
            // One this migration made (WITH NO DATA, then REFRESH) is read by no one yet; CONCURRENTLY is
            // impossible on it anyway until it has been populated once.
            if (!c.existing(target_table(c))) return;
            out.report(fmt::format("REFRESH MATERIALIZED VIEW {} blocks every read of it until done", shown(target_table(c))),
                       "use REFRESH MATERIALIZED VIEW CONCURRENTLY (it needs a unique index on the view)");
          }};
}

} // namespace migrate::lint::rules
