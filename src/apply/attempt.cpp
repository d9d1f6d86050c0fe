#include "apply/attempt.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/log.hpp"
#include "util/signals.hpp"

namespace migrate::apply {

namespace {

bool lock_failure(const std::string& sqlstate) { return sqlstate == "55P03" || sqlstate == "40P01"; }

std::string setting(util::Duration d) { return fmt::format("'{}ms'", d.count()); }

void quietly(db::Session& s, const char* sql) {
  try {
    s.exec(sql);
  } catch (...) { // the connection may be gone; the server rolls back on its own then
  }
}

} // namespace

util::Duration backoff(const RetryPolicy& policy, int n, double r) {
  double cap = static_cast<double>(policy.max_delay.count());
  double bound = std::min(cap, static_cast<double>(policy.base_delay.count()) * std::pow(2.0, std::min(n, 30)));
  return util::Duration{static_cast<util::Duration::rep>(bound * std::clamp(r, 0.0, 1.0))};
}

std::string describe_blockers(db::Session& session, const std::vector<std::string>& tables) {
  if (tables.empty()) return {};
  std::string list = "{";
  for (std::size_t i = 0; i < tables.size(); ++i) {
    std::string t;
    for (char c : tables[i]) t += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    list += (i ? "," : "") + std::string("\"") + t + "\"";
  }
  list += "}";
  auto r = session.query(
      "SELECT DISTINCT a.pid::text, coalesce(a.state, '?'), "
      "coalesce(extract(epoch FROM now() - a.xact_start)::bigint::text, '?'), left(coalesce(a.query, ''), 200) "
      "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.granted AND l.pid <> pg_backend_pid() AND l.relation = ANY (SELECT to_regclass(x) FROM unnest($1::text[]) x)",
      {list});
  std::string out;
  for (const auto& row : r.rows) {
    out += fmt::format("{}pid {} ({}, in its transaction for {} s): {}", out.empty() ? "" : "; ", *row[0], *row[1], *row[2], *row[3]);
  }
  return out;
}

int run_unit(db::Session& session, const Unit& unit, const RetryPolicy& policy, const std::vector<std::string>& tables,
             const std::function<void(const LockWait&)>& on_wait) {
  std::mt19937_64 engine{std::random_device{}()};
  auto draw = policy.random ? policy.random : [&engine] { return std::uniform_real_distribution<double>(0, 1)(engine); };
  auto pause = policy.sleep ? policy.sleep : [](util::Duration d) { std::this_thread::sleep_for(d); };
  for (int attempt = 0;; ++attempt) {
    util::signals::check();
    try {
      if (unit.transaction) {
        session.exec("BEGIN");
        session.exec("SET LOCAL lock_timeout = " + setting(policy.lock_timeout));
        session.exec("SET LOCAL statement_timeout = " + setting(policy.statement_timeout.value_or(util::Duration{0})));
        for (const auto& sql : unit.statements) session.exec(sql);
        session.exec("COMMIT");
      } else {
        // A statement that cannot run in a transaction block gets session settings, reset after it.
        session.exec("SET lock_timeout = " + setting(policy.lock_timeout));
        session.exec("SET statement_timeout = " + setting(policy.statement_timeout.value_or(util::Duration{0})));
        for (const auto& sql : unit.statements) session.exec(sql);
        quietly(session, "RESET lock_timeout");
        quietly(session, "RESET statement_timeout");
      }
      return attempt + 1;
    } catch (const DatabaseError& e) {
      quietly(session, unit.transaction ? "ROLLBACK" : "RESET lock_timeout");
      if (!unit.transaction) quietly(session, "RESET statement_timeout");
      if (!lock_failure(e.sqlstate())) throw;
      std::string blockers;
      try {
        blockers = describe_blockers(session, tables);
      } catch (const DatabaseError&) {
      }
      const bool last = attempt >= policy.retries;
      const util::Duration delay = last ? util::Duration{0} : backoff(policy, attempt, draw());
      if (on_wait) on_wait({attempt + 1, e.sqlstate(), blockers, delay});
      log::warn("{} on attempt {} of {}{}{}", e.sqlstate() == "40P01" ? "deadlock" : fmt::format("lock not granted within {}", util::format_duration(policy.lock_timeout)),
                attempt + 1, policy.retries + 1, blockers.empty() ? "" : "; held by " + blockers,
                last ? "" : fmt::format("; trying again in {}", util::format_duration(delay)));
      if (last) {
        throw Error(Exit::lock,
                    fmt::format("could not take the locks it needs in {} attempts of {} each; nothing of the step was applied",
                                policy.retries + 1, util::format_duration(policy.lock_timeout)),
                    blockers.empty() ? "safe to run again" : "held by " + blockers + "; safe to run again once it is done");
      }
      pause(delay);
    }
  }
}

} // namespace migrate::apply
