# A backfill statement that misuses its bounds is refused before anything touches the database:
# lint, plan and apply exit 2 naming file:line:col for each problem of the file, and apply applies
# nothing, not even an earlier good migration that is pending. Fixed, the same files apply. Needs the
# PG* server of scripts/test.
source "$(dirname "$0")/lib.sh"
own_database bfbounds

psql -Xq -c "CREATE TABLE items (id bigint PRIMARY KEY, v int NOT NULL, v2 int);
  INSERT INTO items SELECT g, g % 7, NULL FROM generate_series(1, 500) g"
write migrations/shop/100_seen.sql '-- migrate:expand
CREATE TABLE seen (id bigint);
-- migrate:rollback
DROP TABLE seen;
'
# Line 5: $1 also in SET (column 19) and >= for the lower bound (column 31); line 8: key=a,b (column 33).
bad='-- migrate:expand
ALTER TABLE items ADD COLUMN v3 int;
-- migrate:rollback
ALTER TABLE items DROP COLUMN v3;
-- migrate:migrate
-- migrate:backfill table=items key=id batch=100
UPDATE items SET v2 = $1 WHERE id >= $1 AND id <= $2;
-- migrate:backfill table=items key=a,b
UPDATE items SET v3 = v WHERE id > $1 AND id <= $2;
-- migrate:rollback
'
write migrations/shop/200_fill.sql "$bad"
nothing_applied() { # nothing_applied WHAT
  [ "$(psql -XAtc "SELECT count(*) FROM pg_class WHERE relname = 'seen'")" = 0 ] && pass || fail "$1 applied 100_seen"
  [ "$(psql -XAtc "SELECT count(*) FROM pg_namespace WHERE nspname = 'migrate'")" = 0 ] && pass || fail "$1 made the ledger"
  [ "$(psql -XAtc "SELECT count(*) FROM items WHERE v2 IS NOT NULL")" = 0 ] && pass || fail "$1 changed rows"
}
expect_problems() { # expect_problems WHAT: every problem of the file, at its place (lint's text puts
  # error[parse-error] between the place and the message)
  local all="$STDOUT"$'\n'"$STDERR" place message
  while IFS='|' read -r place message; do
    grep -F -- "migrations/shop/200_fill.sql:$place: " <<<"$all" | grep -qF -- "$message" && pass ||
      fail "$1 does not report at $place: $message"$'\n'"--- output:"$'\n'"$all"
  done <<'EOF'
7:23|$1 appears outside the batch's bounds
7:35|the lower bound must exclude $1
8:33|backfill: key=a,b is a list
EOF
}

run "$MIGRATE" lint
expect_code 2 "lint"
expect_problems lint
run "$MIGRATE" plan --offline
expect_code 2 "plan"
expect_problems plan
run "$MIGRATE" apply --phase all
expect_code 2 "apply"
expect_problems apply
expect_stderr "nothing was applied"
nothing_applied apply
run "$MIGRATE" apply --phase all --skip-lint
expect_code 2 "apply --skip-lint"
nothing_applied "apply --skip-lint"

# Fixed, both apply, and every row is changed once.
fixed="${bad/'SET v2 = $1 WHERE id >= $1'/'SET v2 = coalesce(v2, 0) + v + 1 WHERE id > $1'}"
write migrations/shop/200_fill.sql "${fixed/key=a,b/key=id}"
run "$MIGRATE" lint
expect_code 0 "lint of the fixed file"
run "$MIGRATE" apply --phase all
expect_code 0 "apply of the fixed file"
[ "$(psql -XAtc "SELECT count(*) FROM items WHERE v2 IS DISTINCT FROM v + 1 OR v3 IS DISTINCT FROM v")" = 0 ] && pass ||
  fail "the fixed backfills did not change every row exactly once"
finish
