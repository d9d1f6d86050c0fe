#pragma once
// lint --database: what replay cannot know, read from the real catalog: tables created outside
// migrate with their column types, constraints (validated or not), indexes, whether they are
// partitioned, their row estimates (pg_class.reltuples), and enum types.
#include "db/session.hpp"
#include "lint/catalog.hpp"

namespace migrate::lint {

Catalog read_live_catalog(db::Session& session);

// A column type as the linter spells it ("varchar(20)", "int8", "numeric(10,2)", "text[]") from
// pg_type.typname, atttypmod and whether it is an array of that element type.
std::string live_type_text(const std::string& typname, int typmod, bool array);

} // namespace migrate::lint
