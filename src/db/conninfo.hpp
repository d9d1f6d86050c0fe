#pragma once
// Connection strings (a URL or key=value; "" for libpq's PG* variables) as libpq reads them: taken
// apart by PQconninfoParse, put together with libpq's quoting, shown with the password as ***. There
// is no parser of our own to disagree with libpq about where a password ends.
#include <optional>
#include <string>
#include <vector>

namespace migrate::db {

// One keyword and its value, percent-decoding and quoting undone: {"password", "p?a/s@s"}.
struct ConnOption {
  std::string keyword;
  std::string value;
  bool operator==(const ConnOption&) const = default;
};
using ConnOptions = std::vector<ConnOption>;

// Why libpq cannot read `conninfo`, in libpq's words with what it quotes of the string left out (it
// quotes a whole URL, or the percent-encoded password it choked on), and how passwords are written
// there; nullopt when it can.
std::optional<std::string> conninfo_problem(const std::string& conninfo);

// The keywords `conninfo` sets, in libpq's order. Throws UsageError (exit 2) when libpq cannot read
// it, with the same words as conninfo_problem().
ConnOptions parse_conninfo(const std::string& conninfo);

// key=value text that libpq reads back as exactly `options`: each value in single quotes, with a
// backslash before \ and '.
std::string to_conninfo(const ConnOptions& options);

// What connect() gives libpq: `conninfo` parsed and rebuilt, plus fallback_application_name=migrate
// (pg_stat_activity names us unless the string names an application_name) and connect_timeout=10 unless
// the string or PGCONNECT_TIMEOUT (`timeout_from_env`) sets one, so that a silent server is exit 3
// after 10 s rather than a hang.
std::string connect_string(const std::string& conninfo, bool timeout_from_env);

// `conninfo` as it may be shown: rebuilt from what libpq reads, in the form it was written (a URL
// stays a URL), the password (and sslpassword, the client key's passphrase) as ***:
// "postgresql://app:***@db/shop", "host=db user=app password=***".
// "" stays ""; a string libpq cannot read is shown as a description, none of it quoted.
std::string mask_conninfo(const std::string& conninfo);

// Where a conninfo points, for messages: mask_conninfo(), or a phrase for "" (libpq's PG* variables).
std::string describe(const std::string& conninfo);

// The same server and settings with another database: `conninfo` as key=value with dbname replaced.
// Throws UsageError when libpq cannot read it.
std::string with_database(const std::string& conninfo, const std::string& dbname);

// The password `conninfo` gives libpq (and its sslpassword), and each way it is written there
// (percent-encoded in a URL, backslash-escaped in key=value), for util::scrub to replace in every log
// line and message (read at the first of them, not now).
void register_password(const std::string& conninfo);

// What to do about a connection libpq could not make because of TLS (a certificate it did not accept,
// a host name the certificate does not name, a root certificate file missing, a server that takes
// only TLS connections or offers none), naming the settings involved (sslmode, sslrootcert and their
// PGSSL* variables); "" when `libpq_error` is not about TLS. Quotes nothing of the connection string.
std::string tls_hint(std::string_view libpq_error);

// The password as libpq reads it, and each substring of `conninfo` that libpq decodes to it.
std::vector<std::string> password_forms(const std::string& conninfo);

} // namespace migrate::db
