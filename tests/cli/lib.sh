# Sourced by every tests/cli scenario. $MIGRATE is the built binary, $SOURCE_DIR the checkout (ctest sets both).
set -uo pipefail
: "${MIGRATE:?run through ctest, or set MIGRATE=path/to/migrate}"
: "${SOURCE_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
export NO_COLOR=1 # colour is tested on purpose where it matters

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
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
  trap 'dropdb --if-exists "$OWN_DB" >/dev/null 2>&1; rm -rf "$SCRATCH"' EXIT
  export PGDATABASE="$OWN_DB"
  unset DATABASE_URL MIGRATE_DATABASE_URL
}

finish() {
  if [ "$FAILURES" -gt 0 ]; then
    printf '%s: %d of %d checks failed\n' "$(basename "$0")" "$FAILURES" "$((CHECKS + FAILURES))" >&2
    exit 1
  fi
  if [ "$CHECKS" -eq 0 ]; then echo "no checks ran" >&2; exit 1; fi
  printf '%s: %d checks passed\n' "$(basename "$0")" "$CHECKS"
}
