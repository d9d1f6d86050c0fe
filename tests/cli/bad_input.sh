# Hostile and broken input (besides the malformed forms of errors.sh and config.sh): binary and empty
# files, a 50 MB file, 100,000 statements in one file, deeply nested expressions, malformed TOML,
# unreachable databases and a ledger schema named to inject SQL. Each gives its documented exit code
# and a message naming the place, never a crash or a hang, and changes nothing in the database
# unless it is valid input. Needs the PG* server.
source "$(dirname "$0")/lib.sh"
own_database bad
q() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }
q "CREATE TABLE keep (id int); INSERT INTO keep VALUES (1)"
snapshot() { pg_dump --no-owner | grep -v -E '^(--|\\(un)?restrict )'; }
snapshot >"$SCRATCH/before.sql"
unchanged() { # unchanged LABEL: the database is as it was, and no ledger was made
  snapshot >"$SCRATCH/after.sql"
  diff -q "$SCRATCH/before.sql" "$SCRATCH/after.sql" >/dev/null && pass || fail "$1 changed the database: $(diff "$SCRATCH/before.sql" "$SCRATCH/after.sql" | head -20)"
}
not_crashed() { [ "$CODE" -lt 128 ] && pass || fail "$1: exit $CODE (a crash?): $(tail -5 "$ERR")"; }
d=migrations/app

# Binary, NUL bytes, empty, latin-1: exit 2, file:line:col, nothing applied.
mkdir -p $d
head -c 4096 /dev/urandom >$d/1_random.sql
printf -- '-- migrate:expand\nSELECT 1;\x00DROP TABLE keep;\n' >$d/2_nul.sql
: >$d/3_empty.sql
printf -- '-- migrate:expand\nSELECT 1;\n\xff\xfe\n' >$d/4_bad_utf8.sql
# A file whose text would steer the terminal that shows an error quoting it.
printf -- '-- migrate:expand\nSELECT \x1b[2J\x1b]0;owned\x07 FROM x;\n' >$d/5_escape.sql
for cmd in "plan --offline" "lint" "apply"; do
  run "$MIGRATE" $cmd
  expect_code 2 "$cmd on broken files"
  not_crashed "$cmd"
  STDERR="$(tr -d '\0' <"$OUT")"$'\n'"$STDERR" # lint reports input errors with its findings, on stdout
  # apply and plan say "file:line:col: message", lint "file:line:col: error[parse-error] message".
  for e in "2_nul.sql:2:10: |not a text file (it contains a NUL byte)" "3_empty.sql:1:1: |no sections" \
           "4_bad_utf8.sql:3:1: |not valid UTF-8 (byte 0xFF)" "5_escape.sql:2:8: |"; do
    grep -qF -e "migrations/app/${e%%|*}${e#*|}" -e "migrations/app/${e%%|*}error[parse-error] ${e#*|}" <<<"$STDERR" && pass ||
      fail "$cmd: no '${e/|/}' in: $STDERR"
  done
  if grep -q $'\x1b' <<<"$STDERR"; then fail "$cmd passed an escape character of a file to the terminal"; else pass; fi
  grep -q "migrations/app/1_random.sql:[0-9]*:[0-9]*: " <<<"$STDERR" && pass || fail "$cmd: random bytes not reported: $STDERR"
done
unchanged "apply of binary files"
rm -f $d/*

# Deeply nested expressions: parsed and linted without a crash; the server refuses it (exit 3) and
# the section's transaction leaves nothing.
python3 - >$d/1_deep.sql <<'PY'
print("-- migrate:expand")
print("CREATE TABLE made_before (id int);")
print("SELECT " + "+".join(["1"] * 100000) + ";")
print("SELECT " + "(" * 5000 + "1" + ")" * 5000 + ";")
print("-- migrate:rollback")
print("DROP TABLE made_before;")
PY
run "$MIGRATE" plan --offline
not_crashed "plan of deep nesting"
run "$MIGRATE" lint
not_crashed "lint of deep nesting"
expect_code 0
run "$MIGRATE" apply --phase all
expect_code 3 "the server's stack depth"
expect_stderr "migrations/app/1_deep.sql:"
expect_stderr "nothing of it was applied"
[ "$(q "SELECT to_regclass('made_before') IS NULL")" = t ] && pass || fail "the section was half applied"
run "$MIGRATE" repair
rm -f $d/*
# Deeper than PostgreSQL's own parser goes: refused with the place, as the server would.
python3 -c 'print("-- migrate:expand\nSELECT " + "(" * 20000 + "1" + ")" * 20000 + ";")' >$d/1_deeper.sql
run "$MIGRATE" apply --phase all
expect_code 2
expect_stderr "migrations/app/1_deeper.sql:2:"
not_crashed "deeper nesting"
rm -f $d/*
q "DROP SCHEMA migrate CASCADE"
unchanged "the refused deep nesting"

# 100,000 statements in one file, and a 50 MB file: planned, linted and (the first) applied.
python3 - >$d/1_many.sql <<'PY'
print("-- migrate:expand")
print("CREATE TABLE many (id int);")
for i in range(100000):
    print(f"INSERT INTO many VALUES ({i});")
print("-- migrate:rollback")
print("DROP TABLE many;")
PY
run "$MIGRATE" lint
expect_code 0 "lint of 100,000 statements"
expect_stdout "100002 statements"
run "$MIGRATE" apply --phase all
expect_code 0 "apply of 100,000 statements"
[ "$(q "SELECT count(*) FROM many")" = 100000 ] && pass || fail "not every row of the 100,000 statements"
python3 - >$d/2_big.sql <<'PY'
line = "INSERT INTO big VALUES ('" + "x" * 1000 + "');"
print("-- migrate:expand")
print("CREATE TABLE big (t text);")
for _ in range(50 * 1024 * 1024 // (len(line) + 1)):
    print(line)
print("-- migrate:rollback")
print("DROP TABLE big;")
PY
[ "$(stat -c %s $d/2_big.sql)" -ge 52000000 ] && pass || fail "the big file is small"
run "$MIGRATE" plan --offline
expect_code 0 "plan of a 50 MB file"
expect_stdout "2_big  migrations/app/2_big.sql"
run "$MIGRATE" lint $d/2_big.sql
expect_code 0 "lint of a 50 MB file"
rm -f $d/*
q "DROP TABLE many; DROP SCHEMA migrate CASCADE"

# Malformed TOML: exit 2 with the file and line; nothing connects.
write $d/1_ok.sql $'-- migrate:expand\nCREATE TABLE ok (id int);\n-- migrate:rollback\nDROP TABLE ok;\n'
check_toml() { # check_toml TOML EXPECTED-STDERR
  printf '%s' "$1" >migrate.toml
  run "$MIGRATE" apply --phase all
  expect_code 2 "migrate.toml: $1"
  expect_stderr "$2"
  not_crashed "toml"
}
check_toml $'[defaults]\nlock_timeout = "1s"\nlock_timeout = "2s"\n' "migrate.toml:3:"
check_toml $'[defaults]\nlock_retries = "many"\n' "defaults.lock_retries"
check_toml $'[defaults\nlock_retries = 3\n' "migrate.toml:1:"
check_toml $'[apps.x]\ndir = 42\n' "migrate.toml:2:"
check_toml $'[nonsense]\nkey = 1\n' "migrate.toml:1:2: unknown section [nonsense]"
check_toml $'\xff\xfe[defaults]\n' "migrate.toml:1:"
rm migrate.toml
unchanged "malformed migrate.toml"

# Unreachable servers: exit 3 at once, naming the server and never its password.
run "$MIGRATE" apply --phase all --database "postgresql://someone:hunter2-unreachable@127.0.0.1:1/db"
expect_code 3
expect_stderr "cannot connect to postgresql://someone:***@127.0.0.1:1/db"
expect_not "hunter2-unreachable" "$OUT" "$ERR"
run "$MIGRATE" status --database "host=/nonexistent-socket-dir dbname=x password=hunter2-socket"
expect_code 3
expect_stderr "cannot connect to"
expect_not "hunter2-socket" "$OUT" "$ERR"
# A server that takes the connection and never answers: connect_timeout (10 s unless given) ends the wait.
port_file="$SCRATCH/silent.port"
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(5)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
held = []
while True:
    c, _ = s.accept(); held.append(c)
' "$port_file" &
silent=$!
for _ in $(seq 100); do [ -s "$port_file" ] && break; sleep 0.05; done
run "$MIGRATE" status --database "postgresql://someone@127.0.0.1:$(cat "$port_file")/db?sslmode=disable"
kill $silent
expect_code 3 "a server that never answers"
expect_stderr "timeout expired"
run "$MIGRATE" apply --phase all --database "postgresql://%zz@localhost/x"
not_crashed "a malformed URL"
[ "$CODE" = 2 ] || [ "$CODE" = 3 ] && pass || fail "a malformed URL: exit $CODE"

# A ledger schema named to inject SQL is an identifier like any other: quoted everywhere.
printf '[ledger]\nschema = %s\n' "'we\"ird; DROP TABLE keep; --'" >migrate.toml
run "$MIGRATE" apply --phase all
expect_code 0 "apply with a hostile ledger schema name: $STDERR"
run "$MIGRATE" status
expect_stdout "1_ok"
run "$MIGRATE" rollback
expect_code 0
[ "$(q "SELECT count(*) FROM keep")" = 1 ] && pass || fail "the table keep is gone"
[ "$(q "SELECT count(*) FROM pg_namespace WHERE nspname = 'we\"ird; DROP TABLE keep; --'")" = 1 ] && pass || fail "the ledger schema is not named as given"
finish
