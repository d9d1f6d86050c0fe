#pragma once
// A catalog snapshot as structured data (issue 6): every object a migration can make or change, by
// kind and name, with the properties that matter, so that two snapshots can be compared and each
// difference named in words ("index public.users_email_idx is still there").
#include <map>
#include <set>
#include <string>
#include <vector>

#include "db/session.hpp"

namespace migrate::verify {

struct Object {
  std::string kind; // schema, table, column, constraint, index, view, function, trigger, sequence, type, extension
  std::string name; // "public.users", "public.users.email", "users_email_key on public.users"
  std::map<std::string, std::string> properties; // "type" -> "text", "valid" -> "false", ...
};

struct Snapshot {
  std::map<std::string, Object> objects; // by "kind name"
};

// Everything outside PostgreSQL's own schemas and the ones in `skip` (the ledger's).
Snapshot take(db::Session& session, const std::set<std::string>& skip = {});

struct Difference {
  std::string kind;
  std::string name;
  enum class What { added, removed, changed } what;
  std::string property;            // for changed
  std::string before, after;       // for changed
  [[nodiscard]] std::string describe() const; // "index public.users_email_idx is new", ...
  // The same as a sentence about a moment: after a rollback ("index public.x is still there after
  // rolling back 200_email_idx (expand)"), or after applying a step again (`after_rollback` false).
  [[nodiscard]] std::string sentence(const std::string& when, bool after_rollback) const;
};

// What changed from `before` to `after`, in kind and name order.
std::vector<Difference> compare(const Snapshot& before, const Snapshot& after);

} // namespace migrate::verify
