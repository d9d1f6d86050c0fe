#include "util/metrics.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <unistd.h>

#include <fmt/format.h>

#include "util/error.hpp"

namespace migrate::util::metrics {

namespace {

struct Family {
  std::string help;
  bool counter = false;
  std::map<Labels, double> series;
};

std::mutex g_mutex;
std::map<std::string, Family>& families() {
  static std::map<std::string, Family> f;
  return f;
}

// A label value with \, " and newline escaped.
std::string escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string number(double v) {
  if (std::isnan(v)) return "NaN";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{}", v);
}

void record(const std::string& name, const Labels& labels, double value, const char* help, bool counter) {
  std::lock_guard lock(g_mutex);
  Family& f = families()[name];
  if (f.help.empty()) f.help = help;
  f.counter = counter;
  if (counter) f.series[labels] += value;
  else f.series[labels] = value;
}

} // namespace

void add(const std::string& name, const Labels& labels, double value, const char* help) { record(name, labels, value, help, true); }
void set(const std::string& name, const Labels& labels, double value, const char* help) { record(name, labels, value, help, false); }

std::string text() {
  std::lock_guard lock(g_mutex);
  std::string out;
  for (const auto& [name, f] : families()) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, f.help, name, f.counter ? "counter" : "gauge");
    for (const auto& [labels, value] : f.series) {
      std::string l;
      for (const auto& [k, v] : labels) l += fmt::format("{}{}=\"{}\"", l.empty() ? "" : ",", k, escape(v));
      out += fmt::format("{}{} {}\n", name, l.empty() ? "" : "{" + l + "}", number(value));
    }
  }
  return out;
}

void write(const std::filesystem::path& path) {
  const std::filesystem::path tmp = path.string() + fmt::format(".{}.tmp", ::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text();
    if (!out) throw Error(Exit::input, fmt::format("--metrics-file {}: cannot write {}", path.string(), tmp.string()));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw Error(Exit::input, fmt::format("--metrics-file {}: {}", path.string(), ec.message()));
  }
}

void reset() {
  std::lock_guard lock(g_mutex);
  families().clear();
}

} // namespace migrate::util::metrics
