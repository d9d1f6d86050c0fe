# docs/format.md and docs/locks.md keep up with the binary: the rule catalogue, the exit codes, the
# migrate.toml keys, the -- migrate: directives and the ledger tables' columns, each both ways where
# the binary can say what it has.
source "$(dirname "$0")/lib.sh"

format="$SOURCE_DIR/docs/format.md"
locks="$SOURCE_DIR/docs/locks.md"
for f in "$format" "$locks"; do [ -f "$f" ] || { fail "$f is missing"; finish; }; done

# section FILE HEADING: the lines of the "## HEADING" section of FILE, up to the next "## ".
section() { awk -v h="## $2" '$0 == h { on = 1; next } /^## / { on = 0 } on' "$1"; }
# first_cells: the `code` in the first cell of each table row ("| `x` | ..." gives x).
first_cells() { sed -nE 's/^\| `([^`]+)` \|.*/\1/p'; }

# The rule catalogue: every rule the binary has, with its severity, and no other.
section "$locks" "Rule catalogue" >"$SCRATCH/catalogue"
[ -s "$SCRATCH/catalogue" ] || fail "docs/locks.md has no '## Rule catalogue' section"
"$MIGRATE" lint --list-rules >"$SCRATCH/rules" || fail "migrate lint --list-rules failed"
while read -r id severity _; do
  grep -qE "^\| \`$id\` \| $severity \|" "$SCRATCH/catalogue" && pass ||
    fail "docs/locks.md: the rule catalogue lacks $id ($severity), or gives it another severity"
done <"$SCRATCH/rules"
for id in $(first_cells <"$SCRATCH/catalogue"); do
  grep -qE "^$id " "$SCRATCH/rules" && pass || fail "docs/locks.md documents the rule $id, which migrate lint --list-rules lacks"
done
# Every rule named anywhere in locks.md, in backquotes and shaped like an id, is a real one.
for id in $(grep -oE '`[a-z]+(-[a-z0-9]+)+`' "$locks" | tr -d '`' | sort -u); do
  case "$id" in lock-timeout | statement-timeout | no-transaction) continue ;; esac # directives
  grep -qE "^$id " "$SCRATCH/rules" && pass || fail "docs/locks.md names \`$id\`, which is no rule of migrate lint --list-rules"
done

# "By PostgreSQL version": the version gates of the rules that locks.md states.
fires() { # fires RULE VERSION DIR: whether lint --pg-version VERSION reports RULE on DIR's migrations
  local out
  out=$(cd "$3" && "$MIGRATE" lint --pg-version "$2" --format gcc 2>&1) # exit 1 with findings
  grep -qF "[$1]" <<<"$out"
}
mkdir -p "$SCRATCH/v12/migrations/app" "$SCRATCH/v14/migrations/app"
printf -- '-- migrate:expand\nCREATE TABLE t (id bigint PRIMARY KEY, a text, CONSTRAINT a_nn CHECK (a IS NOT NULL));\n-- migrate:rollback\nDROP TABLE t;\n' \
  >"$SCRATCH/v12/migrations/app/20250101000000_t.sql"
printf -- '-- migrate:migrate\nALTER TABLE t ALTER COLUMN a SET NOT NULL;\n-- migrate:rollback\nALTER TABLE t ALTER COLUMN a DROP NOT NULL;\n' \
  >"$SCRATCH/v12/migrations/app/20250102000000_nn.sql"
printf -- '-- migrate:contract\nALTER TABLE t DETACH PARTITION p;\n-- migrate:rollback irreversible\n' >"$SCRATCH/v14/migrations/app/20250101000000_d.sql"
grep -qF 'SET NOT NULL` skips its scan when a validated `CHECK (col IS NOT NULL)` proves it' "$locks" && pass ||
  fail "docs/locks.md no longer says what 12 changed for SET NOT NULL"
fires set-not-null-scan 11 "$SCRATCH/v12" && ! fires set-not-null-scan 12 "$SCRATCH/v12" && pass ||
  fail "docs/locks.md: SET NOT NULL proven by a validated CHECK is not a finding from 12 on, and one before"
grep -qF '`detach-partition-not-concurrent` fires only for 14 and later' "$locks" && pass ||
  fail "docs/locks.md no longer says from which version detach-partition-not-concurrent fires"
! fires detach-partition-not-concurrent 13 "$SCRATCH/v14" && fires detach-partition-not-concurrent 14 "$SCRATCH/v14" && pass ||
  fail "docs/locks.md: detach-partition-not-concurrent does not fire from 14 on only"

# Exit codes: those --help lists (and migrate(1) documents) are the rows of the table, and no others.
codes=$("$MIGRATE" --help | sed -n 's/^Exit status: //p' | grep -oE '(^|, )[0-9]+' | grep -oE '[0-9]+')
[ -n "$codes" ] || fail "migrate --help lists no exit status"
section "$format" "Exit codes" >"$SCRATCH/exit"
for code in $codes; do
  grep -qE "^\| $code \|" "$SCRATCH/exit" && pass || fail "docs/format.md: the exit code table lacks $code"
  grep -qxF ".B $code" "$SOURCE_DIR/man/migrate.1" && pass || fail "migrate(1) EXIT STATUS lacks $code"
done
for code in $(sed -nE 's/^\| ([0-9]+) \|.*/\1/p' "$SCRATCH/exit"); do
  grep -qxF "$code" <<<"$codes" && pass || fail "docs/format.md documents exit code $code, which migrate --help does not list"
done

# migrate.toml: every key of migrate.toml(5) as the binary makes it, and of config show, is in the
# configuration table ("| `[section] key` |"); every key the table documents is accepted; the table's
# defaults and environment variables are config show's.
mkdir -p "$SCRATCH/empty"
settings() { # settings [VAR=VALUE...]: config show's settings in an empty directory, as key TAB value TAB source TAB origin
  (cd "$SCRATCH/empty" && env "$@" "$MIGRATE" config show --format json) | python3 -c '
import json, sys
for s in json.load(sys.stdin)["settings"]:
    print("\t".join([s["key"], s["value"], s["source"], s["origin"]]))'
}
settings >"$SCRATCH/defaults" || fail "migrate config show --format json failed"
section "$format" "Configuration: migrate.toml" >"$SCRATCH/config_table"
first_cells <"$SCRATCH/config_table" >"$SCRATCH/keys"
[ -s "$SCRATCH/keys" ] || fail "docs/format.md has no configuration table"
"$MIGRATE" __man config | awk '
  /^\.SS \[/ { s = $0; sub(/^\.SS /, "", s); gsub(/\\fI|\\fP/, "", s); sub(/\.name\]/, ".NAME]", s); next }
  /^\.TP/ { tp = 1; next }
  tp { k = $0; sub(/^\.[BI] /, "", k); gsub(/\\-/, "-", k); gsub(/\\f[BIPR]/, "", k); sub(/ .*/, "", k); if (k == "name") k = "NAME"
    print (k ~ /^\[/ ? k : s " " k) }
  { tp = 0 }' >"$SCRATCH/man_keys"
[ "$(wc -l <"$SCRATCH/man_keys")" -ge 10 ] || fail "could not read the keys from migrate __man config: $(cat "$SCRATCH/man_keys")"
cut -f1 "$SCRATCH/defaults" | sed -E 's/^(.*)\.([^.]+)$/[\1] \2/' >>"$SCRATCH/man_keys"
while read -r key; do
  grep -qxF "$key" "$SCRATCH/keys" && pass || fail "docs/format.md: the configuration table lacks $key"
done < <(sort -u "$SCRATCH/man_keys")
mkdir -p "$SCRATCH/cfg/migrations/a"
accepted() { printf '%s\n' "$1" >"$SCRATCH/cfg/migrate.toml"; (cd "$SCRATCH/cfg" && "$MIGRATE" config show >/dev/null 2>"$SCRATCH/cfg.err"); }
while read -r key; do
  case "$key" in
  "[lint.severity]") toml=$'[lint.severity]\nprefer-text = "error"' ;;
  "[lint] disable") toml=$'[lint]\ndisable = ["prefer-text"]' ;;
  "[apps.NAME] dir") toml=$'[apps.a]\ndir = "migrations/a"' ;;
  "[apps.NAME] owns") toml=$'[apps.a]\ndir = "migrations/a"\nowns = ["public.x"]' ;;
  "[placeholders] NAME") toml=$'[placeholders]\nrole = "app"' ;;
  "[database] url") toml=$'[database]\nurl = "postgresql://localhost/x"' ;;
  "["*"] "*) # a scalar setting: its default, as config show prints it, quoted (a string) or not
    k="${key#[}"; k="${k/] /.}"
    v=$(awk -F '\t' -v k="$k" '$1 == k { print $2; found = 1 } END { exit !found }' "$SCRATCH/defaults") ||
      { fail "docs/format.md documents $key, which is no setting of migrate config show"; continue; }
    toml="[${k%%.*}]"$'\n'"${k#*.} = \"$v\""
    accepted "$toml" || toml="[${k%%.*}]"$'\n'"${k#*.} = $v" ;;
  *) fail "docs/format.md: cannot read the configuration key '$key'"; continue ;;
  esac
  if accepted "$toml"; then
    pass
  elif [ "$key" = "[placeholders] NAME" ] && grep -qF "unknown section [placeholders]" "$SCRATCH/cfg.err"; then
    echo "note: this migrate has no [placeholders] yet; docs/format.md documents them ahead of the code"
  else
    fail "docs/format.md documents $key, which migrate.toml refuses: $(cat "$SCRATCH/cfg.err")"
  fi
done <"$SCRATCH/keys"
# Rows: key, default (the first `...` of its cell, or -), and each environment variable, in order.
python3 - "$SCRATCH/config_table" >"$SCRATCH/env_rows" <<'PY' || fail "cannot read the configuration table"
import re, sys
for line in open(sys.argv[1]):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    m = re.fullmatch(r"`\[([a-z_.]+)\] ([a-z_]+)`", cells[0]) if len(cells) == 4 else None
    if m:
        default = re.match(r"`([^`]*)`", cells[1])
        print(f"{m[1]}.{m[2]}", default[1] if default else "-", *re.findall(r"`([A-Z_]+)`", cells[2]))
PY
declare -a first=() second=() both=()
while read -r key default envs; do
  value=$(awk -F '\t' -v k="$key" '$1 == k { print $2 }' "$SCRATCH/defaults")
  grep -qP "^\Q$key\E\t" "$SCRATCH/defaults" || continue # [lint], [apps.NAME], [placeholders]: no default
  if [ "$default" != - ]; then
    [ "$value" = "$default" ] && pass || fail "docs/format.md gives $key the default $default; config show says $value"
  fi
  case "$key" in database.url | database.migration_url) value="postgresql://localhost/docs" ;; esac
  [ -n "$value" ] || value=x.sql
  read -r -a vars <<<"$envs"
  [ "${#vars[@]}" -ge 1 ] || fail "docs/format.md gives $key no environment variable"
  [ "${#vars[@]}" -ge 1 ] && first+=("${vars[0]}=$value")
  [ "${#vars[@]}" -ge 2 ] && second+=("${vars[1]}=$value") && both+=("${vars[1]}=$value" "${vars[0]}=$value")
  [ "${#vars[@]}" -le 2 ] || fail "docs/format.md gives $key more than two environment variables"
done <"$SCRATCH/env_rows"
# Each variable, set (the first of a key's two in one run, the other in another), is the origin of its
# key; with both set, the first listed wins.
for run in first second both; do
  declare -n assignments=$run
  [ "${#assignments[@]}" -gt 0 ] || continue
  settings "${assignments[@]}" >"$SCRATCH/env_settings" || fail "config show failed with ${assignments[*]}"
  for i in "${!assignments[@]}"; do
    [ "$run" = both ] && [ $((i % 2)) -eq 0 ] && continue # the second of a pair, set too: not the origin
    var="${assignments[i]%%=*}"
    key=$(awk -v v="$var" '{ for (i = 3; i <= NF; i++) if ($i == v) print $1 }' "$SCRATCH/env_rows")
    grep -qP "^\Q$key\E\t.*\tenvironment\t\Q$var\E$" "$SCRATCH/env_settings" && pass ||
      fail "docs/format.md: $var does not set $key (config show: $(grep -P "^\Q$key\E\t" "$SCRATCH/env_settings"))"
  done
done

# Directives: every word the parser knows is documented as -- migrate:WORD, and every one documented
# is known (an unknown word is an input error naming it).
words=$(sed -n '/kWords = {/,/};/p' "$SOURCE_DIR/src/migration/parse.cpp" | grep -oE '"[a-z-]+"' | tr -d '"')
[ "$(wc -w <<<"$words")" -ge 10 ] || fail "could not read the directive words from src/migration/parse.cpp"
for w in $words up down; do
  grep -qE -- "-- migrate:$w\b" "$format" && pass || fail "docs/format.md lacks the directive -- migrate:$w"
done
mkdir -p "$SCRATCH/dir/migrations"
for w in $(grep -oE -- '-- migrate:[a-z][a-z-]*' "$format" | sed 's/-- migrate://' | sort -u); do
  printf -- '-- migrate:expand\n-- migrate:%s\nSELECT 1;\n-- migrate:rollback irreversible\n' "$w" >"$SCRATCH/dir/migrations/20250101000000_d.sql"
  (cd "$SCRATCH/dir" && "$MIGRATE" lint >"$SCRATCH/d.out" 2>&1)
  grep -qF "unknown directive \"$w\"" "$SCRATCH/d.out" && fail "docs/format.md documents -- migrate:$w, which the parser does not know" || pass
done

# The ledger: the tables and columns (with their types) apply creates are those of "## The ledger".
own_database docs_files
mkdir -p "$SCRATCH/led/migrations/app"
(cd "$SCRATCH/led" && "$MIGRATE" apply >/dev/null 2>"$SCRATCH/apply.err") || fail "migrate apply failed: $(cat "$SCRATCH/apply.err")"
psql -XAtq -v ON_ERROR_STOP=1 -c "SELECT table_name, column_name,
    CASE data_type WHEN 'timestamp with time zone' THEN 'timestamptz' ELSE data_type END
  FROM information_schema.columns WHERE table_schema = 'migrate' ORDER BY table_name::text COLLATE \"C\", ordinal_position" \
  -F ' ' >"$SCRATCH/db_columns" || fail "cannot read the ledger's columns"
[ -s "$SCRATCH/db_columns" ] || fail "migrate apply created no ledger tables in schema migrate"
section "$format" "The ledger" | awk '
  /^### / { t = ""; if (match($0, /`[a-z_]+`/)) t = substr($0, RSTART + 1, RLENGTH - 2); next }
  t != "" && /^\| `[a-z_]+` \|/ { split($0, c, "|"); gsub(/[ `]/, "", c[2]); gsub(/ /, "", c[3]); print t, c[2], c[3] }' |
  LC_ALL=C sort -s -k1,1 >"$SCRATCH/doc_columns"
if diff -u "$SCRATCH/db_columns" "$SCRATCH/doc_columns" >"$SCRATCH/ledger.diff"; then
  pass
else
  fail "docs/format.md's ledger tables differ from what migrate apply creates (- database, + docs):"$'\n'"$(cat "$SCRATCH/ledger.diff")"
fi
finish
