#include "migration/placeholders.hpp"

#include <algorithm>
#include <cctype>

namespace migrate::migration {

namespace {

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The length of the ${NAME} at `at` (0 when there is none there).
std::size_t placeholder_at(std::string_view text, std::size_t at) {
  if (at + 3 >= text.size() || text[at] != '$' || text[at + 1] != '{' || !name_start(text[at + 2])) return 0;
  std::size_t i = at + 3;
  while (i < text.size() && name_char(text[i])) ++i;
  return i < text.size() && text[i] == '}' ? i + 1 - at : 0;
}

} // namespace

std::size_t Expanded::to_raw(std::size_t offset) const {
  auto after = std::upper_bound(replaced.begin(), replaced.end(), offset,
                                [](std::size_t o, const Replacement& r) { return o < r.out_begin; });
  if (after == replaced.begin()) return offset;
  const Replacement& r = *std::prev(after);
  if (offset < r.out_end) return r.raw_begin;
  return offset - r.out_end + r.raw_end;
}

bool has_placeholders(std::string_view text) {
  for (std::size_t at = text.find("${"); at != std::string_view::npos; at = text.find("${", at + 1)) {
    if (placeholder_at(text, at)) return true;
  }
  return false;
}

Expanded expand_placeholders(std::string_view text, const PlaceholderLookup& lookup) {
  Expanded out;
  out.text.reserve(text.size());
  std::size_t copied = 0;
  for (std::size_t at = text.find("${"); at != std::string_view::npos; at = text.find("${", at + 1)) {
    const std::size_t len = placeholder_at(text, at);
    if (!len) continue;
    const std::string name(text.substr(at + 2, len - 3));
    std::optional<std::string> value = lookup ? lookup(name) : std::nullopt;
    if (!value) throw UndefinedPlaceholder{at, name};
    out.text.append(text.substr(copied, at - copied));
    const std::size_t begin = out.text.size();
    out.text.append(*value);
    out.replaced.push_back({begin, out.text.size(), at, at + len});
    copied = at + len;
    at += len - 1;
  }
  out.text.append(text.substr(copied));
  return out;
}

} // namespace migrate::migration
