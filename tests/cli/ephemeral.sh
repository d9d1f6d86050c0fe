# --database ephemeral: a throwaway server starts (as the postgres user when we are root), works, and
# leaves nothing behind: on success, on failure, on SIGINT and SIGTERM, and after kill -9 (swept).
source "$(dirname "$0")/lib.sh"

server_dir() { sed -n 's/.*ready (pid [0-9]*, \(.*\))$/\1/p' "$1"; }
server_pid() { sed -n 's/.*ready (pid \([0-9]*\), .*$/\1/p' "$1"; }
gone() { # gone PID DIR
  local i
  for i in $(seq 100); do
    if ! kill -0 "$1" 2>/dev/null && [ ! -e "$2" ]; then pass; return; fi
    sleep 0.1
  done
  fail "left behind: pid $1 alive=$(kill -0 "$1" 2>/dev/null && echo yes || echo no), dir $2 exists=$([ -e "$2" ] && echo yes || echo no)"
}
wait_ready() { # wait_ready ERRFILE
  local i
  for i in $(seq 300); do grep -q "ready (pid" "$1" 2>/dev/null && return 0; sleep 0.1; done
  fail "server never became ready: $(cat "$1")"; return 1
}

# 1. A command runs against it; the server runs as postgres when we are root.
run "$MIGRATE" ephemeral -- psql -XAtc "select current_user, current_setting('listen_addresses') = ''"
expect_code 0
expect_stdout "postgres|t"
dir=$(server_dir "$ERR"); pid=$(server_pid "$ERR")
[ -n "$dir" ] && [ -n "$pid" ] && pass || fail "no server line: $STDERR"
gone "$pid" "$dir"
if [ "$(id -u)" -eq 0 ]; then pass; else echo "note: not root; the postgres-user path is not exercised"; fi

# 2. The command's failure is passed on, and the server is still removed.
run "$MIGRATE" ephemeral -- psql -XAtc "select 1/0"
expect_code 1
gone "$(server_pid "$ERR")" "$(server_dir "$ERR")"

# interrupted SIGNAL [-- COMMAND]: start a server (waiting, or running COMMAND), send SIGNAL to
# migrate alone, expect exit 130 and nothing left behind.
interrupted() {
  local sig="$1"; shift
  "$MIGRATE" ephemeral "$@" >"$SCRATCH/url" 2>"$SCRATCH/log" &
  local m=$! code
  wait_ready "$SCRATCH/log"
  local dir pid
  dir=$(server_dir "$SCRATCH/log"); pid=$(server_pid "$SCRATCH/log")
  kill -0 "$pid" && pass || fail "$sig: server not running"
  sleep 0.3
  kill -"$sig" "$m"; wait "$m"; code=$?
  [ "$code" -eq 130 ] && pass || fail "$sig: expected exit 130, got $code"
  gone "$pid" "$dir"
}

# 3. SIGINT while it waits: it printed its URL first.
interrupted INT
grep -q '^postgresql://postgres@/postgres?host=' "$SCRATCH/url" && pass || fail "no URL printed: $(cat "$SCRATCH/url")"
# 4. SIGTERM while a command runs: the command is stopped too.
interrupted TERM -- sleep 60
interrupted INT -- sleep 60

# 5. kill -9: the server stops with us at once; the directory goes with the next start.
"$MIGRATE" ephemeral -- sleep 60 >/dev/null 2>"$SCRATCH/log3" &
m=$!
wait_ready "$SCRATCH/log3"
dir=$(server_dir "$SCRATCH/log3"); pid=$(server_pid "$SCRATCH/log3")
kill -9 "$m"; wait "$m" 2>/dev/null
pkill -f "^sleep 60$" 2>/dev/null
for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && fail "server outlived kill -9 of migrate" || pass
run "$MIGRATE" ephemeral -- true
expect_code 0
[ -e "$dir" ] && fail "stale directory $dir not swept" || pass

# 6. --database ephemeral is accepted where a database is configured, and shown as such.
run "$MIGRATE" --database ephemeral config show
expect_code 0
expect_stdout "database.url = ephemeral  # flag --database"

# 7. The server binaries: --pg-bin, MIGRATE_PG_BIN, [ephemeral] bin_dir (relative to the file), in that
# order of strength; a directory without a server is exit 3 naming it. (Other majors: tests/matrix.)
bin="$(dirname "$(command -v initdb || echo /usr/lib/postgresql/15/bin/initdb)")"
[ -x "$bin/initdb" ] || bin=/usr/lib/postgresql/15/bin
mkdir -p binconf && printf '[ephemeral]\nbin_dir = "pg/bin"\n' >binconf/migrate.toml
run env -u MIGRATE_PG_BIN bash -c "cd binconf && '$MIGRATE' ephemeral -- true"
expect_code 3 "[ephemeral] bin_dir names no server"
expect_stderr "no PostgreSQL server (initdb and postgres) in $SCRATCH/binconf/pg/bin"
run env MIGRATE_PG_BIN=/nonexistent bash -c "cd binconf && '$MIGRATE' ephemeral -- true"
expect_stderr "in /nonexistent, the directory"
run env MIGRATE_PG_BIN=/nonexistent bash -c "cd binconf && '$MIGRATE' --pg-bin '$bin' ephemeral -- psql -XAtc 'show server_version'"
expect_code 0 "--pg-bin wins over MIGRATE_PG_BIN and the file"
expect_stdout "$("$bin/postgres" --version | awk '{print $3}')"
finish
