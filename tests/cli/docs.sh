# The man page and the completions keep up with the command line.
source "$(dirname "$0")/lib.sh"

man="$SOURCE_DIR/man/migrate.1"
# The pages made from the code (migrate-rules(7), migrate.toml(5)) are what the code makes now.
for page in rules:migrate-rules.7 config:migrate.toml.5; do
  "$MIGRATE" __man "${page%%:*}" | diff -u "$SOURCE_DIR/man/${page#*:}" - >"$SCRATCH/man.diff" && pass ||
    fail "man/${page#*:} is stale: run scripts/man"$'\n'"$(head -20 "$SCRATCH/man.diff")"
done
for id in $("$MIGRATE" __complete rules); do
  grep -qxF ".SS ${id//-/\\-}" "$SOURCE_DIR/man/migrate-rules.7" && pass || fail "migrate-rules(7) lacks the rule $id"
done
if command -v groff >/dev/null; then
  warnings=$(groff -man -ww -z "$man" "$SOURCE_DIR/man/migrate-rules.7" "$SOURCE_DIR/man/migrate.toml.5" 2>&1)
  [ -z "$warnings" ] && pass || fail "groff -man -ww -z: $warnings"
else
  echo "note: groff is not installed; the man page syntax check is skipped"
fi

# Every --long-option of every --help appears in the man page.
helps=("")
for c in $("$MIGRATE" __complete commands); do helps+=("$c"); done
helps+=("config show")
for h in "${helps[@]}"; do
  # shellcheck disable=SC2086
  for opt in $("$MIGRATE" $h --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
    grep -qF -- "$(sed 's/-/\\-/g' <<<"$opt")" "$man" && pass || fail "man page lacks $opt (from migrate $h --help)"
  done
done

# SYNOPSIS lists every option each command takes: the lines from ".B migrate CMD" to the next ".br"
# (the global options, those of `migrate --help`, are SYNOPSIS's [global-options]).
synopsis=$(sed -n '/^\.SH SYNOPSIS/,/^\.SH /p' "$man")
global=$("$MIGRATE" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u)
for h in "${helps[@]}"; do
  [ -n "$h" ] || continue
  block=$(awk -v cmd=".B migrate $h" 'index($0, cmd) == 1 && (length($0) == length(cmd) || substr($0, length(cmd) + 1, 1) == " ") {on = 1} on {print} on && /^\.br/ {on = 0}' <<<"$synopsis")
  [ -n "$block" ] || { fail "SYNOPSIS has no line for migrate $h"; continue; }
  # shellcheck disable=SC2086
  for opt in $("$MIGRATE" $h --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
    [ "$opt" = --help ] && continue
    grep -qxF -- "$opt" <<<"$global" && continue
    grep -qF -- "$(sed 's/-/\\-/g' <<<"$opt")" <<<"$block" && pass || fail "SYNOPSIS of migrate $h lacks $opt"
  done
done

# Every command is in the man page and in all three completions.
for c in $("$MIGRATE" __complete commands); do
  grep -qE "^\.(TP|B|BR|BI).*\b$c\b|^\.B $c" "$man" && pass || fail "man page lacks command $c"
  for f in migrate.bash _migrate migrate.fish; do
    grep -qw -- "$c" "$SOURCE_DIR/completions/$f" && pass || fail "completions/$f lacks $c"
  done
done

# The bash completion, driven as bash drives it.
cp -r "$SOURCE_DIR/migrations-examples/shop/." .
bin_dir="$(dirname "$MIGRATE")"
complete_words() { # complete_words WORD... : prints COMPREPLY
  PATH="$bin_dir:$PATH" bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
    _migrate
    printf "%s\n" "${COMPREPLY[@]}"' _ "$SOURCE_DIR/completions/migrate.bash" "$@"
}
[ "$(complete_words migrate pl)" = "plan" ] && pass || fail "bash: 'migrate pl' did not complete to plan"
[ "$(complete_words migrate plan --phase con)" = "contract" ] && pass || fail "bash: --phase values"
[ "$(complete_words migrate --app dj)" = "django" ] && pass || fail "bash: app names"
[ "$(complete_words migrate config s)" = "show" ] && pass || fail "bash: config show"
complete_words migrate "" | grep -qx ephemeral && pass || fail "bash: commands listed"
complete_words migrate "" | grep -qx __complete && fail "bash: hidden command offered" || pass
finish
