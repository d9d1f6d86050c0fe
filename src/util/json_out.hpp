#pragma once
// JSON documents as the commands print them.
#include <string>

#include <nlohmann/json.hpp>

namespace migrate::util {

// Indented by two spaces. Bytes that are not UTF-8 (a file name may hold any) are written as U+FFFD
// rather than ending the command with an internal error.
template <typename Json> std::string json_document(const Json& doc) {
  return doc.dump(2, ' ', false, Json::error_handler_t::replace);
}

} // namespace migrate::util
