#pragma once
#include <string>
#include <string_view>

namespace migrate::util {

// SHA-256 of the bytes, as 64 lower-case hex digits (FIPS 180-4).
// Uses the CPU's SHA instructions where it has them (x86-64 SHA-NI).
std::string sha256_hex(std::string_view data);
// The same without them (for the test that holds the two to the same answers).
std::string sha256_hex_portable(std::string_view data);

} // namespace migrate::util
