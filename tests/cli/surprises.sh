# What a newcomer tripped over (issue 19), each as it was met: a forced rollback put the step back to
# pending and the next apply ran it again; `rollback --to 0` was "no migration has that version"; a
# deleted file of an applied migration was not drift; --to wanted the whole version. Needs the PG* server.
source "$(dirname "$0")/lib.sh"
own_database surprises
q() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

write migrations/app/20250101000000_items.sql '-- migrate:expand
CREATE TABLE items (id int PRIMARY KEY, v int);
-- migrate:rollback
DROP TABLE items;
'
# trigger_migration CONTRACT_ROLLBACK: the trigger migration, its contract's rollback as given.
trigger_migration() {
  write migrations/app/20250202000000_trigger.sql "-- migrate:expand
CREATE FUNCTION items_touch() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN RETURN NEW; END \$\$;
CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION items_touch();
-- migrate:rollback
DROP TRIGGER items_touch ON items;
DROP FUNCTION items_touch();

-- migrate:contract
DROP TRIGGER items_touch ON items;
$1
"
}
trigger_migration "-- migrate:rollback irreversible"
run "$MIGRATE" apply --phase all
expect_code 0

# 1. rollback --force of an irreversible step: marked forced, not pending; apply refuses it (exit 5)
# rather than running DROP TRIGGER again (which failed with exit 3).
run "$MIGRATE" rollback --phase contract
expect_code 5
expect_stderr "--force marks it forced without undoing it"
run "$MIGRATE" rollback --phase contract --force
expect_code 0
expect_stdout "forced   app 20250202000000_trigger contract"
[ "$(q "SELECT status FROM migrate.ledger WHERE version = '20250202000000' AND phase = 'contract'")" = forced ] && pass || fail "ledger: $(q "TABLE migrate.ledger")"
run "$MIGRATE" apply --phase all
expect_code 5
expect_stderr "was rolled back with --force without being undone"
expect_stderr "migrate repair --force"
run "$MIGRATE" status --exit-code
expect_code 1
expect_stdout "contract forced"
expect_stdout "apply refuses it until \`migrate repair --force\`"
run "$MIGRATE" repair
expect_code 5
expect_stderr "Undo it by hand first, then \`migrate repair --force\`"
# The human undoes it (puts the trigger back), then clears it; apply runs the contract once more.
q "CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION items_touch()"
run "$MIGRATE" repair --force
expect_code 0
expect_stdout "clear  app 20250202000000_trigger contract (forced)"
run "$MIGRATE" apply --phase all
expect_code 0
expect_stdout "applied  app 20250202000000_trigger contract"
[ "$(q "SELECT count(*) FROM pg_trigger WHERE tgname = 'items_touch'")" = 0 ] && pass || fail "the trigger is still there"
[ "$(q "SELECT string_agg(action, ',' ORDER BY id) FROM migrate.events WHERE version = '20250202000000' AND phase = 'contract'")" = "applied,forced,repaired,applied" ] &&
  pass || fail "events: $(q "SELECT string_agg(action, ',' ORDER BY id) FROM migrate.events WHERE version = '20250202000000' AND phase = 'contract'")"

# 2. --to takes a unique prefix of a version; an ambiguous one is refused naming both.
run "$MIGRATE" rollback --to 2025 --dry-run
expect_code 2
expect_stderr "several versions start with it (20250101000000, 20250202000000)"
run "$MIGRATE" rollback --to 202501 --dry-run
expect_code 5
expect_stderr "20250202000000_trigger contract has an irreversible rollback"

# 3. rollback --to 0: everything of the app, stopping (exit 5, nothing done) at an irreversible step.
run "$MIGRATE" rollback --to 0
expect_code 5
expect_stderr "irreversible"
[ "$(q "SELECT count(*) FROM migrate.ledger WHERE status = 'applied'")" = 3 ] && pass || fail "something was rolled back"
trigger_migration "-- migrate:rollback
CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION items_touch();"
run "$MIGRATE" rollback --to 0
expect_code 5 "the ledger keeps the irreversible rollback it applied with"
q "UPDATE migrate.ledger SET rollback = 'present', rollback_sql = 'CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION items_touch();' WHERE phase = 'contract'"
run "$MIGRATE" rollback --to 0
expect_code 0
expect_stdout "rolled back  app 20250101000000_items expand"
[ "$(q "SELECT count(*) FROM migrate.ledger WHERE status = 'applied'")" = 0 ] && pass || fail "left applied: $(q "SELECT version, phase FROM migrate.ledger WHERE status = 'applied'")"
[ "$(q "SELECT to_regclass('items') IS NULL")" = t ] && pass || fail "items is still there"
run "$MIGRATE" rollback --to 0
expect_code 0
expect_stdout "Nothing to roll back"

# 4. A deleted file of an applied migration is drift: status --exit-code 1 and counted; apply refuses
# (exit 5) until repair --forget-missing drops it from the ledger (or the file comes back).
run "$MIGRATE" apply
expect_code 0
mv migrations/app/20250101000000_items.sql "$SCRATCH/items.sql"
run "$MIGRATE" status --exit-code
expect_code 1
expect_stdout "1 drifted"
expect_stdout "its file is gone (drift)"
run "$MIGRATE" apply --phase all
expect_code 5
expect_stderr "20250101000000_items expand is applied but its file is gone"
run "$MIGRATE" repair
expect_code 0
expect_stderr "--forget-missing removes it from the ledger"
run "$MIGRATE" repair --forget-missing --dry-run
expect_stdout "would forget app 20250101000000_items expand (applied, file missing)"
[ "$(q "SELECT count(*) FROM migrate.ledger WHERE version = '20250101000000'")" = 1 ] && pass || fail "dry run changed the ledger"
mv "$SCRATCH/items.sql" migrations/app/20250101000000_items.sql
run "$MIGRATE" status --exit-code
expect_code 1 "the contract is pending"
expect_stdout "0 drifted"
mv migrations/app/20250101000000_items.sql "$SCRATCH/items.sql"
run "$MIGRATE" repair --forget-missing
expect_code 0
expect_stdout "forget app 20250101000000_items expand (applied, file missing)"
run "$MIGRATE" apply --phase all
expect_code 0
[ "$(q "SELECT to_regclass('items') IS NOT NULL")" = t ] && pass || fail "the forgotten step's table went away"

# 5. plan called a table that was never analysed "(new table)": it is there, its size unknown; plan
# says so and gives its size on disk.
q "CREATE TABLE big (id int PRIMARY KEY, v text) WITH (autovacuum_enabled = false); INSERT INTO big SELECT g, repeat('x', 100) FROM generate_series(1, 5000) g"
write migrations/app/20250303000000_big.sql '-- migrate:expand
ALTER TABLE big ALTER COLUMN v SET NOT NULL;
-- migrate:rollback
ALTER TABLE big ALTER COLUMN v DROP NOT NULL;
'
run "$MIGRATE" plan
expect_code 0
expect_stdout "ACCESS EXCLUSIVE on big (size unknown: never analysed;"
expect_not "big (new table)" "$OUT"
run "$MIGRATE" plan --format json
python3 - "$OUT" <<'PY' && pass || fail "plan json: never_analysed"
import json, sys
steps = json.load(open(sys.argv[1]))["steps"]
lock = [l for s in steps for st in s["forward"]["statements"] for l in st.get("locks", []) if l["table"].endswith("big")][0]
assert lock["never_analysed"] is True and lock["bytes"] > 8192 and lock["rows_estimate"] is None, lock
PY
q "ANALYZE big"
run "$MIGRATE" plan
expect_stdout "ACCESS EXCLUSIVE on big (~5000 rows)"
finish
