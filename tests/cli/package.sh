# Installing: `cmake --install` puts the binary, the man page and the completions where each belongs,
# and `cpack -G DEB` makes a .deb with its library dependencies, whose files unpacked into a scratch
# root (dpkg-deb -x) run.
source "$(dirname "$0")/lib.sh"
BUILD="$(cd "$(dirname "$MIGRATE")" && pwd)"
version="$("$MIGRATE" --version)"

cmake --install "$BUILD" --prefix "$SCRATCH/prefix" >"$SCRATCH/install.out" 2>&1 && pass || fail "cmake --install: $(cat "$SCRATCH/install.out")"
for f in bin/migrate share/man/man1/migrate.1 share/man/man5/migrate.toml.5 share/man/man7/migrate-rules.7 \
         share/bash-completion/completions/migrate \
         share/zsh/vendor-completions/_migrate share/fish/vendor_completions.d/migrate.fish; do
  [ -e "$SCRATCH/prefix/$f" ] && pass || fail "cmake --install left out $f"
done
[ "$("$SCRATCH/prefix/bin/migrate" --version)" = "$version" ] && pass || fail "the installed binary is not this one"

(cd "$BUILD" && cpack -G DEB -B "$SCRATCH/pkg") >"$SCRATCH/cpack.out" 2>&1 && pass || fail "cpack: $(cat "$SCRATCH/cpack.out")"
deb="$(ls "$SCRATCH"/pkg/*.deb 2>/dev/null | head -1)"
[ -n "$deb" ] && pass || fail "no .deb in $SCRATCH/pkg: $(ls "$SCRATCH/pkg")"
# The name the CI examples install (ci-examples/*.yml: ./tools/migrate_<version>_amd64.deb).
number=$("$MIGRATE" --version | awk '{print $2}')
[ "$(basename "$deb")" = "migrate_${number}_amd64.deb" ] && pass || fail "the package is named $(basename "$deb"), not migrate_${number}_amd64.deb"
for f in "$SOURCE_DIR"/ci-examples/*.yml; do
  grep -q "tools/migrate_${number}_amd64.deb" "$f" && grep -q '`scripts/package`' "$f" && pass || fail "$f does not say how its .deb is made"
done
[ -x "$SOURCE_DIR/scripts/package" ] && pass || fail "scripts/package is missing"
info="$(dpkg-deb -I "$deb")"
# libpq is loaded when a command first connects (dlopen), so it is named by hand; libpqxx, fmt,
# toml++ and libstdc++ are inside the binary.
for dep in libpq5 libc6; do
  grep -q "Depends:.*$dep" <<<"$info" && pass || fail ".deb does not depend on $dep: $info"
done
grep -q "Package: migrate" <<<"$info" && pass || fail "package name: $info"
contents="$(dpkg-deb -c "$deb")"
for f in ./usr/bin/migrate ./usr/share/man/man1/migrate.1 ./usr/share/man/man7/migrate-rules.7 ./usr/share/bash-completion/completions/migrate; do
  grep -qF "$f" <<<"$contents" && pass || fail ".deb lacks $f"
done
dpkg-deb -x "$deb" "$SCRATCH/root"
[ "$("$SCRATCH/root/usr/bin/migrate" --version)" = "$version" ] && pass || fail "the packaged binary does not run"
finish
