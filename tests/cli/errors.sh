# Every malformed form is exit 2 with file:line:col on stderr, and every bad file is reported.
source "$(dirname "$0")/lib.sh"

d=migrations/shop
write $d/1_typo.sql $'-- migrate:expand\nSELECT 1;\n-- migrate:rolback\n'
write $d/2_order.sql $'-- migrate:contract\nSELECT 1;\n-- migrate:expand\n'
write $d/3_parse.sql $'-- migrate:expand\nCREATE TABLE t (id int,);\n'
write $d/4_backfill.sql $'-- migrate:migrate\n-- migrate:backfill table=t key=id\nUPDATE t SET a = 1;\n'
write $d/5_preamble.sql $'ALTER TABLE t ADD c int;\n-- migrate:expand\n'
printf -- '-- migrate:expand\nSELECT \xe9;\n' > $d/6_latin1.sql
write $d/06_dup.sql $'-- migrate:expand\n'
write $d/Seven.sql $'-- migrate:expand\n'
write $d/notes.txt "not SQL: ignored"

run "$MIGRATE" plan
expect_code 2
expect_stderr 'migrations/shop/1_typo.sql:3:12: unknown directive "rolback" (did you mean "rollback"?)'
expect_stderr "migrations/shop/2_order.sql:3:1: section expand after contract"
expect_stderr 'migrations/shop/3_parse.sql:2:24: syntax error at or near ")"'
expect_stderr "migrations/shop/4_backfill.sql:3:1: the backfill statement does not use \$1"
expect_stderr "migrations/shop/5_preamble.sql:1:1: text before the first section"
expect_stderr "migrations/shop/6_latin1.sql:2:8: not valid UTF-8 (byte 0xE9)"
expect_stderr "duplicate version 6 in app shop"
expect_stderr "migrations/shop/Seven.sql:1:1: bad migration file name"
expect_stderr "8 input errors; nothing was applied"
[ -z "$STDOUT" ] && pass || fail "stdout should be empty on errors"
finish
