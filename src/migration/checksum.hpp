#pragma once
#include <string>
#include <string_view>

namespace migrate::migration {

// The text a section checksum is taken over: line endings normalised to LF, trailing white space on
// each line and trailing blank lines removed. So a file checked out with CRLF, or re-saved by an
// editor that trims white space, keeps its checksum; any change to the SQL does not.
std::string canonical_text(std::string_view text);

// sha256 of canonical_text, in hex.
std::string checksum(std::string_view text);

} // namespace migrate::migration
