#pragma once
// Identifiers and literals for SQL that migrate writes itself (the ledger's schema name comes from
// configuration, and may hold quotes, semicolons or anything else).
#include <string>
#include <string_view>

namespace migrate::sql {

// "name", with embedded double quotes doubled: always quoted, so case and punctuation survive.
std::string quote_ident(std::string_view name);
// 'text', with embedded single quotes doubled (standard_conforming_strings).
std::string quote_literal(std::string_view text);
// {"a","b \"c\""}: a text[] value to bind as a parameter ($1::text[]), each element quoted.
template <class Range>
std::string text_array_literal(const Range& items) {
  std::string out = "{";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : std::string_view(item)) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

} // namespace migrate::sql
