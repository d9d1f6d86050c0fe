#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace migrate::util {

// A size in bytes written with PostgreSQL's memory units: "64MB", "1GB", "512kB", "100B", "1.5GB", or a
// plain whole number of bytes ("1048576"). Units are B, kB, MB, GB and TB, each 1024 times the one
// before (as PostgreSQL reads them), in any case ("64mb" too); a space may stand between number and
// unit; fractions are rounded to the byte. Returns nullopt on anything else (negative, no number, an
// unknown unit, more than 2^62 bytes); `why` (when given) says what was wrong.
std::optional<std::int64_t> parse_size(std::string_view text, std::string* why = nullptr);

// The shortest exact spelling in PostgreSQL's units: 0, 100B, 512kB, 64MB, 1536MB, 1GB, 2TB.
std::string format_size(std::int64_t bytes);

} // namespace migrate::util
