#include "lint/rules/kit.hpp"

namespace migrate::lint::rules {

namespace {
void string_constants(const Node& n, std::vector<std::string>& out) {
  if (const Node* k = n.find("A_Const"); k && k->contains("sval")) out.push_back((*k)["sval"].value("sval", ""));
  for (const auto& v : n) string_constants(v, out);
}
} // namespace

Rule enum_value_same_transaction() {
  return {"enum-value-same-transaction", Severity::error, "ALTER TYPE ... ADD VALUE and a use of that value in the same transaction",
          R"(Problem: a value added with ALTER TYPE ... ADD VALUE is used in the same transaction.
Why: PostgreSQL refuses it ("unsafe use of new value"): the step fails at apply time.
Instead of:
    ALTER TYPE order_status ADD VALUE 'refunded';
    UPDATE orders SET status = 'refunded' WHERE ...;
Use it in a later phase (a later transaction):
    -- migrate:expand
    ALTER TYPE order_status ADD VALUE 'refunded';
    -- migrate:migrate
    ...)",
          false, [](const StatementContext& c, Sink& out) {
            if (!c.in_transaction || c.kind == "AlterEnumStmt" || c.kind == "CreateEnumStmt") return;
            auto added = c.catalog.enum_values_added_in(c.origin.tx);
            if (added.empty()) return;
            std::vector<std::string> used;
            string_constants(c.body, used);
            for (const auto& [type, value] : added) {
              if (std::find(used.begin(), used.end(), value) != used.end()) {
                out.report(fmt::format("'{}' was added to {} in this transaction; PostgreSQL refuses to use it before COMMIT",
                                       value, shown(type)),
                           "use the new value in a later phase");
                return;
              }
            }
          }};
}

} // namespace migrate::lint::rules
