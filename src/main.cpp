// migrate: one binary that takes PostgreSQL schema changes from a pull request to production without
// downtime. main() only installs the signal watcher and hands over to the command table in cli/.
#include "cli/command.hpp"
#include "util/memory.hpp"
#include "util/signals.hpp"
#include "util/thread.hpp"

int main(int argc, char** argv) {
  migrate::util::tune_allocator(); // before any thread, before much is allocated
  migrate::util::signals::install(); // before any thread: SIGINT/SIGTERM are taken by a watcher thread
  // The command runs on a big stack: libpg_query recurses as deep as the SQL nests.
  return migrate::util::run_on_big_stack([&] { return migrate::cli::run(argc, argv); });
}
