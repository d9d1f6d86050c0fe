// Where each step stands, and the gates, as pure functions of the files and the ledger rows.
#include "helpers.hpp"

#include "apply/backfill.hpp"
#include "apply/state.hpp"

using namespace migrate;

namespace {

const char* kThree = "-- migrate:expand\nSELECT 1;\n-- migrate:rollback\nSELECT 1;\n-- migrate:migrate\nSELECT 2;\n-- migrate:rollback\n"
                     "-- migrate:contract\nSELECT 3;\n-- migrate:rollback irreversible\n";

migration::Migration make(const std::string& version, const std::string& text = kThree) {
  return migration::parse_migration(text, "m/" + version + "_x.sql", "app", {version, "x"});
}

ledger::Entry row(const migration::Migration& m, migration::Phase phase, const std::string& status = "applied") {
  ledger::Entry e;
  e.app = "app";
  e.version = m.version;
  e.phase = std::string(migration::to_string(phase));
  e.name = m.name;
  e.checksum = m.section(phase)->checksum;
  e.status = status;
  return e;
}

std::vector<std::string> labels(const std::vector<const apply::StepState*>& steps) {
  std::vector<std::string> out;
  for (const auto* s : steps) out.push_back(s->label());
  return out;
}

} // namespace

TEST_CASE("pending steps in version and phase order, narrowed by phase and --to") {
  std::vector<migration::Migration> ms{make("9"), make("10")};
  auto st = apply::app_state("app", ms, {row(ms[0], migration::Phase::expand)});
  CHECK(labels(apply::pending_steps(st, {})) ==
        std::vector<std::string>{"9_x migrate", "9_x contract", "10_x expand", "10_x migrate", "10_x contract"});
  CHECK(labels(apply::pending_steps(st, {migration::Phase::expand, {}, {}, true})) == std::vector<std::string>{"10_x expand"});
  CHECK(labels(apply::pending_steps(st, {std::nullopt, std::string("9"), {}, true})) == std::vector<std::string>{"9_x migrate", "9_x contract"});
  // apply's default: expand and migrate, contract only when asked.
  CHECK(labels(apply::pending_steps(st, {std::nullopt, {}, {}, false})) == std::vector<std::string>{"9_x migrate", "10_x expand", "10_x migrate"});
  CHECK(labels(apply::pending_steps(st, {migration::Phase::contract, {}, {}, false})) == std::vector<std::string>{"9_x contract", "10_x contract"});
}

TEST_CASE("failed, interrupted and rolled-back steps are pending again") {
  std::vector<migration::Migration> ms{make("1")};
  auto st = apply::app_state("app", ms,
                             {row(ms[0], migration::Phase::expand, "failed"), row(ms[0], migration::Phase::migrate, "rolled_back"),
                              row(ms[0], migration::Phase::contract, "running")});
  CHECK(apply::pending_steps(st, {}).size() == 3);
  CHECK(st.steps[2].status(false) == "interrupted");
  CHECK(st.steps[2].status(true) == "running");
}

TEST_CASE("phase gate: contract needs expand and migrate, applied before or earlier in the same run") {
  std::vector<migration::Migration> ms{make("1")};
  auto st = apply::app_state("app", ms, {row(ms[0], migration::Phase::expand)});
  auto contract_only = apply::pending_steps(st, {migration::Phase::contract, {}, {}, true});
  auto refusals = apply::apply_refusals(st, contract_only, false);
  REQUIRE(refusals.size() == 1);
  CHECK(refusals[0].find("1_x contract needs 1_x migrate first") != std::string::npos);
  CHECK(apply::apply_refusals(st, apply::pending_steps(st, {}), false).empty()); // migrate then contract
}

TEST_CASE("out of order: a pending step older than an applied one of the same phase, unless allowed") {
  std::vector<migration::Migration> ms{make("1"), make("2")};
  auto st = apply::app_state("app", ms, {row(ms[1], migration::Phase::expand)});
  auto expand = apply::pending_steps(st, {migration::Phase::expand, {}, {}, true});
  REQUIRE(apply::apply_refusals(st, expand, false).size() == 1);
  CHECK(apply::apply_refusals(st, expand, false)[0].find("older than 2_x expand") != std::string::npos);
  CHECK(apply::apply_refusals(st, expand, true).empty());
  // A later phase of an older migration is the normal expand/contract rhythm, not out of order.
  auto st2 = apply::app_state("app", ms, {row(ms[0], migration::Phase::expand), row(ms[1], migration::Phase::expand)});
  CHECK(apply::apply_refusals(st2, apply::pending_steps(st2, {migration::Phase::migrate, {}, {}}), false).empty());
}

TEST_CASE("drift: an applied section whose file changed refuses every apply of the app") {
  std::vector<migration::Migration> ms{make("1")};
  auto e = row(ms[0], migration::Phase::expand);
  e.checksum = "0000";
  auto st = apply::app_state("app", ms, {e});
  CHECK(st.steps[0].drifted());
  auto refusals = apply::apply_refusals(st, {}, false);
  REQUIRE(refusals.size() == 1);
  CHECK(refusals[0].find("changed after it was applied") != std::string::npos);
}

TEST_CASE("rollback: newest first, one by default, --steps, --to, and later phases first") {
  std::vector<migration::Migration> ms{make("1"), make("2")};
  auto st = apply::app_state("app", ms,
                             {row(ms[0], migration::Phase::expand), row(ms[0], migration::Phase::migrate), row(ms[1], migration::Phase::expand)});
  CHECK(labels(apply::applied_steps(st, {})) == std::vector<std::string>{"2_x expand"});
  CHECK(labels(apply::applied_steps(st, {std::nullopt, {}, 2, true})) == std::vector<std::string>{"2_x expand", "1_x migrate"});
  CHECK(labels(apply::applied_steps(st, {std::nullopt, std::string("1"), {}, true})) == std::vector<std::string>{"2_x expand"});
  auto expand_only = apply::applied_steps(st, {migration::Phase::expand, {}, 2, true});
  CHECK(labels(expand_only) == std::vector<std::string>{"2_x expand", "1_x expand"});
  auto refusals = apply::rollback_refusals(st, expand_only);
  REQUIRE(refusals.size() == 1);
  CHECK(refusals[0].find("1_x expand cannot be rolled back while 1_x migrate is applied") != std::string::npos);
}

TEST_CASE("partially applied steps: rollback takes them, newest first, and refuses earlier phases under them") {
  std::vector<migration::Migration> ms{make("1")};
  auto migrate_row = row(ms[0], migration::Phase::migrate, "failed");
  migrate_row.statements_done = 1;
  auto st = apply::app_state("app", ms, {row(ms[0], migration::Phase::expand), migrate_row});
  CHECK(st.steps[1].partial());
  CHECK_FALSE(st.steps[1].applied());
  CHECK(labels(apply::applied_steps(st, {})) == std::vector<std::string>{"1_x migrate"});
  auto expand_only = apply::applied_steps(st, {migration::Phase::expand, {}, {}, true});
  REQUIRE(labels(expand_only) == std::vector<std::string>{"1_x expand"});
  auto refusals = apply::rollback_refusals(st, expand_only);
  REQUIRE(refusals.size() == 1);
  CHECK(refusals[0].find("1_x migrate is partially applied (failed after 1 statements)") != std::string::npos);

  // Interrupted during its backfill (no statement done, batches committed): partial too.
  auto running = row(ms[0], migration::Phase::migrate, "running");
  auto st2 = apply::app_state("app", ms, {row(ms[0], migration::Phase::expand), running});
  CHECK_FALSE(st2.steps[1].partial());
  st2.steps[1].backfilled = true;
  CHECK(st2.steps[1].partial());
  CHECK(apply::rollback_refusals(st2, {&st2.steps[0]}).at(0).find("interrupted during its backfill") != std::string::npos);

  // A failed step that committed nothing is not rolled back: there is nothing of it.
  auto st3 = apply::app_state("app", ms, {row(ms[0], migration::Phase::expand), row(ms[0], migration::Phase::migrate, "failed")});
  CHECK(labels(apply::applied_steps(st3, {})) == std::vector<std::string>{"1_x expand"});
}

TEST_CASE("a ledger status migrate does not know is refused by apply and rollback, not taken as pending") {
  std::vector<migration::Migration> ms{make("1")};
  auto st = apply::app_state("app", ms, {row(ms[0], migration::Phase::expand), row(ms[0], migration::Phase::migrate, "weird")});
  CHECK_FALSE(st.steps[1].known());
  auto refusals = apply::apply_refusals(st, apply::pending_steps(st, {}), false);
  REQUIRE_FALSE(refusals.empty());
  CHECK(refusals[0].find("the ledger row says \"weird\"") != std::string::npos);
  CHECK_FALSE(apply::rollback_refusals(st, apply::applied_steps(st, {})).empty());
}

TEST_CASE("a ledger row whose file is gone stays in the state, applied, for status and rollback") {
  std::vector<migration::Migration> ms{make("1")};
  ledger::Entry gone;
  gone.app = "app";
  gone.version = "0";
  gone.phase = "expand";
  gone.name = "old";
  gone.status = "applied";
  auto st = apply::app_state("app", ms, {gone});
  REQUIRE(st.steps.front().version == "0");
  CHECK(st.steps.front().status(false) == "file_missing");
  CHECK_FALSE(st.steps.front().pending());
}

TEST_CASE("batch=auto: aim for the target from the time per row, at most 2x a step, within bounds") {
  const util::Duration target{200};
  CHECK(apply::next_batch_size(1000, 0.1, target, 10, 100000) == 2000);   // wants 2,000: exactly 2x
  CHECK(apply::next_batch_size(1000, 0.01, target, 10, 100000) == 2000);  // wants 20,000: at most 2x
  CHECK(apply::next_batch_size(1000, 1.0, target, 10, 100000) == 500);    // wants 200: at most halved
  CHECK(apply::next_batch_size(1000, 0.25, target, 10, 100000) == 800);   // wants 800
  CHECK(apply::next_batch_size(80000, 0.001, target, 10, 100000) == 100000); // the upper bound
  CHECK(apply::next_batch_size(12, 100.0, target, 10, 100000) == 10);     // the lower bound
}
