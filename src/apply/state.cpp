#include "apply/state.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "migration/filename.hpp"

namespace migrate::apply {

using migration::Phase;

std::string StepState::label() const { return fmt::format("{}_{} {}", version, name, migration::to_string(phase)); }

bool StepState::known() const {
  if (!entry) return true;
  const auto& s = entry->status;
  return s == "running" || s == "applied" || s == "failed" || s == "rolled_back" || s == "forced";
}

bool StepState::partial() const {
  if (!entry || (entry->status != "failed" && entry->status != "running")) return false;
  return entry->statements_done > 0 || backfilled;
}

std::string StepState::status(bool runner_active) const {
  if (!entry) return "pending";
  if (!section && entry->status == "applied") return "file_missing";
  if (entry->status == "running") return runner_active ? "running" : "interrupted";
  return entry->status;
}

namespace {

bool before(const StepState& a, const StepState& b) {
  if (int c = migration::compare_versions(a.version, b.version); c != 0) return c < 0;
  return a.phase < b.phase;
}

} // namespace

AppState app_state(const std::string& app, const std::vector<migration::Migration>& migrations, std::vector<ledger::Entry> entries) {
  AppState state{app, {}};
  std::map<std::pair<std::string, std::string>, ledger::Entry> rows;
  for (auto& e : entries) rows.emplace(std::pair{e.version, e.phase}, std::move(e));
  std::size_t sections = 0;
  for (const auto& m : migrations) sections += m.app == app ? m.sections.size() : 0;
  state.steps.reserve(sections + rows.size()); // a step is large: growing the vector moved each one about
  for (const auto& m : migrations) {
    if (m.app != app) continue;
    for (const auto& s : m.sections) {
      StepState step{&m, &s, std::nullopt, m.version, m.name, s.phase};
      if (auto it = rows.find({m.version, std::string(migration::to_string(s.phase))}); it != rows.end()) {
        step.entry = std::move(it->second);
        rows.erase(it);
      }
      state.steps.push_back(std::move(step));
    }
  }
  // Rows whose file (or section) is gone: still applied in the database, so status shows them and
  // rollback can undo them from the SQL the ledger kept.
  const auto from_files = static_cast<std::ptrdiff_t>(state.steps.size());
  for (auto& [key, e] : rows) {
    StepState step{nullptr, nullptr, e, e.version, e.name, migration::phase_from(e.phase).value_or(Phase::expand)};
    state.steps.push_back(std::move(step));
  }
  // The files' steps come in order already: only the rows without one need sorting in (a stable sort
  // of the whole moved every step's ledger row about, a tenth of status with 10,000 steps). The same
  // order as a stable sort of the whole.
  const auto mid = state.steps.begin() + from_files;
  if (std::is_sorted(state.steps.begin(), mid, before)) {
    std::stable_sort(mid, state.steps.end(), before);
    std::inplace_merge(state.steps.begin(), mid, state.steps.end(), before);
  } else {
    std::stable_sort(state.steps.begin(), state.steps.end(), before);
  }
  return state;
}

std::vector<const StepState*> pending_steps(const AppState& state, const Selection& selection) {
  std::vector<const StepState*> out;
  for (const auto& s : state.steps) {
    if (!s.pending()) continue;
    if (selection.phase && s.phase != *selection.phase) continue;
    if (!selection.phase && !selection.contract && s.phase == migration::Phase::contract) continue;
    if (selection.to && migration::compare_versions(s.version, *selection.to) > 0) continue;
    out.push_back(&s);
  }
  return out;
}

std::vector<const StepState*> run_order(const std::vector<AppState>& apps, const Selection& selection) {
  std::vector<const StepState*> out;
  for (const auto& app : apps) {
    auto steps = pending_steps(app, selection);
    out.insert(out.end(), steps.begin(), steps.end());
  }
  return out;
}

std::vector<const StepState*> applied_steps(const AppState& state, const Selection& selection) {
  std::vector<const StepState*> out;
  for (auto it = state.steps.rbegin(); it != state.steps.rend(); ++it) {
    const auto& s = *it;
    if (!s.applied() && !s.partial()) continue;
    if (selection.phase && s.phase != *selection.phase) continue;
    if (selection.to && migration::compare_versions(s.version, *selection.to) <= 0) break;
    out.push_back(&s);
  }
  const int limit = selection.steps.value_or(selection.to ? static_cast<int>(out.size()) : 1);
  if (static_cast<int>(out.size()) > limit) out.resize(static_cast<std::size_t>(std::max(limit, 0)));
  return out;
}

namespace {

// Rows whose status migrate does not know (edited by hand, or a newer release): nothing is decided on them.
void unknown_statuses(const AppState& state, std::vector<std::string>& out) {
  for (const auto& s : state.steps) {
    if (s.known()) continue;
    out.push_back(fmt::format("{}: the ledger row says \"{}\", which migrate does not know; `migrate repair` after a look at it",
                              s.label(), s.entry->status));
  }
}

} // namespace

std::vector<std::string> apply_refusals(const AppState& state, const std::vector<const StepState*>& selected, bool allow_out_of_order) {
  std::vector<std::string> out;
  unknown_statuses(state, out);
  for (const auto& s : state.steps) {
    if (s.drifted()) {
      out.push_back(fmt::format("{}: {} changed after it was applied (checksum {} in the ledger, {} in the file)",
                                s.migration->path, s.label(), s.entry->checksum.substr(0, 12), s.section->checksum.substr(0, 12)));
    } else if (s.file_missing()) {
      out.push_back(fmt::format("{} {} is applied but its file is gone{}: restore the file, `migrate rollback --to` before it (from the "
                                "SQL the ledger kept), or `migrate repair --forget-missing` to drop it from the ledger (what it did stays "
                                "in the database)",
                                state.app, s.label(), s.migration ? " (the file has no such section)" : ""));
    }
  }
  for (const auto* s : selected) {
    if (s->forced()) {
      out.push_back(fmt::format("{}: {} was rolled back with --force without being undone, so what it did is still in the database; "
                                "apply will not run it again over that. Undo it by hand, then `migrate repair --force` clears it",
                                s->migration->path, s->label()));
    }
  }
  // Phase order, as if the selected steps were applied one after the other.
  std::set<const StepState*> done;
  for (const auto& s : state.steps) {
    if (s.applied()) done.insert(&s);
  }
  for (const auto* step : selected) {
    for (const auto& other : state.steps) {
      if (other.migration != step->migration || other.phase >= step->phase || done.count(&other)) continue;
      out.push_back(fmt::format("{}: {} needs {} first{}", step->migration->path, step->label(), other.label(),
                                other.entry && other.entry->status == "failed" ? " (it failed: fix it and apply again)" : ""));
    }
    if (!allow_out_of_order) {
      for (const auto& other : state.steps) {
        if (other.phase != step->phase || !other.applied() || migration::compare_versions(other.version, step->version) <= 0) continue;
        out.push_back(fmt::format("{}: {} is older than {}, which is applied already (out of order; set "
                                  "defaults.allow_out_of_order = true if that is intended)",
                                  step->migration->path, step->label(), other.label()));
        break;
      }
    }
    done.insert(step);
  }
  return out;
}

std::vector<std::string> rollback_refusals(const AppState& state, const std::vector<const StepState*>& selected) {
  std::vector<std::string> out;
  unknown_statuses(state, out);
  std::set<const StepState*> undone(selected.begin(), selected.end());
  for (const auto* step : selected) {
    for (const auto& other : state.steps) {
      if (other.version != step->version || other.phase <= step->phase || undone.count(&other)) continue;
      if (other.applied()) {
        out.push_back(fmt::format("{} cannot be rolled back while {} is applied: roll that back first", step->label(), other.label()));
      } else if (other.partial()) {
        out.push_back(fmt::format("{} cannot be rolled back while {} is partially applied ({}{}): roll that back first "
                                  "(`migrate rollback --phase {}`)",
                                  step->label(), other.label(), other.entry->status == "failed" ? "failed" : "interrupted",
                                  other.entry->statements_done > 0 ? fmt::format(" after {} statements", other.entry->statements_done)
                                                                   : std::string(" during its backfill"),
                                  migration::to_string(other.phase)));
      }
    }
  }
  return out;
}

} // namespace migrate::apply
