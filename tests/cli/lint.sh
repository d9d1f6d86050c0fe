# migrate lint end to end: golden output in every format, exit codes, cross-file replay, stdin.
source "$(dirname "$0")/lib.sh"

golden="$SOURCE_DIR/tests/cli/golden"
cp -r "$SOURCE_DIR/tests/cli/lint-example/." .

# The mixed example, in each format, against the files under tests/cli/golden/ (UPDATE_GOLDEN=1 rewrites them).
for format in text json sarif github gitlab gcc; do
  run "$MIGRATE" lint --format "$format"
  expect_code 1 "lint --format $format with error findings"
  actual="$OUT"
  if [ "$format" = sarif ]; then # the tool version changes with every release
    sed -E 's/("version": ")[0-9]+\.[0-9]+\.[0-9]+(")/\1VERSION\2/' "$OUT" > "$SCRATCH/sarif.out"
    actual="$SCRATCH/sarif.out"
  fi
  if [ -n "${UPDATE_GOLDEN:-}" ]; then cp "$actual" "$golden/lint.$format"; fi
  if diff -u "$golden/lint.$format" "$actual" > "$SCRATCH/diff"; then pass; else fail "lint --format $format differs from golden:"$'\n'"$(cat "$SCRATCH/diff")"; fi
done

# GitLab Code Quality: an array, 1-based lines, fingerprints unique in the report.
run "$MIGRATE" lint --format gitlab
python3 - "$OUT" <<'PY' && pass || fail "GitLab Code Quality structure"
import json, sys
doc = json.load(open(sys.argv[1]))
assert isinstance(doc, list) and doc
prints = [d["fingerprint"] for d in doc]
assert len(prints) == len(set(prints))
for d in doc:
    assert d["severity"] in ("critical", "minor") and d["check_name"] and d["description"].startswith(d["check_name"] + ": ")
    assert d["location"]["lines"]["begin"] >= 1 and d["location"]["path"]
PY

# SARIF: every rule under tool.driver.rules, 1-based regions, fingerprints.
run "$MIGRATE" lint --format sarif
python3 - "$OUT" <<'PY' && pass || fail "SARIF structure"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == "2.1.0"
run = doc["runs"][0]
ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
assert "index-not-concurrent" in ids and "parse-error" in ids and len(ids) == len(set(ids)) >= 32
for r in run["results"]:
    region = r["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert ids[r["ruleIndex"]] == r["ruleId"]
    assert len(r["partialFingerprints"]["migrateFinding/v1"]) == 32
PY

# Exit codes: 0 clean, 0 with warnings only, 1 with an error, 2 for a parse error (in every format).
mkdir -p clean/migrations/app && cd clean
write migrations/app/1_ok.sql $'-- migrate:expand\nCREATE TABLE t (id bigint PRIMARY KEY);\n-- migrate:rollback\nDROP TABLE t;\n'
run "$MIGRATE" lint
expect_code 0 "a clean directory"
expect_stdout "0 errors, 0 warnings in 1 file (2 statements)"
write migrations/app/2_warn.sql $'-- migrate:expand\nALTER TABLE t ADD COLUMN at timestamp;\n-- migrate:rollback\nALTER TABLE t DROP COLUMN at;\n'
run "$MIGRATE" lint
expect_code 0 "warnings only"
expect_stdout "warning[prefer-timestamptz]"
write migrations/app/3_bad.sql $'-- migrate:expand\nSELEC 1;\n-- migrate:rollback\n'
for format in text json sarif github gitlab gcc; do
  run "$MIGRATE" lint --format "$format"
  expect_code 2 "a parse error, --format $format"
  expect_stdout "parse-error"
done
run "$MIGRATE" lint --format github
expect_stdout "::error file=migrations/app/3_bad.sql,line=2,col=1,title=parse-error::syntax error at or near \"SELEC\""
cd ..

# Cross-file replay: the earlier file decides. varchar widening and int -> bigint, SET NOT NULL with a
# validated CHECK on that column (and not on another), and indexes on tables created in the same file.
mkdir -p replay/migrations/app && cd replay
write migrations/app/1_create.sql $'-- migrate:expand\nCREATE TABLE t (id integer PRIMARY KEY, code varchar(20), a text, b text);\n-- migrate:rollback\nDROP TABLE t;\n'
write migrations/app/2_check.sql $'-- migrate:expand\nALTER TABLE t ADD CONSTRAINT t_a_nn CHECK (a IS NOT NULL) NOT VALID;\n-- migrate:rollback\nALTER TABLE t DROP CONSTRAINT t_a_nn;\n\n-- migrate:migrate\nALTER TABLE t VALIDATE CONSTRAINT t_a_nn;\n-- migrate:rollback\n'
write migrations/app/3_use.sql $'-- migrate:expand\n-- migrate:no-transaction\nALTER TABLE t ALTER COLUMN code TYPE varchar(200);\nALTER TABLE t ALTER COLUMN id TYPE bigint;\nALTER TABLE t ALTER COLUMN a SET NOT NULL;\nALTER TABLE t ALTER COLUMN b SET NOT NULL;\nCREATE TABLE u (id bigint);\nCREATE INDEX u_id ON u (id);\n-- migrate:rollback irreversible\n'
run "$MIGRATE" lint --format gcc migrations/app/3_use.sql
expect_code 1
[ "$(grep -c ': error: ' "$OUT")" -eq 2 ] && pass || fail "expected exactly 2 errors in 3_use.sql:"$'\n'"$STDOUT"
expect_stdout "migrations/app/3_use.sql:4:15: error: ALTER COLUMN id TYPE bigint from integer rewrites t"
expect_stdout "migrations/app/3_use.sql:6:15: error: SET NOT NULL on t.b scans the whole table"
if grep -q "1_create.sql\|2_check.sql" "$OUT"; then fail "findings of the earlier files were reported"; else pass; fi
# Without the earlier files, the same file cannot be proven safe.
mkdir -p alone && cp migrations/app/3_use.sql alone/
run "$MIGRATE" lint --format gcc alone/3_use.sql
expect_stdout 'the current type of t."code" is unknown here'
expect_stdout "SET NOT NULL on t.a scans"
cd ..

# Standard input: plain SQL as one section of --phase, with explicit BEGIN/COMMIT honoured.
printf 'BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;\nALTER TABLE t DROP COLUMN b;\n' > in.sql
run "$MIGRATE" lint --format gcc - < in.sql
expect_code 1
expect_stdout "<stdin>:2:1: error: CREATE INDEX CONCURRENTLY cannot run inside a transaction block [concurrently-in-transaction]"
expect_stdout '<stdin>:4:15: error: DROP COLUMN t."b" in the expand phase'
run "$MIGRATE" lint --format gcc --phase contract - < in.sql
if grep -q destructive-outside-contract "$OUT"; then fail "--phase contract still reports the DROP"; else pass; fi
if grep -q missing-rollback "$OUT"; then fail "missing-rollback on plain SQL"; else pass; fi

# [lint] in migrate.toml: rules switched off, severities changed, unknown rule ids refused.
mkdir -p configured/migrations/app && cd configured
write migrations/app/1_a.sql $'-- migrate:expand\nALTER TABLE t ADD COLUMN a varchar(9);\n-- migrate:rollback\n\n-- migrate:contract\nDROP INDEX i;\n-- migrate:rollback irreversible\n'
printf '[lint]\ndisable = ["prefer-text"]\n[lint.severity]\ndrop-index-not-concurrent = "warning"\n' > migrate.toml
run "$MIGRATE" lint --format gcc
expect_code 0 "the only error was lowered to a warning"
expect_stdout "warning: DROP INDEX i without CONCURRENTLY"
if grep -q prefer-text "$OUT"; then fail "a disabled rule reported"; else pass; fi
printf '[lint]\ndisable = ["prefer-txt"]\n' > migrate.toml
run "$MIGRATE" lint
expect_code 2
expect_stderr 'migrate.toml:2:12: unknown rule "prefer-txt" (did you mean "prefer-text"?)'
printf '[lint.severity]\nprefer-text = "loud"\n' > migrate.toml
run "$MIGRATE" lint
expect_code 2
expect_stderr 'lint.severity.prefer-text must be "error" or "warning"'
cd ..

# A deeply nested expression (libpg_query recurses as deep as the SQL nests): no crash.
mkdir -p deep/migrations/app
python3 -c "print('-- migrate:migrate\n-- migrate:backfill table=t key=id\nUPDATE t SET a = ' + ' + '.join(['a'] * 100000) + ' WHERE id > \$1 AND id <= \$2;\n-- migrate:rollback')" > deep/migrations/app/1_deep.sql
cd deep
run "$MIGRATE" lint --format gcc
expect_code 0 "a 100,000-term expression"
cd ..

# 100,000 statements in one transaction, each with findings: linear, not quadratic.
mkdir -p big/migrations/app
python3 -c "print('-- migrate:expand'); [print(f'ALTER TABLE t{i} ADD COLUMN c varchar(10);') for i in range(100000)]; print('-- migrate:rollback')" > big/migrations/app/1_big.sql
cd big
start=$(date +%s)
run "$MIGRATE" lint --format gcc
expect_code 1
[ $(( $(date +%s) - start )) -lt 30 ] && pass || fail "100,000 statements took $(( $(date +%s) - start )) s"
[ "$(grep -c 'prefer-text' "$OUT")" -eq 100000 ] && pass || fail "expected 100,000 prefer-text findings"
cd ..

# The rule catalogue.
run "$MIGRATE" lint --list-rules
expect_code 0
[ "$(wc -l < "$OUT")" -ge 32 ] && pass || fail "--list-rules lists $(wc -l < "$OUT") rules"
expect_stdout "index-not-concurrent             error    CREATE INDEX without CONCURRENTLY on an existing table"
run "$MIGRATE" lint --explain set-not-null-scan
expect_code 0
expect_stdout "CHECK (email IS NOT NULL) NOT VALID"
run "$MIGRATE" lint --explain set-not-nul-scan
expect_code 2
expect_stderr 'unknown rule "set-not-nul-scan" (did you mean "set-not-null-scan"?)'

# --changed-since REF: only what the branch adds or changes is reported (committed, modified or new),
# while the earlier files are still replayed (the table exists, so the new index is on an existing table).
mkdir "$SCRATCH/repo" && cd "$SCRATCH/repo"
git init -q -b main . && git config user.email t@example.com && git config user.name t
write migrations/shop/1_users.sql $'-- migrate:expand\nCREATE TABLE users (id bigint PRIMARY KEY, email varchar(20));\n-- migrate:rollback\nDROP TABLE users;\n'
git add -A && git commit -qm base && git checkout -qb feature
write migrations/shop/2_idx.sql $'-- migrate:expand\nCREATE INDEX users_email_idx ON users (email);\n-- migrate:rollback\nDROP INDEX CONCURRENTLY users_email_idx;\n'
git add -A && git commit -qm index
run "$MIGRATE" lint --changed-since main --format json
expect_code 1
python3 - "$OUT" <<'PY' && pass || fail "--changed-since reported: $STDOUT"
import json, sys
d = json.load(open(sys.argv[1]))
files = {f["file"] for f in d["findings"]}
assert files == {"migrations/shop/2_idx.sql"}, files
assert any(f["rule"] == "index-not-concurrent" for f in d["findings"]), d
PY
write migrations/shop/3_new.sql $'-- migrate:expand\nALTER TABLE users ADD COLUMN note json;\n-- migrate:rollback\nALTER TABLE users DROP COLUMN note;\n'
run "$MIGRATE" lint --changed-since main --format gcc
expect_stdout "migrations/shop/3_new.sql:2:"
expect_stdout "migrations/shop/2_idx.sql:2:"
expect_not "1_users.sql" "$OUT"
run "$MIGRATE" lint --changed-since HEAD --format gcc
expect_code 0
expect_stdout "migrations/shop/3_new.sql"
run "$MIGRATE" lint --changed-since no-such-branch
expect_code 2
expect_stderr "--changed-since no-such-branch: git knows no such commit"
finish
