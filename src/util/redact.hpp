#pragma once
// Passwords never reach output: URLs are shown with the password replaced by ***, and every secret
// we learn (URL passwords, PGPASSWORD) is scrubbed from log lines and error messages as a last guard.
#include <optional>
#include <string>
#include <string_view>

namespace migrate::util {

// postgresql://u:secret@h/db -> postgresql://u:***@h/db; "password=secret host=h" -> "password=*** host=h";
// ?password=secret -> ?password=***.
std::string redact_conninfo(std::string_view conninfo);

// The password in a URL or key=value connection string, percent-decoded, if there is one.
std::optional<std::string> conninfo_password(std::string_view conninfo);

void register_secret(std::string_view secret);
std::string scrub(std::string_view text); // every registered secret replaced by ***

} // namespace migrate::util
