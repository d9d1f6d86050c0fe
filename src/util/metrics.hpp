#pragma once
// Run metrics in Prometheus' text format, for node-exporter's textfile collector (--metrics-file):
// counters and gauges by name and labels, written once when the run ends. Safe from several threads
// (backfill workers).
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace migrate::util::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

// Adds to a counter (created at 0); `help` describes the metric the first time it is seen.
void add(const std::string& name, const Labels& labels, double value, const char* help);
// Sets a gauge.
void set(const std::string& name, const Labels& labels, double value, const char* help);

// Everything recorded so far, as Prometheus text (# HELP, # TYPE, one line per series).
std::string text();
// Writes text() to `path` atomically (a temporary file renamed over it), as the collector wants.
void write(const std::filesystem::path& path);
// Forgets everything (tests).
void reset();

} // namespace migrate::util::metrics
