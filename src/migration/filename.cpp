#include "migration/filename.hpp"

#include <cctype>

#include <fmt/format.h>

namespace migrate::migration {

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_')) {
      return false;
    }
  }
  return true;
}

std::optional<FileName> parse_file_name(std::string_view file_name, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<FileName> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  constexpr std::string_view kExt = ".sql";
  if (file_name.size() <= kExt.size() || !file_name.ends_with(kExt)) {
    return fail("a migration file name ends in .sql");
  }
  std::string_view stem = file_name.substr(0, file_name.size() - kExt.size());
  std::size_t digits = 0;
  while (digits < stem.size() && std::isdigit(static_cast<unsigned char>(stem[digits]))) ++digits;
  if (digits == 0) return fail("the name must start with a version number: <version>_<name>.sql");
  if (digits == stem.size() || stem[digits] != '_') {
    return fail("the version must be followed by _ and a name: <version>_<name>.sql");
  }
  std::string_view name = stem.substr(digits + 1);
  if (!valid_name(name)) {
    return fail(fmt::format("the name \"{}\" may only use lower-case letters, digits and _", name));
  }
  return FileName{std::string(stem.substr(0, digits)), std::string(name)};
}

int compare_versions(std::string_view a, std::string_view b) {
  auto strip = [](std::string_view s) {
    while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
    return s;
  };
  a = strip(a);
  b = strip(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

} // namespace migrate::migration
