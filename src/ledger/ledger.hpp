#pragma once
// The ledger (SPEC §4): one row per (app, version, phase) in the configured schema, created on first
// use and upgraded in place through numbered steps recorded in its meta table. Each app reads and
// writes only its own rows.
#include <optional>
#include <string>
#include <vector>

#include "db/session.hpp"

namespace migrate::ledger {

// The schema version this release writes; Ledger::ensure upgrades older ledgers to it.
inline constexpr int kSchemaVersion = 1;

struct Entry {
  std::string app;
  std::string version;
  std::string phase;     // expand | migrate | contract
  std::string name;
  std::string checksum;
  std::string status;    // running | applied | failed | rolled_back
  std::string sql;       // the section as applied
  std::optional<std::string> rollback_sql;
  std::string rollback;  // present | irreversible | missing
  int statements_done = 0;
  std::string applied_by; // database user
  std::string host;
  std::string started_at;
  std::optional<std::string> finished_at;
  std::optional<long long> duration_ms;
  std::string tool_version;
  bool skip_lint = false;
  std::optional<std::string> error;
};

class Ledger {
public:
  Ledger(db::Session& session, std::string schema);

  // Creates the schema and tables if missing, or upgrades them, under a transaction-level advisory
  // lock so concurrent first runs do not collide. Returns the schema version found before (0: none).
  int ensure();
  // The version recorded in the meta table (0 when there is no ledger).
  int schema_version();

  // The app's rows, in (version, phase) order.
  std::vector<Entry> entries(const std::string& app);
  std::optional<Entry> find(const std::string& app, const std::string& version, const std::string& phase);

  // A step begins: its row is inserted, or a failed or rolled-back one is reset, as running.
  void start(const Entry& e);
  // Statement-by-statement sections record how far they got, so a rerun continues after it.
  void progress(const Entry& e, int statements_done);
  void finish(const Entry& e, const std::string& status, const std::optional<std::string>& error = {});

  [[nodiscard]] const std::string& schema() const { return schema_; }
  [[nodiscard]] std::string table(std::string_view name) const; // "schema"."name", quoted

private:
  db::Session& session_;
  std::string schema_;
};

// The host name this process runs on, for applied_by.
std::string host_name();

} // namespace migrate::ledger
