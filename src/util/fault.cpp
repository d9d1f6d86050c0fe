#include "util/fault.hpp"

#ifdef MIGRATE_FAULTS

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <mutex>
#include <string>
#include <thread>

#include "db/session.hpp"

namespace migrate::util::fault {

namespace {

struct Plan {
  std::string point;
  int nth = 1;
  std::string action = "kill";
};

struct State {
  std::mutex mutex;
  bool read = false;
  std::optional<Plan> plan;
  std::string trace;
  std::map<std::string, int, std::less<>> seen;
};

State& state() {
  static State s;
  return s;
}

// "POINT[@N][:ACTION]"; anything malformed is no fault (and says so, since a test relies on it).
std::optional<Plan> parse(const char* text) {
  if (!text || !*text) return std::nullopt;
  std::string s(text);
  Plan p;
  if (auto colon = s.find(':'); colon != std::string::npos) {
    p.action = s.substr(colon + 1);
    s.resize(colon);
  }
  if (auto at = s.find('@'); at != std::string::npos) {
    p.nth = std::atoi(s.c_str() + at + 1);
    s.resize(at);
  }
  p.point = s;
  if (p.point.empty() || p.nth < 1 || (p.action != "kill" && p.action != "drop")) {
    std::fprintf(stderr, "migrate: MIGRATE_FAULT=%s is not POINT[@N][:kill|:drop]; no fault injected\n", text);
    return std::nullopt;
  }
  return p;
}

void kill_now() {
  std::raise(SIGKILL);
  std::_Exit(137); // not reached
}

// Traces the point and counts it; the action when this is the planned time.
std::optional<std::string> decide(std::string_view point) {
  State& s = state();
  std::lock_guard lock(s.mutex);
  if (!s.read) {
    s.read = true;
    s.plan = parse(std::getenv("MIGRATE_FAULT"));
    if (const char* t = std::getenv("MIGRATE_FAULT_TRACE")) s.trace = t;
  }
  if (!s.trace.empty()) std::ofstream(s.trace, std::ios::app) << point << '\n';
  if (!s.plan || s.plan->point != point) return std::nullopt;
  auto it = s.seen.try_emplace(std::string(point), 0).first;
  if (++it->second != s.plan->nth) return std::nullopt;
  std::fprintf(stderr, "migrate: MIGRATE_FAULT: %s at %.*s\n", s.plan->action.c_str(), static_cast<int>(point.size()), point.data());
  return s.plan->action;
}

} // namespace

void hit(std::string_view point, db::Session* session) {
  auto action = decide(point);
  if (!action) return;
  if (*action == "drop" && session) {
    try {
      session->exec("SELECT pg_terminate_backend(pg_backend_pid())");
    } catch (...) { // the connection is gone: what the fault is for
    }
    return;
  }
  kill_now();
}

void during(std::string_view point) {
  if (!decide(point)) return;
  const char* delay = std::getenv("MIGRATE_FAULT_DELAY_MS");
  const int ms = delay ? std::atoi(delay) : 300;
  std::thread([ms] {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    kill_now();
  }).detach();
}

} // namespace migrate::util::fault

#endif
