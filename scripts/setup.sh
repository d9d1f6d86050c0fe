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
  libcli11-dev libtomlplusplus-dev libspdlog-dev libfmt-dev doctest-dev nlohmann-json3-dev
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
