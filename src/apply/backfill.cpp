#include "apply/backfill.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "sql/quote.hpp"
#include "util/error.hpp"
#include "util/log.hpp"
#include "util/signals.hpp"

namespace migrate::apply {

namespace {

constexpr int kMinBatch = 10;
constexpr int kMaxBatch = 100000;
constexpr int kFirstAutoBatch = 1000;

// "shop.users" -> "shop"."users"; each part as written.
std::string quoted_table(const std::string& name) {
  const auto dot = name.find('.');
  if (dot == std::string::npos) return sql::quote_ident(name);
  return sql::quote_ident(name.substr(0, dot)) + "." + sql::quote_ident(name.substr(dot + 1));
}

db::Value one(db::Session& s, const std::string& sql, const std::vector<db::Value>& params = {}) {
  auto r = s.query(sql, params);
  return r.rows.empty() || r.rows[0].empty() ? db::Value{} : r.rows[0][0];
}

// The exclusive lower bound of the first batch: below every key.
std::string lower_sentinel(db::Session& s, const migration::Backfill& b, const std::string& table, const std::string& key) {
  auto r = s.query(fmt::format("SELECT format_type(a.atttypid, a.atttypmod), t.typcategory::text FROM pg_attribute a "
                               "JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = $1::regclass AND a.attname = $2 "
                               "AND NOT a.attisdropped"),
                   {table, b.key});
  if (r.rows.empty()) {
    throw InputError(b.where, fmt::format("backfill: table {} has no column {}", b.table, b.key));
  }
  const std::string type = r.rows[0][0].value_or("?");
  const std::string category = r.rows[0][1].value_or("");
  auto refuse_if_taken = [&](const std::string& sentinel) {
    if (one(s, fmt::format("SELECT count(*)::text FROM {} WHERE {} = $1", table, key), {sentinel}) != "0") {
      throw InputError(b.where, fmt::format("backfill: a row of {} has the key {} = '{}', which the first batch's lower bound "
                                            "cannot include", b.table, b.key, sentinel),
                       "use a key column whose values are all above the type's minimum");
    }
    return sentinel;
  };
  if (type == "smallint" || type == "integer" || type == "bigint") {
    return one(s, fmt::format("SELECT (min({}) - 1)::text FROM {}", key, table)).value_or("0");
  }
  if (type == "uuid") return refuse_if_taken("00000000-0000-0000-0000-000000000000");
  if (category == "S") return refuse_if_taken("");
  throw InputError(b.where, fmt::format("backfill: key {} is of type {}; integer, bigint, uuid and text keys are supported", b.key, type));
}

} // namespace

BackfillResult run_backfill(db::Session& session, ledger::Ledger& ledger, const ledger::Entry& e, int index,
                            const migration::Statement& statement, const RetryPolicy& policy) {
  const auto& b = *statement.backfill;
  const std::string table = quoted_table(b.table);
  const std::string key = sql::quote_ident(b.key);
  if (!one(session, "SELECT to_regclass($1)::text", {table})) {
    throw InputError(b.where, fmt::format("backfill: table {} does not exist", b.table));
  }
  auto cp = ledger.checkpoint(e, index);
  if (!cp) {
    ledger::Checkpoint fresh{b.table, b.key, {}, {}, 0, 0, b.batch.value_or(kFirstAutoBatch), "running"};
    fresh.upper_key = one(session, fmt::format("SELECT max({})::text FROM {}", key, table));
    if (fresh.upper_key) fresh.last_key = lower_sentinel(session, b, table, key);
    else fresh.status = "finished"; // nothing to do: the table is empty
    ledger.begin_backfill(e, index, fresh);
    cp = fresh;
  } else if (cp->status == "running") {
    log::info("backfill {}: resuming after key {} ({} rows in {} batches done)", b.table, cp->last_key.value_or("-"), cp->rows_done,
              cp->batches_done);
  }
  const std::string next_bound = fmt::format("SELECT max(k)::text FROM (SELECT {0} AS k FROM {1} WHERE {0} > $1 AND {0} <= $2 "
                                             "ORDER BY {0} LIMIT $3) s",
                                             key, table);
  RetryPolicy batch_policy = policy;
  batch_policy.statement_timeout.reset(); // batches never get a statement_timeout
  auto last_log = std::chrono::steady_clock::now();
  while (cp->status == "running") {
    util::signals::check(); // between batches: the checkpoint is saved
    auto hi = one(session, next_bound, {cp->last_key, cp->upper_key, std::to_string(cp->batch_size)});
    if (!hi) {
      cp->status = "finished";
      ledger.save_checkpoint(e, index, *cp);
      break;
    }
    ledger::Checkpoint next = *cp;
    Item item(statement.sql, {cp->last_key, *hi});
    item.no_statement_timeout = true;
    item.where = statement.where.str();
    Unit unit{{item}, true};
    unit.before_commit = [&](long long affected) {
      next = *cp;
      next.last_key = *hi;
      next.rows_done += affected;
      next.batches_done += 1;
      ledger.save_checkpoint(e, index, next);
    };
    const auto started = std::chrono::steady_clock::now();
    run_unit(session, unit, batch_policy, {b.table});
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    *cp = next;
    if (!b.batch) {
      // Aim for `target` per batch, at most 2x up or down a step.
      const double ratio = static_cast<double>(b.target.count()) / static_cast<double>(std::max<long long>(took.count(), 1));
      const double factor = std::clamp(ratio, 0.5, 2.0);
      cp->batch_size = std::clamp(static_cast<int>(cp->batch_size * factor), kMinBatch, kMaxBatch);
    }
    if (std::chrono::steady_clock::now() - last_log > std::chrono::seconds(5)) {
      log::info("backfill {}: {} rows in {} batches, up to key {}, batch size {}", b.table, cp->rows_done, cp->batches_done,
                cp->last_key.value_or("-"), cp->batch_size);
      last_log = std::chrono::steady_clock::now();
    }
    if (b.sleep.count() > 0) util::signals::sleep_for(b.sleep);
  }
  return {cp->rows_done, cp->batches_done};
}

} // namespace migrate::apply
