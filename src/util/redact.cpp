#include "util/redact.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <vector>

#include "util/text.hpp"

namespace migrate::util {

namespace {

bool is_uri(std::string_view s) {
  return starts_with_ci(s, "postgresql://") || starts_with_ci(s, "postgres://");
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// [begin, end) of the password in the userinfo of a URI, if any.
std::optional<std::pair<std::size_t, std::size_t>> uri_password_span(std::string_view s) {
  std::size_t scheme = s.find("://");
  if (scheme == std::string_view::npos) return std::nullopt;
  std::size_t auth = scheme + 3;
  std::size_t auth_end = s.find_first_of("/?", auth);
  if (auth_end == std::string_view::npos) auth_end = s.size();
  std::size_t at = s.rfind('@', auth_end);
  if (at == std::string_view::npos || at < auth) return std::nullopt;
  std::size_t colon = s.find(':', auth);
  if (colon == std::string_view::npos || colon > at) return std::nullopt;
  return std::pair{colon + 1, at};
}

// [begin, end) of each "password=value" value in a URI query or a key=value string.
std::vector<std::pair<std::size_t, std::size_t>> keyword_password_spans(std::string_view s, bool uri) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t pos = 0;
  const std::string lower = to_lower(s);
  while ((pos = lower.find("password", pos)) != std::string::npos) {
    bool word_start = pos == 0 || (uri ? (s[pos - 1] == '?' || s[pos - 1] == '&')
                                       : std::isspace(static_cast<unsigned char>(s[pos - 1])) != 0);
    std::size_t eq = pos + 8;
    while (!uri && eq < s.size() && s[eq] == ' ') ++eq;
    if (!word_start || eq >= s.size() || s[eq] != '=') {
      pos += 8;
      continue;
    }
    std::size_t v = eq + 1;
    while (!uri && v < s.size() && s[v] == ' ') ++v;
    std::size_t end = v;
    if (uri) {
      while (end < s.size() && s[end] != '&' && s[end] != '#') ++end;
    } else if (v < s.size() && s[v] == '\'') {
      end = v + 1;
      while (end < s.size() && s[end] != '\'') end += (s[end] == '\\' && end + 1 < s.size()) ? 2 : 1;
      if (end < s.size()) ++end;
    } else {
      while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end]))) ++end;
    }
    spans.emplace_back(v, end);
    pos = end;
  }
  return spans;
}

std::vector<std::pair<std::size_t, std::size_t>> password_spans(std::string_view s) {
  const bool uri = is_uri(s);
  auto spans = keyword_password_spans(s, uri);
  if (uri) {
    if (auto span = uri_password_span(s)) spans.push_back(*span);
  }
  std::sort(spans.begin(), spans.end());
  return spans;
}

std::mutex g_mutex;
std::vector<std::string>& secrets() {
  static std::vector<std::string> list;
  return list;
}

} // namespace

std::string redact_conninfo(std::string_view conninfo) {
  std::string out;
  std::size_t last = 0;
  for (auto [b, e] : password_spans(conninfo)) {
    if (b < last) continue;
    out.append(conninfo.substr(last, b - last));
    out += "***";
    last = e;
  }
  out.append(conninfo.substr(last));
  return scrub(out);
}

std::optional<std::string> conninfo_password(std::string_view conninfo) {
  auto spans = password_spans(conninfo);
  if (spans.empty()) return std::nullopt;
  auto [b, e] = spans.front();
  std::string_view raw = conninfo.substr(b, e - b);
  if (!is_uri(conninfo) && raw.size() >= 2 && raw.front() == '\'') {
    std::string unquoted;
    for (std::size_t i = 1; i + 1 < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 2 < raw.size()) ++i;
      unquoted.push_back(raw[i]);
    }
    return unquoted;
  }
  return is_uri(conninfo) ? percent_decode(raw) : std::string(raw);
}

void register_secret(std::string_view secret) {
  if (secret.empty()) return;
  std::lock_guard lock(g_mutex);
  auto& list = secrets();
  if (std::find(list.begin(), list.end(), secret) == list.end()) list.emplace_back(secret);
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
