#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace migrate::util {

using Duration = std::chrono::milliseconds;

// "500ms", "2s", "1.5s", "1min", "10m", "2h", "1d", "0". A number needs a unit unless it is 0:
// PostgreSQL reads a bare 1 as one millisecond, people mean one second; better to ask.
// Returns nullopt on anything else; `why` (when given) says what was wrong.
std::optional<Duration> parse_duration(std::string_view text, std::string* why = nullptr);

// The shortest exact spelling: 0, 250ms, 2s, 1min, 90s, 2h.
std::string format_duration(Duration d);

// Milliseconds since `since` on the steady clock.
inline long long elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration_cast<Duration>(std::chrono::steady_clock::now() - since).count();
}

} // namespace migrate::util
