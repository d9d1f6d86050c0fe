#pragma once
// Backfill convergence (the deploy window): a backfill `UPDATE t SET c = e ... WHERE <key range> AND
// <predicate>` states what every row should end up as. verify counts, over the whole table and
// ignoring the predicate, the rows where c IS DISTINCT FROM e: rows the predicate skipped, and rows
// the old release wrote after the backfill with nothing keeping them in step. It only reads, in
// key-range chunks. Where such a count cannot mean anything, it says why and is skipped.
#include <string>
#include <utility>
#include <vector>

#include "db/session.hpp"
#include "migration/model.hpp"

namespace migrate::verify {

struct ConvergencePlan {
  const migration::Statement* statement = nullptr;
  std::string table;          // the directive's table=, as written ([schema.]name)
  std::string key;            // its key=
  std::string quoted_table;   // the table as SQL names it
  std::string from;           // "customers AS customers" or "customers AS c": the table as the expressions see it
  std::string ref;            // how a column of the row is qualified: the alias, or the table's name
  std::vector<std::pair<std::string, std::string>> sets; // column (as written), expression
  std::string where_inclusive; // the statement's WHERE, lower bound inclusive: which rows it would change
  std::vector<std::string> null_tested;                 // SET columns its WHERE requires to be NULL
  std::vector<std::string> functions;                   // functions the SET expressions call
  std::string skip;           // why the count cannot mean anything; "" when it can be counted

  // "customers.email_verified" (its SET columns)
  [[nodiscard]] std::string what() const;
};

// From the statement alone (plan uses it offline).
ConvergencePlan convergence_plan(const migration::Statement& backfill);

struct ConvergenceResult {
  std::string skipped;               // why it was not counted after all (a volatile function, ...)
  long long rows = 0;                // rows that differ
  std::vector<std::string> samples;  // up to 5 of their keys
  std::string cause;                 // the likely cause, in one sentence
};

// Counts on the session (outside any transaction; each chunk is a statement of its own).
ConvergenceResult count_divergent(db::Session& session, const ConvergencePlan& plan, long long chunk = 10000);

} // namespace migrate::verify
