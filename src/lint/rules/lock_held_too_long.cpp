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
            if (c.earlier.empty()) return;
            // What makes a statement slow or widening, given the strong lock `held`: "" when nothing.
            auto slow = [&](const std::vector<Effect>& effects, const Effect& held) -> std::string {
              for (const auto& fx : effects) {
                if (!c.existing(fx.table)) continue;
                if (fx.rewrite) return "rewrites " + shown(fx.table);
                if (fx.scan) return "scans " + shown(fx.table);
                if (fx.lock == Lock::row_exclusive) return "changes rows of " + shown(fx.table);
                if (fx.table != held.table && fx.lock != Lock::none) return "locks " + shown(fx.table) + " as well";
              }
              return {};
            };
            // The first earlier statement that took a strong lock on an existing table.
            const Effect* held = nullptr;
            int held_line = 0;
            for (const auto& e : c.earlier) {
              if (held) {
                if (!slow(e.effects, *held).empty()) return; // reported there already: once per transaction
                continue;
              }
              for (const auto& fx : e.effects) {
                if (!held && (fx.lock == Lock::access_exclusive || fx.lock == Lock::share) && c.existing(fx.table)) {
                  held = &fx;
                  held_line = e.line;
                }
              }
            }
            if (!held) return;
            {
              std::string what = slow(c.effects, *held);
              if (what.empty()) return;
              out.report(fmt::format("this statement {} while the transaction holds {} on {} (taken at line {})", what,
                                     to_string(held->lock), shown(held->table), held_line),
                         "split the work: one table per section or migration, and slow work in transactions of its own");
            }
          }};
}

} // namespace migrate::lint::rules
