# migrate plan (offline) on the example, in text and JSON, per phase and per app.
source "$(dirname "$0")/lib.sh"

# Every example folder plans cleanly.
for example in "$SOURCE_DIR"/migrations-examples/*/; do
  (cd "$example" && "$MIGRATE" plan --offline >/dev/null 2>"$SCRATCH/example.err") && pass ||
    fail "example $(basename "$example") does not plan: $(cat "$SCRATCH/example.err")"
done

cp -r "$SOURCE_DIR/migrations-examples/shop/." .
run "$MIGRATE" plan --offline
expect_code 0
expect_stdout "django 20251107120000_email_verified"
expect_stdout "expand   4 statements, each on its own (CREATE INDEX CONCURRENTLY at line 21)"
expect_stdout "check: SELECT id FROM customers WHERE email_verified IS NULL"
expect_stdout "convergence: verify counts the rows where customers.email_verified differs from what it sets"
expect_stdout "backfill customers by id, batch auto (target 200ms)"
expect_stdout "rollback: irreversible"
expect_stdout "16 steps in 8 migrations of 2 apps"

run "$MIGRATE" plan --offline --app django --phase contract --format json
expect_code 0
python3 - "$OUT" <<'PY' && pass || fail "plan --format json is not what docs/format.md says"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == 1
steps = doc["steps"]
assert [s["phase"] for s in steps] == ["contract", "contract"], steps
s = steps[0]
assert s["app"] == "django" and s["version"] == "20251107120000" and s["name"] == "email_verified"
assert s["forward"]["statements"][0]["line"] == 39, s["forward"]["statements"][0]["line"]
assert s["checks_before"] == 1, s["checks_before"]
assert s["rollback"]["kind"] == "irreversible"
PY

run "$MIGRATE" plan --offline --app djang
expect_code 2
expect_stderr 'unknown app "djang" (did you mean "django"?)'

# --offline never connects, even with a database configured.
run "$MIGRATE" plan --offline --database postgresql://x@y/z
expect_code 0
expect_stdout "Plan (offline"

# Several apps declared in migrate.toml, each with its own directory.
cat > migrate.toml <<'TOML'
[apps.django]
dir = "migrations/django"
[apps.api]
dir = "db/api"
TOML
write db/api/1_tokens.sql $'-- migrate:expand\nCREATE TABLE api_tokens (id bigint PRIMARY KEY);\n-- migrate:rollback\nDROP TABLE api_tokens;\n'
run "$MIGRATE" plan --offline
expect_code 0
expect_stdout "api 1_tokens  db/api/1_tokens.sql"
expect_stdout "13 steps in 7 migrations of 2 apps"
run "$MIGRATE" plan --offline --app api --phase expand
expect_stdout "1 step in 1 migration of 1 app"
finish
