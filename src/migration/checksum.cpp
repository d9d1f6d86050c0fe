#include "migration/checksum.hpp"

#include "util/sha256.hpp"
#include "util/text.hpp"

namespace migrate::migration {

std::string canonical_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (auto line : util::split_lines(text)) {
    out.append(util::trim_right(line));
    out.push_back('\n');
  }
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  if (out == "\n") out.clear();
  return out;
}

std::string checksum(std::string_view text) { return util::sha256_hex(canonical_text(text)); }

} // namespace migrate::migration
