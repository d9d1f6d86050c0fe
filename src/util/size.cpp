#include "util/size.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "util/text.hpp"

namespace migrate::util {

namespace {
struct Unit {
  std::string_view name; // as PostgreSQL spells it
  std::int64_t bytes;
};
constexpr std::array<Unit, 5> kUnits = {{{"B", 1},
                                         {"kB", std::int64_t{1} << 10},
                                         {"MB", std::int64_t{1} << 20},
                                         {"GB", std::int64_t{1} << 30},
                                         {"TB", std::int64_t{1} << 40}}};
constexpr double kLargest = static_cast<double>(std::int64_t{1} << 62);
} // namespace

std::optional<std::int64_t> parse_size(std::string_view text, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<std::int64_t> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  std::string_view s = trim(text);
  if (s.empty()) return fail("empty size");
  std::size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
  std::string_view number = s.substr(0, i);
  std::string_view unit = trim(s.substr(i));
  if (number.empty() || number == "." || number.find('.') != number.rfind('.')) {
    return fail(fmt::format("\"{}\" is not a size (examples: 64MB, 1GB, 1048576 for bytes)", text));
  }
  const double value = std::strtod(std::string(number).c_str(), nullptr);
  std::int64_t multiplier = 0;
  if (unit.empty()) {
    if (number.find('.') != std::string_view::npos) {
      return fail(fmt::format("\"{}\": a number without a unit is bytes, a whole number", text));
    }
    multiplier = 1;
  } else {
    const std::string lower = to_lower(unit);
    for (const auto& u : kUnits) {
      if (to_lower(u.name) == lower) multiplier = u.bytes;
    }
    if (multiplier == 0) {
      std::array<std::string_view, kUnits.size()> names{};
      for (std::size_t k = 0; k < kUnits.size(); ++k) names[k] = kUnits[k].name;
      return fail(fmt::format("unknown unit \"{}\" in \"{}\"{}; use B, kB, MB, GB or TB (1kB = 1024 bytes)", unit, text,
                              did_you_mean(unit, names)));
    }
  }
  const double bytes = std::round(value * static_cast<double>(multiplier));
  if (bytes > kLargest) return fail(fmt::format("\"{}\" is too large", text));
  return static_cast<std::int64_t>(bytes);
}

std::string format_size(std::int64_t bytes) {
  if (bytes == 0) return "0";
  for (auto u = kUnits.rbegin(); u != kUnits.rend(); ++u) {
    if (bytes % u->bytes == 0) return fmt::format("{}{}", bytes / u->bytes, u->name);
  }
  return fmt::format("{}B", bytes);
}

} // namespace migrate::util
