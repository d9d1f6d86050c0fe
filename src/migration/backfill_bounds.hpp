#pragma once
// docs/format.md, -- migrate:backfill: what the parser proves before anything runs. Each batch binds $1 to its
// exclusive lower key and $2 to its inclusive upper key, so the statement covers every row exactly once
// only when its WHERE clause is a conjunction holding K > $1 and K <= $2 on the target table's key
// column K, and $1, $2 (and no other parameter) appear nowhere else.
#include <string>
#include <string_view>
#include <vector>

#include "migration/directive.hpp"
#include "migration/model.hpp"

namespace migrate::migration {

// Why the value of a backfill directive's table= ([schema.]name) or key= (one column) option is not a
// name, or "" when it is one. Names are identifiers: letters, digits, _ and $, not starting with a
// digit or $; they are used exactly as written (the catalog's spelling).
std::string backfill_name_problem(std::string_view option, std::string_view value);

// Proves the statement `st` (an UPDATE or DELETE with st.backfill set) batches by its key, and sets
// st.backfill->lower_op. `origin` is the tree location of st.sql's first byte (libpg_query's locations
// are byte offsets into the whole text it parsed, not into one statement). Returns every problem, each
// at a byte offset of st.sql; none when the statement is proven.
std::vector<FileProblem> check_backfill_statement(Statement& st, std::size_t origin);

// The statement's SQL with its lower bound made inclusive (K > $1 becomes K >= $1, $1 < K becomes
// $1 <= K): for a first batch whose lower key is the smallest key itself. Throws std::logic_error for a
// statement whose lower bound was not proven.
std::string inclusive_lower(const Statement& st);

} // namespace migrate::migration
