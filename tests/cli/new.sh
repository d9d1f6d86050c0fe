# migrate new: a parseable file with the three sections and a UTC timestamp version.
source "$(dirname "$0")/lib.sh"

run "$MIGRATE" new add_email
expect_code 2
expect_stderr "no apps yet"

run "$MIGRATE" new "Add Email-Verified" --app shop
expect_code 0
file="$STDOUT"
[[ "$file" =~ ^migrations/shop/[0-9]{14}_add_email_verified\.sql$ ]] && pass || fail "unexpected file name: $file"
now=$(date -u +%Y%m%d%H)
[[ "$(basename "$file")" == "$now"* ]] && pass || fail "version is not the UTC time: $file"
for h in "-- migrate:expand" "-- migrate:migrate" "-- migrate:contract" "-- migrate:rollback"; do
  grep -qF -- "$h" "$file" && pass || fail "$file lacks $h"
done
run "$MIGRATE" plan --offline
expect_code 0
expect_stdout "shop $(basename "$file" .sql)"

# Quick succession: versions stay unique and ordered.
run "$MIGRATE" new second --app shop
second="$STDOUT"
run "$MIGRATE" new third
expect_code 0 "one app: --app is optional"
third="$STDOUT"
[[ "$file" < "$second" && "$second" < "$third" ]] && pass || fail "versions not increasing: $file $second $third"

# A newer version already there (clock skew): the new one comes after it.
write migrations/shop/99990101000000_future.sql $'-- migrate:expand\n'
run "$MIGRATE" new after --app shop
[ "$STDOUT" = "migrations/shop/99990101000001_after.sql" ] && pass || fail "expected the next version, got $STDOUT"

run "$MIGRATE" new 'bad/name' --app shop
expect_code 2
mkdir -p migrations/api
run "$MIGRATE" new x
expect_code 2
expect_stderr "which app? there are 2: api, shop"

printf '[apps.web]\ndir = "db/web"\n' > migrate.toml
run "$MIGRATE" new x --app wbe
expect_code 2
expect_stderr 'unknown app "wbe" (did you mean "web"?)'
run "$MIGRATE" new x --app web
expect_code 0
[[ "$STDOUT" == db/web/*_x.sql ]] && pass || fail "configured dir not used: $STDOUT"
finish
