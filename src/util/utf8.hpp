#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace migrate::util {

// Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF), or nullopt when the whole text is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// Byte offset of the n-th code point (0-based) of valid UTF-8 text; the text size when n is past the end.
std::size_t utf8_byte_offset(std::string_view text, std::size_t code_points);

} // namespace migrate::util

namespace migrate::util {

// The text as it is safe to show on a terminal or in a CI log: control characters (C0 but tab and
// newline, DEL,
// C1, which could start an escape sequence) and every byte that is not well-formed UTF-8 become '?',
// one for one, so that columns counted in characters still line up.
std::string printable(std::string_view text);

} // namespace migrate::util
