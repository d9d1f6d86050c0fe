#include "util/redact.hpp"

#include <algorithm>
#include <mutex>
#include <vector>

#include <nlohmann/json.hpp>

namespace migrate::util {

namespace {

std::mutex g_mutex;
std::vector<std::string>& secrets() {
  static std::vector<std::string> list;
  return list;
}

void remember(std::vector<std::string>& list, std::string secret) {
  if (!secret.empty() && std::find(list.begin(), list.end(), secret) == list.end()) list.push_back(std::move(secret));
}

} // namespace

void register_secret(std::string_view secret) {
  if (secret.empty()) return;
  // A JSON log line is scrubbed after it is serialised, where a " in the password has become \".
  std::string in_json = nlohmann::json(std::string(secret)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  in_json = in_json.substr(1, in_json.size() - 2);
  std::lock_guard lock(g_mutex);
  auto& list = secrets();
  remember(list, std::string(secret));
  remember(list, std::move(in_json));
  // Longest first, so a secret that contains another is replaced whole.
  std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string scrub(std::string_view text) {
  std::string out(text);
  std::lock_guard lock(g_mutex);
  for (const auto& secret : secrets()) {
    std::size_t pos = 0;
    while ((pos = out.find(secret, pos)) != std::string::npos) {
      out.replace(pos, secret.size(), "***");
      pos += 3;
    }
  }
  return out;
}

} // namespace migrate::util
