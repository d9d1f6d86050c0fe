# Passwords that URLs and quoting care about (issue 16): a role whose password holds ? / @ % a space,
# ' and " (and \ & = # :) connects with the percent-encoded URL and with key=value, every command works
# (apply, status, history, plan, rollback, verify --database, config show, JSON logs, metrics), and the
# password, as it is and as written, is in no output, log, metric or ledger row; nor when the password
# is wrong, the host unreachable or the URL one libpq cannot read (exit 2, saying why, quoting none of
# it). One role per character, too, by URL and by key=value. Needs the PG* server over TCP on 127.0.0.1
# with password authentication, as security.sh.
source "$(dirname "$0")/lib.sh"
own_database pw
q() { psql -XAtqw -v ON_ERROR_STOP=1 "$@"; }
port="${PGPORT:-5432}"
role="migrate_pw_$$"
secret="Pw$$ ?q/s@l%t 'sq\"dq\\bs&a=b#c:d"
roles=("$role")
trap 'dropdb --if-exists "$OWN_DB" >/dev/null 2>&1; for r in "${roles[@]}"; do dropuser --if-exists "$r" >/dev/null 2>&1; done; rm -rf "$SCRATCH"' EXIT

# The forms a password takes: in a URL every byte but the unreserved ones as %XX (libpq's rule is
# looser: pct is what a careful user writes); in key=value single-quoted, a backslash before ' and \;
# inside a JSON string, a backslash before " and \.
pct() {
  local s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in [A-Za-z0-9._~-]) out+="$c" ;; *) out+="$(printf '%%%02X' "'$c")" ;; esac
  done
  printf '%s' "$out"
}
kv_escaped() { local s="${1//\\/\\\\}"; printf '%s' "${s//\'/\\\'}"; }
json_escaped() { local s="${1//\\/\\\\}"; printf '%s' "${s//\"/\\\"}"; }
url_for() { printf 'postgresql://%s:%s@127.0.0.1:%s/%s' "$1" "$(pct "$2")" "$port" "$OWN_DB"; }
kv_for() { printf "host=127.0.0.1 port=%s dbname=%s user=%s password='%s'" "$port" "$OWN_DB" "$1" "$(kv_escaped "$2")"; }
make_role() { # make_role NAME PASSWORD [OPTIONS]: the password through a psql variable, quoted by psql
  q -v pw="$2" <<<"CREATE ROLE $1 LOGIN PASSWORD :'pw' NOSUPERUSER NOCREATEROLE ${3:-}"
}
# Every form of each password, for the final search.
forms=()
add_forms() { forms+=("$1" "$(pct "$1")" "$(kv_escaped "$1")" "$(json_escaped "$1")"); }

make_role "$role" "$secret" CREATEDB # CREATEDB: verify --database makes its scratch database there
q -c "GRANT CONNECT, CREATE ON DATABASE $OWN_DB TO $role; GRANT USAGE, CREATE ON SCHEMA public TO $role"
add_forms "$secret"
url="$(url_for "$role" "$secret")"
kv="$(kv_for "$role" "$secret")"
# The server takes the password: psql logs in with the very same URL and key=value string.
for target in "$url" "$kv"; do
  if ! env -u PGPASSWORD psql -XAtq "$target" -c "SELECT 1" >/dev/null 2>"$SCRATCH/psql.err"; then
    fail "psql cannot log in as $role over TCP with its password: $(cat "$SCRATCH/psql.err")"
    finish
  fi
done
# migrate is given only what each command gives it (the test's own psql keeps the server's PGPASSWORD).
m() { env -u PGPASSWORD "$MIGRATE" "$@"; }
outputs=()
n=0
keep() { n=$((n + 1)); cp "$OUT" "$SCRATCH/out.$n.$1"; cp "$ERR" "$SCRATCH/err.$n.$1"; outputs+=("$SCRATCH/out.$n.$1" "$SCRATCH/err.$n.$1"); }

write migrations/app/1_items.sql '-- migrate:expand
CREATE TABLE items (id bigint PRIMARY KEY, name text);
INSERT INTO items SELECT g, g::text FROM generate_series(1, 100) g;
-- migrate:rollback
DROP TABLE items;
'

# Every command, with the URL and with the key=value string.
for form in url kv; do
  target="$url"
  [ "$form" = kv ] && target="$kv"
  run m --database "$target" --log-format json -v apply --metrics-file "$SCRATCH/metrics.$form.prom"
  expect_code 0 "apply ($form)"
  keep "apply_$form"
  outputs+=("$SCRATCH/metrics.$form.prom")
  [ "$(q -c "SELECT count(*) FROM items")" = 100 ] && pass || fail "apply ($form) did not make the table"
  [ "$(q -c "SELECT string_agg(DISTINCT applied_by, ',') FROM migrate.ledger")" = "$role" ] && pass ||
    fail "applied_by ($form): $(q -c "SELECT applied_by FROM migrate.ledger")"
  for cmd in "status" "status --format json" "history" "history --format json" "plan" "plan --format json" \
    "--log-format json -v status" "config show" "config show --format json"; do
    # shellcheck disable=SC2086
    run m --database "$target" $cmd
    expect_code 0 "$cmd ($form)"
    keep "cmd_$form"
  done
  run m --database "$target" config show
  if [ "$form" = url ]; then
    expect_stdout "database.url = postgresql://$role:***@127.0.0.1:$port/$OWN_DB  # flag --database"
  else
    expect_stdout "database.url = host=127.0.0.1 port=$port dbname=$OWN_DB user=$role password=***  # flag --database"
  fi
  run m --database "$target" --log-format json -v rollback
  expect_code 0 "rollback ($form)"
  keep "rollback_$form"
  [ "$(q -c "SELECT to_regclass('public.items') IS NULL")" = t ] && pass || fail "rollback ($form) left the table"
  run m --database "$target" -v verify --format json
  expect_code 0 "verify --database ($form)"
  expect_stdout "the scratch database migrate_verify_"
  keep "verify_$form"
  # Its own scratch database is gone (other tests' verify runs may have theirs meanwhile).
  scratch=$(grep -o 'migrate_verify_[0-9a-f_]*' <<<"$STDOUT" | head -1)
  [ -n "$scratch" ] && [ "$(q -c "SELECT count(*) FROM pg_database WHERE datname = '$scratch'")" = 0 ] && pass ||
    fail "verify ($form) left its scratch database ${scratch:-?}"
done

# The URL from the environment and from migrate.toml.
run env -u PGPASSWORD DATABASE_URL="$url" "$MIGRATE" config show --format json
expect_code 0 "config show, DATABASE_URL"
expect_stdout "\"value\": \"postgresql://$role:***@127.0.0.1:$port/$OWN_DB\""
keep config_env
printf '[database]\nurl = "%s"\n' "$url" >migrate.toml
run m -v apply
expect_code 0 "apply with the URL in migrate.toml"
keep toml
run m config show
expect_stdout "database.url = postgresql://$role:***@127.0.0.1:$port/$OWN_DB  # file migrate.toml:2"
keep config_toml
rm migrate.toml

# Failures: a wrong password, an unreachable server, a string libpq cannot read.
wrong="x$secret"
add_forms "$wrong"
for target in "$(url_for "$role" "$wrong")" "$(kv_for "$role" "$wrong")"; do
  run m --database "$target" --log-format json status
  expect_code 3 "a wrong password"
  expect_stderr "password authentication failed"
  keep wrong
done
for target in "postgresql://$role:$(pct "$secret")@127.0.0.1:1/$OWN_DB" "host=127.0.0.1 port=1 user=$role password='$(kv_escaped "$secret")'"; do
  run m --database "$target" status
  expect_code 3 "an unreachable server"
  expect_stderr "cannot connect to"
  keep unreachable
done
run m --database "postgresql://$role:$(pct "$secret")@127.0.0.1:1/$OWN_DB" status
expect_stderr "cannot connect to postgresql://$role:***@127.0.0.1:1/$OWN_DB:"
# %zz is not a percent-escape: libpq stops there and would quote the whole password.
bad="postgresql://$role:$(pct "$secret")%zz@127.0.0.1:$port/$OWN_DB"
run m --database "$bad" status
expect_code 2 "a URL libpq cannot read"
expect_stderr "--database: libpq cannot read this connection string: invalid percent-encoded token"
keep unreadable
run env -u PGPASSWORD DATABASE_URL="$bad" "$MIGRATE" --log-format json config show
expect_code 2 "config show, a URL libpq cannot read"
expect_stderr "environment variable DATABASE_URL: libpq cannot read this connection string"
keep unreadable_env
printf '[database]\nurl = "%s"\n' "$bad" >migrate.toml
run m status
expect_code 2 "a URL libpq cannot read in migrate.toml"
expect_stderr "migrate.toml:2"
keep unreadable_toml
rm migrate.toml
# An unquoted password with a space in key=value: libpq stops at the word after the space.
run m --database "host=127.0.0.1 port=$port user=$role password=$(kv_escaped "$secret")" status
expect_code 2 "key=value with an unquoted space"
expect_stderr "libpq cannot read this connection string"
keep unquoted

# One role per character, by URL and by key=value; the ? also as libpq takes it, unencoded.
i=0
for c in '?' '/' '@' '%' ' ' "'" '"'; do
  i=$((i + 1))
  r="${role}_$i"
  pw="Pw$$-one${c}two"
  roles+=("$r")
  make_role "$r" "$pw" "IN ROLE $role"
  add_forms "$pw"
  targets=("$(url_for "$r" "$pw")" "$(kv_for "$r" "$pw")")
  [ "$c" = '?' ] && targets+=("postgresql://$r:$pw@127.0.0.1:$port/$OWN_DB")
  for target in "${targets[@]}"; do
    run m --database "$target" --log-format json -v status
    expect_code 0 "status as $r (password with $c): $target"
    keep "role$i"
    run m --database "$target" config show
    expect_stdout "***"
    keep "role${i}_config"
  done
done

# The ledger, as stored.
pg_dump -w -a -n migrate >"$SCRATCH/ledger.sql" && pass || fail "pg_dump of the ledger"
outputs+=("$SCRATCH/ledger.sql")
[ "$(q -c "SELECT count(*) FROM migrate.events")" -gt 0 ] && pass || fail "no events to search"
printf '%s\n' "${forms[@]}" | sort -u >"$SCRATCH/forms"
for f in "${outputs[@]}"; do
  [ -e "$f" ] || { fail "$f was not written"; continue; }
  grep -qF -f "$SCRATCH/forms" "$f" && fail "a password is in $(basename "$f"): $(grep -F -f "$SCRATCH/forms" "$f" | head -3)" || pass
done
finish
