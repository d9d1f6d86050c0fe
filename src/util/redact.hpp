#pragma once
// Passwords never reach output: every secret we learn (the password of the database URL, PGPASSWORD)
// is scrubbed from log lines and error messages as a last guard. Connection strings themselves are
// shown with their password as *** by db::mask_conninfo, which reads them with libpq.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate::util {

// Remembers `secret` for scrub(), as given and as it is written inside a JSON string (a " or \ in a
// password is escaped there). An empty secret is ignored.
void register_secret(std::string_view secret);
// Secrets that cost something to find (reading a connection string with libpq): `source` runs at the
// first scrub(), so a command that prints nothing never pays for it.
void register_secrets_later(std::function<std::vector<std::string>()> source);
std::string scrub(std::string_view text); // every registered secret replaced by ***

} // namespace migrate::util
