#pragma once
// What migrate does differently between PostgreSQL majors is decided here, from server_version_num
// (150018 for 15.18), and nowhere else: the supported range, the settings and flags a version has,
// and the version the linter predicts for.
#include <optional>
#include <string>
#include <string_view>

namespace migrate::db {

struct ServerVersion {
  static constexpr int kOldest = 13; // the oldest supported major: older servers are refused at connect
  static constexpr int kNewest = 18; // the newest major tested; newer ones work with a warning

  int num = 0; // server_version_num

  [[nodiscard]] int major() const { return num / 10000; }
  [[nodiscard]] std::string str() const; // "15.18"
  [[nodiscard]] bool supported() const { return major() >= kOldest; }
  [[nodiscard]] bool tested() const { return supported() && major() <= kNewest; }

  // client_connection_check_interval: the backend ends a running query whose client has gone (14+).
  [[nodiscard]] bool checks_client_connection() const { return num >= 140000; }
  // The major the linter predicts locks and rewrites for: this one, or the newest it knows.
  [[nodiscard]] int lint_version() const { return major() > kNewest ? kNewest : major(); }
};

// "postgres (PostgreSQL) 13.23", "initdb (PostgreSQL) 18.4 (Debian 18.4-1)", "17beta1": the version,
// or nullopt when the text names none.
std::optional<ServerVersion> parse_server_version(std::string_view text);

// Throws DatabaseError (exit 3) naming the server's version and the supported ones when it is older
// than kOldest; `where` names the server ("the database at ...", "the server in DIR").
void require_supported(const ServerVersion& v, std::string_view where);

} // namespace migrate::db
