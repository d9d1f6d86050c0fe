#pragma once
// Fault injection for the crash tests (compiled in with -DMIGRATE_FAULTS=ON, the default of a build
// with tests; a release build has none of it).
//
//   MIGRATE_FAULT=POINT[@N][:ACTION]   the Nth time (default the first) the run passes POINT:
//                                      kill: SIGKILL the process at once (the default);
//                                      drop: the server ends this connection (pg_terminate_backend),
//                                            so the next statement finds it gone.
//   MIGRATE_FAULT_TRACE=FILE           appends each POINT the run passes to FILE, one per line, so a
//                                      test can walk every point an uninterrupted run reaches.
//
// The points: statement-before, statement-after (each statement of a step), before-commit (a step's
// transaction, its ledger rows written, not yet committed), batch-commit (a backfill batch and its
// checkpoint, not yet committed), ledger (right after each write of a step's ledger row), cic (while
// CREATE INDEX CONCURRENTLY runs: always a kill, MIGRATE_FAULT_DELAY_MS (default 300) after it starts) and
// lock-wait (waiting for another run's ledger lock).
#include <string_view>

namespace migrate::db {
class Session;
}

namespace migrate::util::fault {

#ifdef MIGRATE_FAULTS
void hit(std::string_view point, db::Session* session = nullptr);
// For a statement that runs long on the server: the fault fires from a timer while it runs.
void during(std::string_view point);
#else
inline void hit(std::string_view, db::Session* = nullptr) {}
inline void during(std::string_view) {}
#endif

} // namespace migrate::util::fault
