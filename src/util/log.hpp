#pragma once
// Logs, progress and errors go to standard error; results go to standard output.
// Text: "migrate: warning: ..."; --log-format json: one JSON object per line.
// Every line passes through util::scrub, so a registered secret never reaches the terminal or a log file.
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json_fwd.hpp>

namespace migrate::log {

enum class Format { text, json };
enum class Level { trace, debug, info, warn, error };

// verbosity: -1 quiet (errors only), 0 default (info), 1 -v (debug), 2 -vv (trace).
void init(Format format, int verbosity);
Format format();

// One line at `level`, with structured fields for the JSON form (ignored in text form, except that
// "location" is printed before the message).
void emit(Level level, std::string_view message, const nlohmann::json* fields = nullptr);

// This run's id (12 hex digits, made once per process): in every JSON line, in every text line with
// -v, and in the ledger rows the run writes.
const std::string& run_id();

// A field added to every JSON line while it lives (app, version, phase, statement): what the run is
// working on. Set from the main thread; the lines of backfill workers carry it too.
class Field {
public:
  Field(std::string key, const std::string& value);
  Field(std::string key, long long value);
  ~Field();
  Field(const Field&) = delete;
  Field& operator=(const Field&) = delete;

private:
  void set(nlohmann::json value);
  std::string key_;
  std::unique_ptr<nlohmann::json> previous_; // restored when it ends (fields nest)
};

// True when a line at `level` is written (the verbosity init() was given lets it through).
bool enabled(Level level);

// log::info("applied {} in {} ms", id, ms): formatted only when written. One argument is the message
// as it is, braces and all.
#define MIGRATE_LOG_LEVEL(name, level)                                                                   \
  inline void name(std::string_view message) {                                                           \
    if (enabled(level)) emit(level, message);                                                            \
  }                                                                                                      \
  template <typename... A>                                                                               \
    requires(sizeof...(A) > 0)                                                                           \
  void name(fmt::format_string<A...> format, A&&... args) {                                              \
    if (enabled(level)) emit(level, fmt::format(format, std::forward<A>(args)...));                      \
  }
MIGRATE_LOG_LEVEL(trace, Level::trace)
MIGRATE_LOG_LEVEL(debug, Level::debug)
MIGRATE_LOG_LEVEL(info, Level::info)
MIGRATE_LOG_LEVEL(warn, Level::warn)
MIGRATE_LOG_LEVEL(error, Level::error)
#undef MIGRATE_LOG_LEVEL

} // namespace migrate::log
