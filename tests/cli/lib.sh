# Sourced by every tests/cli scenario. $MIGRATE is the built binary, $SOURCE_DIR the checkout (ctest sets both).
set -uo pipefail
: "${MIGRATE:?run through ctest, or set MIGRATE=path/to/migrate}"
: "${SOURCE_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
export NO_COLOR=1 # colour is tested on purpose where it matters

SCRATCH="$(mktemp -d)"
# at_exit 'COMMAND': run when the scenario ends, the last registered first; $SCRATCH goes last.
AT_EXIT=()
at_exit() { AT_EXIT+=("$1"); }
run_at_exit() {
  local i
  for ((i = ${#AT_EXIT[@]} - 1; i >= 0; i--)); do eval "${AT_EXIT[i]}"; done
  rm -rf "$SCRATCH"
}
trap run_at_exit EXIT
cd "$SCRATCH"
FAILURES=0
CHECKS=0

fail() { printf 'FAIL: %s\n' "$*" >&2; FAILURES=$((FAILURES + 1)); }
pass() { CHECKS=$((CHECKS + 1)); }

# run CMD...: runs it, keeping stdout in $OUT, stderr in $ERR and the exit code in $CODE.
run() {
  OUT="$SCRATCH/.out"; ERR="$SCRATCH/.err"
  "$@" >"$OUT" 2>"$ERR"
  CODE=$?
  STDOUT="$(cat "$OUT")"; STDERR="$(cat "$ERR")"
}

expect_code() {
  if [ "$CODE" -eq "$1" ]; then pass; else fail "expected exit $1, got $CODE${2:+ ($2)}; stderr: $STDERR"; fi
}
expect_stdout() {
  if grep -qF -- "$1" <<<"$STDOUT"; then pass; else fail "stdout lacks: $1"$'\n'"--- stdout:"$'\n'"$STDOUT"; fi
}
expect_stderr() {
  if grep -qF -- "$1" <<<"$STDERR"; then pass; else fail "stderr lacks: $1"$'\n'"--- stderr:"$'\n'"$STDERR"; fi
}
expect_not() { # expect_not TEXT WHERE...
  local text="$1"; shift
  for f in "$@"; do
    if grep -qF -- "$text" "$f" 2>/dev/null; then fail "found '$text' in $f"; else pass; fi
  done
}

# migration FILE TEXT: writes a migration file (printf-style escapes are not interpreted).
write() { mkdir -p "$(dirname "$1")"; printf '%s' "$2" >"$1"; }

# own_database NAME: a database of the scenario's own on the PG* server of scripts/test, made the
# default (PGDATABASE) and dropped at exit; finishes with a failure when there is no server.
own_database() {
  OWN_DB="$1_$$"
  createdb "$OWN_DB" || { fail "cannot create a database (PG* not set?)"; finish; }
  at_exit 'dropdb --if-exists "$OWN_DB" >/dev/null 2>&1'
  export PGDATABASE="$OWN_DB"
  unset DATABASE_URL MIGRATE_DATABASE_URL
}

# Servers of the scenario's own, for what the shared server of scripts/test cannot be: a primary
# with a standby, TLS, a restart. PostgreSQL 15's binaries, run as the postgres user when root.
PG_BIN=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# pg_dir NAME: $SCRATCH/NAME, made and handed to the postgres user (the server's socket lives there).
pg_dir() {
  chmod 755 "$SCRATCH"
  mkdir -p "$SCRATCH/$1" && chmod 755 "$SCRATCH/$1"
  if [ "$(id -u)" = 0 ]; then chown postgres "$SCRATCH/$1"; fi
  printf '%s' "$SCRATCH/$1"
}
# server_init NAME: initdb (trust, user postgres) in $SCRATCH/NAME/data; the server is stopped at exit.
server_init() {
  local dir; dir="$(pg_dir "$1")"
  [ -x "$PG_BIN/initdb" ] || { fail "no PostgreSQL 15 server binaries in $PG_BIN"; finish; }
  as_pg "$PG_BIN/initdb" --no-sync -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1 ||
    { fail "initdb: $(tail "$dir/initdb.log")"; finish; }
  at_exit "server_stop $1"
}
# server_start NAME PORT [postgres options...]: starts it on PORT, its socket in $SCRATCH/NAME,
# no TCP unless the options say listen_addresses; waits until it accepts connections.
server_start() {
  local name="$1" port="$2" dir="$SCRATCH/$1"; shift 2
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
    -o "-k $dir -p $port -c listen_addresses='' -c fsync=off $*" start >/dev/null ||
    { fail "server $name did not start: $(tail -20 "$dir/log")"; finish; }
}
server_stop() { # server_stop NAME [MODE]
  local dir="$SCRATCH/$1"
  [ -f "$dir/data/postmaster.pid" ] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -w -m "${2:-immediate}" stop >/dev/null 2>&1
}
# free_port N: a TCP port nobody listens on, the scenario's N-th (0-9): several scenarios at once
# start from different ports, and one scenario's ports differ by N.
free_port() {
  local p
  for ((p = 20000 + ($$ % 3000) * 10 + $1; p < 65000; p += 30000 / 7)); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && [ ! -e "/tmp/.s.PGSQL.$p" ]; then
      printf '%s' "$p"
      return 0
    fi
  done
  fail "no free TCP port"; finish
}

finish() {
  if [ "$FAILURES" -gt 0 ]; then
    printf '%s: %d of %d checks failed\n' "$(basename "$0")" "$FAILURES" "$((CHECKS + FAILURES))" >&2
    exit 1
  fi
  if [ "$CHECKS" -eq 0 ]; then echo "no checks ran" >&2; exit 1; fi
  printf '%s: %d checks passed\n' "$(basename "$0")" "$CHECKS"
}
