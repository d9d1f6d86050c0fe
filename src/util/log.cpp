#include "util/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <random>

#include <fmt/chrono.h>
#include <nlohmann/json.hpp>

#include "util/redact.hpp"
#include "util/term.hpp"
#include "util/utf8.hpp"

namespace migrate::log {

namespace {

Format g_format = Format::text;
std::atomic<int> g_level{static_cast<int>(Level::info)}; // the lowest level written
std::mutex g_write;
nlohmann::json g_fields = nlohmann::json::object(); // under g_write

std::string_view level_name(Level level) {
  switch (level) {
  case Level::trace: return "trace";
  case Level::debug: return "debug";
  case Level::info: return "info";
  case Level::warn: return "warning";
  case Level::error: return "error";
  }
  return "info";
}

std::string timestamp() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(now)),
                     static_cast<int>(ms));
}

} // namespace

void init(Format fmt_, int verbosity) {
  g_format = fmt_;
  Level level = Level::info;
  if (verbosity < 0) level = Level::error;
  if (verbosity == 1) level = Level::debug;
  if (verbosity >= 2) level = Level::trace;
  g_level = static_cast<int>(level);
}

bool enabled(Level level) { return static_cast<int>(level) >= g_level.load(std::memory_order_relaxed); }

Format format() { return g_format; }

void emit(Level level, std::string_view message, const nlohmann::json* fields) {
  // Lines written with fields (progress events) obey -q and -v like the others.
  if (!enabled(level)) return;
  std::string text = util::scrub(message);
  std::string line;
  std::unique_lock lock(g_write);
  if (g_format == Format::json) {
    nlohmann::json obj = {{"time", timestamp()}, {"level", level_name(level)}, {"message", text}, {"run_id", run_id()}};
    for (const auto& [k, v] : g_fields.items()) obj[k] = v;
    if (fields) {
      for (const auto& [k, v] : fields->items()) obj[k] = v;
    }
    line = util::scrub(obj.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    const bool color = util::color_stderr();
    // With -v every line names the run, as the ledger rows it writes do.
    line = enabled(Level::debug) ? fmt::format("migrate[{}]: ", run_id()) : "migrate: ";
    if (level == Level::error) line += util::styled("error:", util::Style::red, color) + " ";
    if (level == Level::warn) line += util::styled("warning:", util::Style::yellow, color) + " ";
    if (level == Level::debug || level == Level::trace) line += util::styled("debug:", util::Style::dim, color) + " ";
    if (fields && fields->contains("location")) line += (*fields)["location"].get<std::string>() + ": ";
    // What the message quotes (a file's text, a server's error) cannot reach the terminal as escapes.
    line += util::printable(text);
    if (fields && fields->contains("hint")) line += "\n  hint: " + util::printable((*fields)["hint"].get<std::string>());
  }
  std::fprintf(stderr, "%s\n", line.c_str());
  std::fflush(stderr);
}

const std::string& run_id() {
  static const std::string id = [] {
    std::random_device rd;
    const auto t = static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
    const std::uint64_t r = (static_cast<std::uint64_t>(rd()) << 32) ^ rd() ^ (t * 0x9E3779B97F4A7C15ULL);
    return fmt::format("{:012x}", r & 0xffffffffffffULL);
  }();
  return id;
}

Field::Field(std::string key, const std::string& value) : key_(std::move(key)) { set(value); }

Field::Field(std::string key, long long value) : key_(std::move(key)) { set(value); }

void Field::set(nlohmann::json value) {
  std::lock_guard lock(g_write);
  if (auto it = g_fields.find(key_); it != g_fields.end()) previous_ = std::make_unique<nlohmann::json>(*it);
  g_fields[key_] = std::move(value);
}

Field::~Field() {
  std::lock_guard lock(g_write);
  if (previous_) g_fields[key_] = std::move(*previous_);
  else g_fields.erase(key_);
}

} // namespace migrate::log
