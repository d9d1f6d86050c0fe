#include "verify/trace.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "sql/ast.hpp"
#include "sql/quote.hpp"
#include "util/error.hpp"
#include "util/log.hpp"
#include "util/text.hpp"

namespace migrate::verify {

namespace {

using Pair = std::pair<std::string, std::string>; // (oid, mode)

std::string kind_word(const std::string& relkind) {
  static const std::map<std::string, std::string> words = {
      {"r", "table"}, {"p", "table"}, {"f", "table"},    {"m", "materialized view"}, {"i", "index"},
      {"I", "index"}, {"S", "sequence"}, {"v", "view"}, {"c", "type"},              {"t", "toast table"}};
  auto it = words.find(relkind);
  return it == words.end() ? "relation" : it->second;
}

bool table_like(const std::string& kind) { return kind == "table" || kind == "materialized view"; }

// Statements sent on their own are watched this often from the second connection.
constexpr auto kPoll = std::chrono::milliseconds(1);
// The snapshot that makes a CONCURRENTLY build wait is let go once the build waits for it, and
// after this long in any case: a statement that runs longer is seen by the polling anyway.
constexpr auto kHoldAtMost = std::chrono::milliseconds(250);

} // namespace

lint::Lock lock_class(const std::string& mode) {
  if (mode == "AccessExclusiveLock") return lint::Lock::access_exclusive;
  if (mode == "ExclusiveLock" || mode == "ShareRowExclusiveLock" || mode == "ShareLock") return lint::Lock::share;
  if (mode == "ShareUpdateExclusiveLock") return lint::Lock::share_update_exclusive;
  if (mode == "RowExclusiveLock") return lint::Lock::row_exclusive;
  return lint::Lock::none;
}

std::string mode_words(const std::string& mode) {
  std::string out;
  std::string_view m = mode;
  if (m.ends_with("Lock")) m.remove_suffix(4);
  for (char c : m) {
    if (std::isupper(static_cast<unsigned char>(c)) && !out.empty()) out += ' ';
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::vector<std::string> disagreements(const Trace& trace, const std::vector<lint::Effect>& expected, bool dml) {
  std::vector<std::string> out;
  auto strongest = [](const std::vector<RelationLock>& locks, const std::string& table) {
    const RelationLock* best = nullptr;
    for (const auto& l : locks) {
      if (l.relation == table && (!best || lock_class(l.mode) > lock_class(best->mode))) best = &l;
    }
    return best;
  };
  auto has = [](const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); };
  std::set<std::string> named;
  for (const auto& e : expected) {
    if (e.lock == lint::Lock::none || !trace.existed.count(e.table)) continue; // a table it creates, or an unknown one
    named.insert(e.table);
    const RelationLock* got = strongest(trace.locks, e.table);
    const lint::Lock seen = got ? lock_class(got->mode) : lint::Lock::none;
    if (seen != e.lock) {
      // A mode its transaction holds already is not taken again, so it does not show.
      const bool held = std::any_of(trace.held.begin(), trace.held.end(),
                                    [&](const RelationLock& l) { return l.relation == e.table && lock_class(l.mode) == e.lock; });
      if (!(seen < e.lock && held)) {
        out.push_back(fmt::format("the linter expects {} on {}; the server took {}", lint::to_string(e.lock), e.table,
                                  got && seen != lint::Lock::none ? mode_words(got->mode) : "no lock that blocks writes"));
      }
    }
    const bool rewritten = has(trace.rewrites, e.table);
    if (e.rewrite && !rewritten) out.push_back(fmt::format("the linter expects a rewrite of {}; its file did not change", e.table));
    if (!trace.scans || dml || rewritten || e.rewrite) continue;
    const bool scanned = has(*trace.scans, e.table);
    // A scan is expected of the table the statement changes; whether a referenced table is read whole
    // is the planner's choice.
    if (e.scan && !scanned && e.table == expected.front().table) {
      out.push_back(fmt::format("the linter expects a scan of {}; the server did not read it whole", e.table));
    }
    if (!e.scan && scanned) out.push_back(fmt::format("the server read all of {}; the linter does not expect a scan", e.table));
  }
  std::set<std::string> reported;
  for (const auto& l : trace.locks) {
    if (!table_like(l.kind) || named.count(l.relation) || lock_class(l.mode) < lint::Lock::row_exclusive) continue;
    const RelationLock* got = strongest(trace.locks, l.relation);
    if (!reported.insert(l.relation).second) continue;
    out.push_back(fmt::format("the server took {} on {}; the linter expects no lock there", mode_words(got->mode), l.relation));
  }
  for (const auto& t : trace.rewrites) {
    const bool expected_rewrite = std::any_of(expected.begin(), expected.end(), [&](const lint::Effect& e) { return e.table == t && e.rewrite; });
    if (!expected_rewrite) out.push_back(fmt::format("the server rewrote {}; the linter does not expect it", t));
  }
  return out;
}

struct Tracer::Observer {
  std::unique_ptr<db::Session> session;
  std::thread thread;
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::set<Pair> seen;
  bool holding = false; // the snapshot's transaction is open
  std::string error;
};

Tracer::Tracer(db::Session& session, std::function<std::unique_ptr<db::Session>()> connect, std::set<std::string> skip_schemas)
    : session_(session), connect_(std::move(connect)), skip_(sql::text_array_literal(skip_schemas)) {}

Tracer::~Tracer() {
  try {
    end_watch();
  } catch (...) {
  }
}

Tracer::Relations Tracer::relations(db::Session& s) const {
  auto r = s.query("SELECT c.oid::text, n.nspname || '.' || c.relname, format('%I.%I', n.nspname, c.relname), c.relkind::text, c.relfilenode::text, "
                   "coalesce(pg_stat_get_xact_numscans(c.oid), 0)::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                   "WHERE c.oid >= 16384 AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%' "
                   "AND NOT (n.nspname = ANY ($1::text[]))",
                   {skip_});
  Relations out;
  for (const auto& row : r.rows) {
    out[*row[0]] = {row[1].value_or(""), row[2].value_or(""), row[3].value_or(""), row[4].value_or(""),
                    std::stoll(row[5].value_or("0"))};
  }
  return out;
}

std::vector<Pair> Tracer::own_locks() const {
  auto r = session_.query("SELECT relation::text, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' "
                          "AND granted AND relation >= 16384::oid");
  std::vector<Pair> out;
  for (const auto& row : r.rows) out.emplace_back(row[0].value_or(""), row[1].value_or(""));
  return out;
}

void Tracer::begin_watch() {
  end_watch();
  if (!observer_) {
    observer_ = std::make_unique<Observer>();
    observer_->session = connect_();
  }
  Observer& o = *observer_;
  o.stop = false;
  o.seen.clear();
  o.error.clear();
  // A snapshot older than the statement: a CONCURRENTLY build waits for it before it finishes, and
  // while it waits its locks are there to be seen.
  // An ACCESS SHARE lock on every table does the same for DROP INDEX CONCURRENTLY, which waits for
  // the transactions that hold any lock on its table.
  o.session->exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
  o.holding = true;
  o.session->exec("SELECT 1");
  std::string tables;
  for (const auto& [oid, r] : before_) {
    if (r.relkind == "r" || r.relkind == "p") tables += std::string(tables.empty() ? "" : ", ") + "ONLY " + r.quoted;
  }
  if (!tables.empty()) o.session->exec("LOCK TABLE " + tables + " IN ACCESS SHARE MODE");
  const std::string pid = std::to_string(session_.backend_pid());
  o.thread = std::thread([&o, pid] {
    const auto started = std::chrono::steady_clock::now();
    try {
      while (!o.stop) {
        auto r = o.session->query("SELECT relation::text, mode, granted::text, (locktype = 'relation' AND relation >= 16384::oid)::text "
                                  "FROM pg_locks WHERE pid = $1::int AND (NOT granted OR (locktype = 'relation' AND relation >= 16384::oid))",
                                  {pid});
        bool waiting = false;
        {
          std::lock_guard lock(o.mutex);
          for (const auto& row : r.rows) {
            if (row[2] == "false") waiting = true;
            // A lock it waits for is one it takes (VACUUM FULL, DROP INDEX CONCURRENTLY wait for the
            // snapshot's ACCESS SHARE): once granted it may be held for less than a poll.
            if (row[3] == "true") o.seen.emplace(row[0].value_or(""), row[1].value_or(""));
          }
        }
        if (o.holding && (waiting || std::chrono::steady_clock::now() - started > kHoldAtMost)) {
          o.session->exec("COMMIT");
          o.holding = false;
        }
        std::this_thread::sleep_for(kPoll);
      }
    } catch (const std::exception& e) {
      std::lock_guard lock(o.mutex);
      o.error = e.what();
    }
  });
}

std::vector<Pair> Tracer::end_watch() {
  if (!observer_ || !observer_->thread.joinable()) return {};
  Observer& o = *observer_;
  o.stop = true;
  o.thread.join();
  if (o.holding) {
    o.session->exec("COMMIT");
    o.holding = false;
  }
  if (!o.error.empty()) throw DatabaseError("watching the statement from a second connection: " + o.error);
  return {o.seen.begin(), o.seen.end()};
}

void Tracer::watch(const migration::Statement& statement, bool in_transaction, apply::Item::Stage stage) {
  if (!on) return;
  Trace& t = traces[&statement];
  try {
    if (stage == apply::Item::Stage::before) {
      t = Trace{};
      t.in_transaction = in_transaction;
      before_ = relations(session_);
      for (const auto& [oid, r] : before_) t.existed.insert(r.name);
      held_.clear();
      if (in_transaction) held_ = own_locks();
      else begin_watch();
      return;
    }
    if (stage == apply::Item::Stage::failed) {
      if (!in_transaction) end_watch();
      t.error = "the statement failed";
      return;
    }
    const std::vector<Pair> taken = in_transaction ? own_locks() : end_watch();
    const Relations now = relations(session_);
    for (const auto& [oid, mode] : taken) {
      auto it = before_.find(oid);
      if (it == before_.end()) continue; // made by the statement
      const bool earlier = std::find(held_.begin(), held_.end(), Pair{oid, mode}) != held_.end();
      (earlier ? t.held : t.locks).push_back({it->second.name, kind_word(it->second.relkind), mode});
    }
    if (in_transaction) t.scans.emplace();
    for (const auto& [oid, was] : before_) {
      auto it = now.find(oid);
      if (it == now.end() || !table_like(kind_word(was.relkind))) continue; // dropped
      if (it->second.filenode != was.filenode) t.rewrites.push_back(was.name);
      if (t.scans && it->second.scans > was.scans) t.scans->push_back(was.name);
    }
    auto by_name = [](const RelationLock& a, const RelationLock& b) { return std::tie(a.relation, a.mode) < std::tie(b.relation, b.mode); };
    std::sort(t.locks.begin(), t.locks.end(), by_name);
    std::sort(t.held.begin(), t.held.end(), by_name);
  } catch (const std::exception& e) {
    t.error = util::one_line(e.what(), 300);
    log::debug("lock trace of {}: {}", statement.where.str(), e.what());
  }
}

} // namespace migrate::verify
