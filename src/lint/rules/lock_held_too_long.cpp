#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule lock_held_too_long() {
  return {"lock-held-too-long", Severity::error, "a strong lock held while the same transaction does slow work",
          R"(Problem: in one transaction, a statement takes ACCESS EXCLUSIVE or SHARE (ROW EXCLUSIVE) on an existing
table, and a later statement scans or rewrites a table, changes rows, or locks another existing table.
Why: locks are held until COMMIT, so the first table stays blocked for as long as all the later work
takes, and each extra table locked is another chance of a deadlock or a lock queue.
Instead of:
    -- migrate:expand
    ALTER TABLE users ADD COLUMN plan text;
    ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total >= 0);
Use a section or migration per table, and keep slow work out of transactions that hold strong locks.
Objects created in the same transaction do not count: nobody else can be waiting for them.)",
          false, [](const StatementContext& c, Sink& out) {
            // Once per transaction: at the first slow statement after the first strong lock.
            if (!c.tx.held || c.tx.slow_seen) return;
            const std::string what = slow_work(c.effects, *c.tx.held, [&](const std::string& t) { return c.existing(t); });
            if (what.empty()) return;
            out.report(fmt::format("this statement {} while the transaction holds {} on {} (taken at line {})", what,
                                   lock_name(*c.tx.held), shown(c.tx.held->table), c.tx.held_line),
                       "split the work: one table per section or migration, and slow work in transactions of its own");
          }};
}

} // namespace migrate::lint::rules
