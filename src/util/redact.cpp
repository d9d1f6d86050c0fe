#include "util/redact.hpp"

#include <algorithm>
#include <functional>
#include <mutex>
#include <vector>

#include <nlohmann/json.hpp>

namespace migrate::util {

namespace {

std::mutex g_mutex;
// Sources not read yet, and the lock held while they are (before anything is scrubbed).
std::mutex g_sources_mutex;
std::vector<std::function<std::vector<std::string>()>> g_sources;

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

void register_secrets_later(std::function<std::vector<std::string>()> source) {
  std::lock_guard lock(g_sources_mutex);
  g_sources.push_back(std::move(source));
}

std::string scrub(std::string_view text) {
  {
    std::lock_guard sources(g_sources_mutex);
    for (auto& source : g_sources) {
      for (const auto& secret : source()) register_secret(secret);
    }
    g_sources.clear();
  }
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
