#pragma once
// What `migrate verify` found, as plain data; the text and JSON reporters are pure functions of it.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lint/effects.hpp"
#include "migration/model.hpp"
#include "verify/trace.hpp"

namespace migrate::verify {

struct StatementReport {
  const migration::Statement* statement = nullptr;
  std::optional<Trace> trace; // none: not sent as one statement (a backfill runs in batches)
  std::vector<lint::Effect> expected;
  std::vector<std::string> disagreements;
};

enum class Result {
  round_trip,      // applied, rolled back to the same catalog, applied again to the same catalog
  different,       // a rollback or the second apply left the catalog different
  rollback_failed, // the rollback stopped with an error
  reapply_failed,  // applying again after the rollback stopped with an error
  apply_failed,    // the step itself failed: what follows it was not verified
  irreversible,    // applied; its rollback is declared irreversible
  no_rollback,     // applied; it has no rollback section
};
std::string_view to_string(Result r);

// A data check of the deploy window: a backfill's convergence count, or an author's -- migrate:check.
struct DataCheck {
  std::string what;   // "convergence of customers.email_verified (line 14)", "check at line 20 (SELECT ...)"
  std::string when;   // "after migrate", "before contract"
  bool skipped = false;
  bool failed = false;
  std::string detail; // the count, sample keys and likely cause; or why it was skipped
};

struct StepReport {
  const migration::Migration* migration = nullptr;
  migration::Phase phase = migration::Phase::expand;
  Result result = Result::round_trip;
  std::vector<std::string> differences; // in words
  std::string error;                    // for the *_failed results
  long long rows = 0;                   // backfilled
  long long duration_ms = 0;
  std::vector<StatementReport> statements; // the forward statements, in order
  std::vector<DataCheck> data;             // convergence and checks, after the step or before it (contract)

  [[nodiscard]] bool failed() const; // a difference, or a failure
};

struct Report {
  std::string database;       // "a throwaway PostgreSQL", "scratch database migrate_verify_... on ..."
  std::string server_version; // "15.18"
  std::vector<std::string> seeds;        // "seed.sql, before the first migration"
  std::vector<StepReport> steps;
  std::vector<std::string> not_verified; // "shop: 2 steps after ... (its apply failed)"
  long long duration_ms = 0;

  [[nodiscard]] int round_trips() const;   // steps that came back to the same catalog both ways
  [[nodiscard]] int not_rolled_back() const; // irreversible, or without a rollback
  [[nodiscard]] int failures() const;      // steps with a difference or a failure
  [[nodiscard]] int disagreements() const; // lock trace against the linter
  [[nodiscard]] int traced() const;        // statements with a trace
  [[nodiscard]] int data_failures() const; // data checks that failed
};

nlohmann::ordered_json to_json(const Report& report);
std::string to_text(const Report& report, bool color);

} // namespace migrate::verify
