// migrate repair: after a human has looked, clear failed and interrupted records (the step becomes
// pending and starts from its first statement), and with --accept-checksums take changed files as
// they are now. A step that committed some of its statements is only cleared with --force: the record
// is all that says they are in the database.
#include <map>

#include <fmt/format.h>

#include "cli/workspace.hpp"
#include "util/log.hpp"
#include "util/term.hpp"

namespace migrate::cli {

namespace {

struct Options {
  bool accept_checksums = false;
  bool force = false;
  bool dry_run = false;
  bool forget_missing = false;
  RunOptions run;
};

int run_repair(const Options& o, const Globals& g) {
  // The run lock is held, so a "running" row has nobody running it: it was interrupted.
  Workspace ws = open_workspace(g, o.run.overrides(), o.dry_run ? Access::read : Access::write);
  const bool color = util::color_stdout();
  int changed = 0;
  const char* would = o.dry_run ? "would " : "";
  auto clearable = [](const apply::StepState& s) {
    return s.entry && (s.entry->status == "failed" || s.entry->status == "running" || s.forced() || !s.known());
  };
  // Versions whose backfills were cancelled, with rows done: clearing them starts those afresh, over
  // the rows they changed already; any other backfill keeps its checkpoints and resumes.
  std::map<std::pair<std::string, std::string>, std::vector<ledger::Backfill>> cancelled;
  if (ws.ledger_exists) {
    for (const auto& st : ws.states) {
      for (auto& [version, b] : ws.ledger->backfills(st.app)) {
        if (b.status == "cancelled") cancelled[{st.app, version}].push_back(std::move(b));
      }
    }
  }
  // First what cannot be cleared: then nothing is changed at all.
  std::vector<std::string> refusals;
  for (const auto& st : ws.states) {
    for (const auto& s : st.steps) {
      if (!clearable(s)) continue;
      long long rows_redone = 0;
      if (auto it = cancelled.find({st.app, s.version}); it != cancelled.end()) {
        for (const auto& b : it->second) {
          if (b.phase == s.entry->phase) rows_redone += b.rows_done;
        }
      }
      // Run lock or not, another process may be working on it (a backfill, or a run waiting for the
      // run lock after its batches).
      if (auto worker = step_worker(ws, *s.entry); !worker.empty()) {
        refusals.push_back(fmt::format("{} {} is being worked on by another process ({}): `migrate backfill cancel {}` stops a backfill",
                                       st.app, s.label(), worker, s.version));
      } else if (s.forced() && !o.force) {
        refusals.push_back(fmt::format("{} {} was rolled back with --force without being undone: cleared, apply would run it again over "
                                       "what it left in the database. Undo it by hand first, then `migrate repair --force`",
                                       st.app, s.label()));
      } else if (rows_redone > 0 && !o.force) {
        refusals.push_back(fmt::format("{} {}: its cancelled backfill had changed {} row{}; cleared, the step would run it again from the "
                                       "first key over them. `migrate rollback --phase {}` undoes them (then apply runs it afresh); "
                                       "or `migrate repair --force` if running it twice over those rows is harmless",
                                       st.app, s.label(), rows_redone, rows_redone == 1 ? "" : "s", migration::to_string(s.phase)));
      } else if (s.entry->statements_done > 0 && !o.force) {
        // Clearing the record would forget what is in the database: the next apply would start the
        // step again from its first statement, over what is there.
        refusals.push_back(fmt::format("{} {} is partially applied ({}); they stay in the database when the record is cleared. "
                                       "`migrate rollback --phase {}` undoes them (from the rollback SQL the ledger kept), `migrate "
                                       "apply` goes on after them; or undo them by hand and `migrate repair --force`",
                                       st.app, s.label(), apply::committed_statements(*s.entry), migration::to_string(s.phase)));
      }
    }
  }
  refuse(refusals, fmt::format("repair refused: {} step{} need{} a decision; nothing was changed", refusals.size(),
                               refusals.size() == 1 ? "" : "s", refusals.size() == 1 ? "s" : ""),
         "see the lines above");
  for (const auto& st : ws.states) {
    for (const auto& s : st.steps) {
      if (clearable(s)) {
        ++changed;
        fmt::print("{}clear  {} {} ({}{})\n", would, util::styled(st.app, util::Style::cyan, color), s.label(),
                   !s.known()                      ? fmt::format("status \"{}\"", s.entry->status)
                   : s.entry->status == "running" ? std::string("interrupted")
                                                  : s.entry->status,
                   s.entry->statements_done ? fmt::format(" after {} statements", s.entry->statements_done) : "");
        if (o.dry_run) continue;
        if (s.entry->statements_done > 0) {
          log::warn("{} {}: {}, and stay in the database (--force)", st.app, s.label(), apply::committed_statements(*s.entry));
        }
        if (cancelled.count({st.app, s.version})) ws.ledger->forget_backfills(*s.entry);
        ws.ledger->remove(*s.entry);
        ws.ledger->record(*s.entry, "repaired", std::nullopt,
                          fmt::format("cleared a {} record: {}", s.entry->status, s.entry->error.value_or("interrupted")));
      } else if (s.drifted() && o.accept_checksums) {
        ++changed;
        fmt::print("{}accept {} {} as the file is now\n", would, util::styled(st.app, util::Style::cyan, color), s.label());
        if (o.dry_run) continue;
        ws.ledger->accept_checksum(*s.entry, s.section->checksum, s.section->forward.text);
        ws.ledger->record(*s.entry, "checksum_accepted", std::nullopt, "was " + s.entry->checksum);
      } else if (s.drifted()) {
        log::warn("{}: {} changed after it was applied; --accept-checksums takes it as it is now", s.migration->path, s.label());
      } else if (s.file_missing() && o.forget_missing) {
        ++changed;
        fmt::print("{}forget {} {} (applied, file missing)\n", would, util::styled(st.app, util::Style::cyan, color), s.label());
        if (o.dry_run) continue;
        ws.ledger->forget_backfills(*s.entry);
        ws.ledger->remove(*s.entry);
        ws.ledger->record(*s.entry, "forgotten", std::nullopt, "repair --forget-missing: its file is gone; what it did stays in the database");
      } else if (s.file_missing()) {
        log::warn("{} {} is applied but its file is gone; --forget-missing removes it from the ledger (what it did stays in the database)",
                  st.app, s.label());
      }
    }
  }
  if (changed == 0) fmt::print("Nothing to repair.\n");
  return 0;
}

} // namespace

Command cmd_repair() {
  return {"repair", "Clear failed or interrupted records after a human has looked; accept changed files",
          [](CLI::App& sub, Globals& g) -> Runner {
            auto o = std::make_shared<Options>();
            sub.add_option("--app", g.app, "Only this app");
            sub.add_flag("--accept-checksums", o->accept_checksums, "Record the current checksum of files changed after they were applied");
            sub.add_flag("--dry-run", o->dry_run, "Show what would be repaired; change nothing");
            sub.add_flag("--force", o->force, "Clear partially applied and forced steps too (what they did stays in the database)");
            sub.add_flag("--forget-missing", o->forget_missing,
                         "Remove from the ledger applied steps whose file is gone (what they did stays in the database)");
            add_lock_wait(sub, o->run.wait);
            return [o, &g] { return run_repair(*o, g); };
          }};
}

} // namespace migrate::cli
