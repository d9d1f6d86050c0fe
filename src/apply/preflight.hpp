#pragma once
// Checks that belong before a run touches anything. Every backfill of the steps about to run has a
// table, a key column that is unique and has no NULLs, of a type batches can range over. A backfill
// whose check fails now, but whose table or key an earlier step of the same run creates or changes,
// is checked again when it starts (still before any batch).
#include <vector>

#include "apply/state.hpp"
#include "db/session.hpp"
#include "util/error.hpp"

namespace migrate::apply {

// The input errors of the steps, which run in this order: at each backfill directive, and at each
// CREATE INDEX CONCURRENTLY without a name (a rerun after a crash could not recognise it).
std::vector<InputError> preflight(db::Session& session, const std::vector<const StepState*>& steps);

} // namespace migrate::apply
