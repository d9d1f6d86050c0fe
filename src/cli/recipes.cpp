#include "cli/recipes.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "migration/backfill_bounds.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace migrate::cli {

namespace {

std::string base_name(const std::string& table) {
  auto dot = table.rfind('.');
  return dot == std::string::npos ? table : table.substr(dot + 1);
}

const std::string& need(const std::optional<std::string>& v, const char* option, const std::string& recipe, const char* example) {
  if (!v || util::trim(*v).empty()) {
    throw UsageError(fmt::format("--recipe {} needs {}", recipe, option), fmt::format("for example: {}", example));
  }
  return *v;
}

void check_name(const char* option, const std::string& value, bool qualified) {
  if (auto why = migration::backfill_name_problem(qualified ? "table" : "key", value); !why.empty()) {
    throw UsageError(fmt::format("{} {}: not {}", option, value, qualified ? "a table name ([schema.]name)" : "a column name"),
                     "letters, digits and _, not starting with a digit, as the catalog spells it");
  }
}

// The expand and migrate sections both column recipes share: the new column and the trigger that
// keeps it in step (with their rollback), the backfill of the rows already there, and its check.
std::string synced_column(const std::string& t, const std::string& column, const std::string& type, const std::string& trigger,
                          const std::string& fn, const std::string& k, const std::string& value, const std::string& check_comment,
                          const std::string& check) {
  return fmt::format(R"(-- migrate:expand
ALTER TABLE {t} ADD COLUMN {c} {type};
{trigger}
-- migrate:rollback
DROP TRIGGER IF EXISTS {fn} ON {t};
DROP FUNCTION IF EXISTS {fn}();
ALTER TABLE {t} DROP COLUMN IF EXISTS {c};

-- migrate:migrate
-- migrate:backfill table={t} key={k} batch=auto
UPDATE {t} SET {c} = {value}
 WHERE {k} > $1 AND {k} <= $2 AND {c} IS NULL;
{check_comment}
-- migrate:check
{check};
-- migrate:rollback
-- (nothing to undo: the column goes away with the expand rollback)

-- migrate:contract
)",
                     fmt::arg("t", t), fmt::arg("c", column), fmt::arg("type", type), fmt::arg("trigger", trigger), fmt::arg("fn", fn),
                     fmt::arg("k", k), fmt::arg("value", value), fmt::arg("check_comment", check_comment), fmt::arg("check", check));
}

std::string add_column(const RecipeArgs& a) {
  const char* example = "--recipe add-column --table customers --column email_verified --type boolean "
                        "--from \"coalesce(legacy_status = 'verified', false)\" --default false --replaces legacy_status";
  const std::string& type = need(a.type, "--type", a.recipe, example);
  const std::string& from = need(a.from, "--from EXPRESSION (its value, from the columns the old release writes)", a.recipe, example);
  if (a.replaces) check_name("--replaces", *a.replaces, false);
  const std::string t = a.table, c = a.column, k = a.key, b = base_name(a.table);
  const std::string fn = fmt::format("{}_{}_sync", b, c);
  const std::string trigger = fmt::format(R"(CREATE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $migrate$
DECLARE
  derived_new {type};
  derived_old {type};
BEGIN
  -- Only what the old release wrote: a row inserted without {c}, or a change to what {c} is derived
  -- from with {c} left as it was. What the new release writes to {c} is never overwritten.
  SELECT {from} INTO derived_new FROM (SELECT NEW.*) AS {b};
  IF TG_OP = 'INSERT' THEN
    IF NEW.{c} IS NULL THEN
      NEW.{c} := derived_new;
    END IF;
  ELSIF NEW.{c} IS NOT DISTINCT FROM OLD.{c} THEN
    SELECT {from} INTO derived_old FROM (SELECT OLD.*) AS {b};
    IF derived_new IS DISTINCT FROM derived_old THEN
      NEW.{c} := derived_new;
    END IF;
  END IF;
  RETURN NEW;
END
$migrate$;
CREATE TRIGGER {fn} BEFORE INSERT OR UPDATE ON {t}
  FOR EACH ROW EXECUTE FUNCTION {fn}();)",
                                          fmt::arg("fn", fn), fmt::arg("type", type), fmt::arg("c", c), fmt::arg("from", from),
                                          fmt::arg("b", b), fmt::arg("t", t));
  std::string out = fmt::format(R"(-- Recipe add-column: {t}.{c} ({type}), derived from what the old release writes:
--   {from}
-- Until contract the old release keeps writing without {c}: the trigger derives it from what that
-- release wrote, the backfill fills the rows already there, and the default (if any) comes in
-- contract: a default in expand would give the old release's new rows the default, which a backfill
-- of the NULL rows would then skip.
)",
                                fmt::arg("t", t), fmt::arg("c", c), fmt::arg("type", type), fmt::arg("from", from));
  out += synced_column(t, c, type, trigger, fn, k, from,
                       "-- No row is left without the value it can be given: the backfill reached the old rows, the trigger\n"
                       "-- the ones written since. (Runs again right before contract.)",
                       fmt::format("SELECT {} FROM {} WHERE {} IS NULL AND ({}) IS NOT NULL", k, t, c, from));
  if (a.default_) out += fmt::format("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {};\n", t, c, *a.default_);
  out += fmt::format("DROP TRIGGER {0} ON {1};\nDROP FUNCTION {0}();\n", fn, t);
  if (a.replaces) {
    out += fmt::format("ALTER TABLE {} DROP COLUMN {};\n-- migrate:rollback irreversible\n", t, *a.replaces);
  } else {
    out += "-- migrate:rollback\n" + trigger + "\n";
    if (a.default_) out += fmt::format("ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT;\n", t, c);
  }
  return out;
}

std::string set_not_null(const RecipeArgs& a) {
  const std::string t = a.table, c = a.column, b = base_name(a.table);
  const std::string k = fmt::format("{}_{}_not_null", b, c);
  return fmt::format(R"(-- Recipe set-not-null: {t}.{c} NOT NULL without scanning the table under ACCESS EXCLUSIVE. A CHECK
-- NOT VALID is added at once (new rows must already have {c}: the old release too), VALIDATE scans
-- the rows under SHARE UPDATE EXCLUSIVE (reads and writes go on), and SET NOT NULL then uses the
-- validated CHECK instead of a scan (PostgreSQL 12+). The helper CHECK has done its job and goes.
-- migrate:expand
ALTER TABLE {t} ADD CONSTRAINT {k} CHECK ({c} IS NOT NULL) NOT VALID;
-- migrate:rollback
ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {k};

-- migrate:migrate
ALTER TABLE {t} VALIDATE CONSTRAINT {k};
ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL;
ALTER TABLE {t} DROP CONSTRAINT {k};
-- migrate:rollback
ALTER TABLE {t} ALTER COLUMN {c} DROP NOT NULL;
ALTER TABLE {t} ADD CONSTRAINT {k} CHECK ({c} IS NOT NULL) NOT VALID;
)",
                     fmt::arg("t", t), fmt::arg("c", c), fmt::arg("k", k));
}

std::string add_foreign_key(const RecipeArgs& a) {
  const std::string& ref = need(a.references, "--references TABLE(COLUMN)", a.recipe,
                                "--recipe add-foreign-key --table orders --column customer_id --references \"customers(id)\"");
  const auto open = ref.find('('), close = ref.rfind(')');
  if (open == std::string::npos || close != ref.size() - 1 || close <= open + 1) {
    throw UsageError(fmt::format("--references {}: not TABLE(COLUMN)", ref), "for example: --references \"customers(id)\"");
  }
  const std::string rt(util::trim(ref.substr(0, open))), rc(util::trim(ref.substr(open + 1, close - open - 1)));
  check_name("--references", rt, true);
  check_name("--references", rc, false);
  const std::string t = a.table, c = a.column, b = base_name(a.table);
  return fmt::format(R"(-- Recipe add-foreign-key: {t}.{c} REFERENCES {rt} ({rc}). The index on {c} is built CONCURRENTLY (a
-- delete on {rt} would scan {t} without it); the key is added NOT VALID (a brief lock on both
-- tables, only new rows checked), and VALIDATE checks the old rows under SHARE UPDATE EXCLUSIVE.
-- migrate:expand
CREATE INDEX CONCURRENTLY {b}_{c}_idx ON {t} ({c});
ALTER TABLE {t} ADD CONSTRAINT {b}_{c}_fkey
  FOREIGN KEY ({c}) REFERENCES {rt} ({rc}) NOT VALID;
-- migrate:rollback
ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {b}_{c}_fkey;
DROP INDEX CONCURRENTLY IF EXISTS {b}_{c}_idx;

-- migrate:migrate
ALTER TABLE {t} VALIDATE CONSTRAINT {b}_{c}_fkey;
-- migrate:rollback
-- A validated key cannot be made NOT VALID again: it is added again as expand left it.
ALTER TABLE {t} DROP CONSTRAINT {b}_{c}_fkey;
-- migrate:allow lock-held-too-long reason="both locks are brief and each attempt is bounded by lock_timeout"
ALTER TABLE {t} ADD CONSTRAINT {b}_{c}_fkey
  FOREIGN KEY ({c}) REFERENCES {rt} ({rc}) NOT VALID;
)",
                     fmt::arg("t", t), fmt::arg("c", c), fmt::arg("b", b), fmt::arg("rt", rt), fmt::arg("rc", rc));
}

std::string add_unique(const RecipeArgs& a) {
  const std::string t = a.table, c = a.column, b = base_name(a.table);
  return fmt::format(R"(-- Recipe add-unique: UNIQUE ({c}) on {t}. The unique index is built CONCURRENTLY (writes go on);
-- ADD CONSTRAINT ... USING INDEX then renames it into the constraint: a brief ACCESS EXCLUSIVE lock,
-- no scan. Duplicates make the build fail and leave an INVALID index, which apply drops before it
-- tries again.
-- migrate:expand
CREATE UNIQUE INDEX CONCURRENTLY {b}_{c}_key ON {t} ({c});
ALTER TABLE {t} ADD CONSTRAINT {b}_{c}_key UNIQUE USING INDEX {b}_{c}_key;
-- migrate:rollback
ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {b}_{c}_key;
DROP INDEX CONCURRENTLY IF EXISTS {b}_{c}_key;
)",
                     fmt::arg("t", t), fmt::arg("c", c), fmt::arg("b", b));
}

// rename-column and change-type: a new column kept equal to the old one both ways while both
// releases run (the old release writes the old column, the new release the new one), a backfill, a
// check, and in contract the old column dropped. No RENAME: a rename breaks whichever release still
// uses the old name.
std::string copy_column(const RecipeArgs& a, bool change_type) {
  const char* example = change_type ? "--recipe change-type --table orders --column total --to total_cents --type bigint "
                                      "--using \"(total * 100)::bigint\" --back \"total_cents / 100\""
                                    : "--recipe rename-column --table customers --column full_name --to display_name --type text";
  const std::string& type = need(a.type, change_type ? "--type (the new column's type)" : "--type (the column's type)", a.recipe, example);
  const std::string& to = need(a.to, "--to NEW_COLUMN", a.recipe, example);
  check_name("--to", to, false);
  const std::string t = a.table, c = a.column, k = a.key, b = base_name(a.table);
  const std::string forward = a.using_ ? *a.using_ : change_type ? fmt::format("{}::{}", c, type) : c;
  const std::string back = a.back ? *a.back : to;
  const std::string fn = fmt::format("{}_{}_{}_sync", b, c, to);
  // The expressions read the row's columns by name: evaluated on NEW (or OLD) as a one-row table.
  const std::string trigger = fmt::format(R"(CREATE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $migrate$
BEGIN
  -- The old release writes {c}, the new release {to}: whichever one a write changed (or gave on
  -- insert) sets the other; a write that changes both is left as it is.
  IF TG_OP = 'INSERT' THEN
    IF NEW.{to} IS NULL THEN
      SELECT {forward} INTO NEW.{to} FROM (SELECT NEW.*) AS {b};
    ELSIF NEW.{c} IS NULL THEN
      SELECT {back} INTO NEW.{c} FROM (SELECT NEW.*) AS {b};
    END IF;
  ELSIF NEW.{c} IS DISTINCT FROM OLD.{c} AND NEW.{to} IS NOT DISTINCT FROM OLD.{to} THEN
    SELECT {forward} INTO NEW.{to} FROM (SELECT NEW.*) AS {b};
  ELSIF NEW.{to} IS DISTINCT FROM OLD.{to} AND NEW.{c} IS NOT DISTINCT FROM OLD.{c} THEN
    SELECT {back} INTO NEW.{c} FROM (SELECT NEW.*) AS {b};
  END IF;
  RETURN NEW;
END
$migrate$;
CREATE TRIGGER {fn} BEFORE INSERT OR UPDATE ON {t}
  FOR EACH ROW EXECUTE FUNCTION {fn}();)",
                                          fmt::arg("fn", fn), fmt::arg("c", c), fmt::arg("to", to), fmt::arg("forward", forward),
                                          fmt::arg("back", back), fmt::arg("b", b), fmt::arg("t", t));
  std::string out = fmt::format(R"(-- Recipe {recipe}: {t}.{c} becomes {t}.{to} ({type}){how}.
-- The new release reads and writes {to}; until contract the old release keeps writing {c}, and a
-- trigger keeps the two equal both ways. Contract drops {c} once no running code uses it.
)",
                                fmt::arg("recipe", a.recipe), fmt::arg("t", t), fmt::arg("c", c), fmt::arg("to", to), fmt::arg("type", type),
                                fmt::arg("how", change_type ? fmt::format(", converted by {}", forward) : std::string()));
  out += synced_column(t, to, type, trigger, fn, k, forward, "-- Both columns say the same of every row. (Runs again right before contract.)",
                       fmt::format("SELECT {} FROM {} WHERE {} IS DISTINCT FROM ({})", k, t, to, forward));
  return out + fmt::format("DROP TRIGGER {0} ON {1};\nDROP FUNCTION {0}();\nALTER TABLE {1} DROP COLUMN {2};\n-- migrate:rollback irreversible\n",
                           fn, t, c);
}

} // namespace

const std::vector<std::string>& recipe_names() {
  static const std::vector<std::string> names = {"add-column", "set-not-null", "add-foreign-key", "add-unique", "rename-column", "change-type"};
  return names;
}

std::string recipe_text(const RecipeArgs& a) {
  if (a.table.empty()) throw UsageError(fmt::format("--recipe {} needs --table", a.recipe), "for example: --table customers");
  if (a.column.empty()) throw UsageError(fmt::format("--recipe {} needs --column", a.recipe), "for example: --column email_verified");
  check_name("--table", a.table, true);
  check_name("--column", a.column, false);
  check_name("--key", a.key, false);
  if (a.recipe == "add-column") return add_column(a);
  if (a.recipe == "set-not-null") return set_not_null(a);
  if (a.recipe == "add-foreign-key") return add_foreign_key(a);
  if (a.recipe == "add-unique") return add_unique(a);
  if (a.recipe == "rename-column") return copy_column(a, false);
  if (a.recipe == "change-type") return copy_column(a, true);
  throw UsageError(fmt::format("unknown recipe \"{}\"", a.recipe), fmt::format("the recipes are {}", fmt::join(recipe_names(), ", ")));
}

} // namespace migrate::cli
