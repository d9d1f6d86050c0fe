#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace migrate::migration {

struct FileName {
  std::string version; // leading digits
  std::string name;    // [a-z0-9_]+
};

// "<version>_<name>.sql"; nullopt with `why` set when the name does not have that form.
std::optional<FileName> parse_file_name(std::string_view file_name, std::string* why = nullptr);

// Versions compare as numbers of any length: "0010" == "10" < "9000".
int compare_versions(std::string_view a, std::string_view b);

// True for names that fit [a-z0-9_]+.
bool valid_name(std::string_view name);

} // namespace migrate::migration
