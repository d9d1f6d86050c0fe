#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

Rule validate_in_same_transaction() {
  return {"validate-in-same-transaction", Severity::error, "VALIDATE in the same transaction as its NOT VALID ADD",
          R"(Problem: ADD CONSTRAINT ... NOT VALID followed by VALIDATE CONSTRAINT in one transaction.
Why: the ADD took ACCESS EXCLUSIVE (or SHARE ROW EXCLUSIVE) and holds it until COMMIT, so the VALIDATE
scan runs under the strong lock: all the cost of a plain ADD CONSTRAINT, none of the benefit.
Instead of:
    ALTER TABLE orders ADD CONSTRAINT positive CHECK (total >= 0) NOT VALID;
    ALTER TABLE orders VALIDATE CONSTRAINT positive;
Use separate transactions, best separate phases:
    -- migrate:expand
    ALTER TABLE orders ADD CONSTRAINT positive CHECK (total >= 0) NOT VALID;
    -- migrate:migrate
    ALTER TABLE orders VALIDATE CONSTRAINT positive;)",
          false, [](const StatementContext& c, Sink& out) {
            const std::string t = target_table(c);
            each_alter_cmd(c, [&](const std::string& sub, const Node& cmd, const std::string&, const Node&) {
              if (sub != "AT_ValidateConstraint") return;
              const Table* table = c.catalog.table(t);
              const Constraint* k = table ? table->constraint(cmd.value("name", "")) : nullptr;
              if (!k || k->tx != c.origin.tx || !c.existing(t)) return;
              out.report(fmt::format("VALIDATE CONSTRAINT {} runs in the transaction that added it, under the ADD's strong lock",
                                     cmd.value("name", "")),
                         "validate it in a later transaction: put the VALIDATE in the migrate phase");
            });
          }};
}

} // namespace migrate::lint::rules
