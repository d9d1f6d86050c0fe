#include "util/duration.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "util/text.hpp"

namespace migrate::util {

namespace {
struct Unit {
  std::string_view name;
  double ms;
};
constexpr std::array<Unit, 9> kUnits = {{{"us", 0.001},
                                         {"ms", 1},
                                         {"s", 1000},
                                         {"sec", 1000},
                                         {"m", 60'000},
                                         {"min", 60'000},
                                         {"h", 3'600'000},
                                         {"hr", 3'600'000},
                                         {"d", 86'400'000}}};
} // namespace

std::optional<Duration> parse_duration(std::string_view text, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<Duration> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  std::string_view s = trim(text);
  if (s.empty()) return fail("empty duration");
  std::size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
  std::string_view number = s.substr(0, i);
  std::string_view unit = trim(s.substr(i));
  if (number.empty() || number == "." || number.find('.') != number.rfind('.')) {
    return fail(fmt::format("\"{}\" is not a duration (examples: 500ms, 2s, 1min)", text));
  }
  double value = std::strtod(std::string(number).c_str(), nullptr);
  if (unit.empty()) {
    if (value == 0) return Duration{0};
    return fail(fmt::format("\"{}\" needs a unit: {}ms, {}s or {}min", text, number, number, number));
  }
  for (const auto& u : kUnits) {
    if (u.name == to_lower(unit)) {
      double ms = value * u.ms;
      if (ms > 1e15) return fail(fmt::format("\"{}\" is too long", text));
      return Duration{static_cast<Duration::rep>(std::llround(ms))};
    }
  }
  std::array<std::string_view, kUnits.size()> names{};
  for (std::size_t k = 0; k < kUnits.size(); ++k) names[k] = kUnits[k].name;
  return fail(fmt::format("unknown unit \"{}\" in \"{}\"{}; use us, ms, s, min, h or d", unit, text,
                          did_you_mean(unit, names)));
}

std::string format_duration(Duration d) {
  auto ms = d.count();
  if (ms == 0) return "0";
  if (ms % 86'400'000 == 0) return fmt::format("{}d", ms / 86'400'000);
  if (ms % 3'600'000 == 0) return fmt::format("{}h", ms / 3'600'000);
  if (ms % 60'000 == 0) return fmt::format("{}min", ms / 60'000);
  if (ms % 1000 == 0) return fmt::format("{}s", ms / 1000);
  return fmt::format("{}ms", ms);
}

} // namespace migrate::util
