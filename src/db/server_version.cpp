#include "db/server_version.hpp"

#include <cctype>

#include <fmt/format.h>

#include "util/error.hpp"

namespace migrate::db {

std::string ServerVersion::str() const { return fmt::format("{}.{}", major(), num % 10000); }

std::optional<ServerVersion> parse_server_version(std::string_view text) {
  // The first number after "PostgreSQL", or the first number at all.
  if (auto at = text.find("PostgreSQL"); at != std::string_view::npos) text.remove_prefix(at);
  std::size_t i = 0;
  while (i < text.size() && !std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  auto number = [&](int& out) {
    if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    out = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && out < 100000; ++i) out = out * 10 + (text[i] - '0');
    return true;
  };
  int major = 0, minor = 0;
  if (!number(major) || major < 10 || major > 99) return std::nullopt; // 10 and later: MAJOR.MINOR
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!number(minor)) minor = 0;
  }
  return ServerVersion{major * 10000 + minor};
}

void require_supported(const ServerVersion& v, std::string_view where) {
  if (v.supported()) return;
  throw DatabaseError(fmt::format("{} is PostgreSQL {}, which migrate does not support: it supports PostgreSQL {} to {}", where,
                                  v.str(), ServerVersion::kOldest, ServerVersion::kNewest),
                      "0A000",
                      fmt::format("upgrade the server to PostgreSQL {} or later; `migrate lint --pg-version N` still lints offline", ServerVersion::kOldest));
}

} // namespace migrate::db
