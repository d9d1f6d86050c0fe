#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace migrate::util {

// Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF), or nullopt when the whole text is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// Byte offset of the n-th code point (0-based) of valid UTF-8 text; the text size when n is past the end.
std::size_t utf8_byte_offset(std::string_view text, std::size_t code_points);

} // namespace migrate::util
