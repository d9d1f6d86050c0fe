# Only regular files are read. A FIFO, a socket, a device, a directory, a symbolic link loop, a
# dangling link or an unreadable file named *.sql in a migrations directory is an input error (exit
# 2) naming it, found without opening it (a FIFO never hangs a command), all of them in one run; a
# symbolic link to a regular file is read like one. The same for paths given to lint, configuration
# files and verify's seed. Needs the PG* server (apply and status).
source "$(dirname "$0")/lib.sh"
own_database filetypes
d=migrations/app
write $d/1_good.sql '-- migrate:expand
CREATE TABLE good (id int);
-- migrate:rollback
DROP TABLE good;
'
write elsewhere/2_linked.sql '-- migrate:expand
CREATE TABLE linked (id int);
-- migrate:rollback
DROP TABLE linked;
'
ln -s ../../elsewhere/2_linked.sql $d/2_linked.sql
mkfifo $d/3_fifo.sql
# A FIFO alone: no command opens it, so none hangs (a writer is never coming).
for cmd in lint "plan --offline" plan apply status; do
  run timeout -k 1 10 "$MIGRATE" $cmd
  expect_code 2 "$cmd with a FIFO named *.sql"
  grep -F "$d/3_fifo.sql" "$OUT" "$ERR" | grep -qF "a FIFO (named pipe), not a regular file" && pass || fail "$cmd: the FIFO not named: $STDOUT $STDERR"
done
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' $d/4_socket.sql
ln -s /dev/null $d/5_device.sql
mkdir $d/6_dir.sql
ln -s 7_loop.sql $d/7_loop.sql
ln -s nowhere.sql $d/8_dangling.sql
bad=("3_fifo.sql|a FIFO (named pipe), not a regular file" "4_socket.sql|a socket, not a regular file"
     "5_device.sql|a character device, not a regular file" "6_dir.sql|a directory, not a regular file"
     "7_loop.sql|a symbolic link loop" "8_dangling.sql|a dangling symbolic link")
# expect_bad WHAT FILE|REASON...: each file named on one line with its reason, in stdout or stderr.
expect_bad() {
  local what="$1" all="$STDOUT"$'\n'"$STDERR" one
  shift
  for one in "$@"; do
    grep -F -- "$d/${one%%|*}" <<<"$all" | grep -qF -- "${one#*|}" && pass || fail "$what: no '${one/|/: }' in: $all"
  done
}

for cmd in lint "plan --offline" plan apply status; do
  run timeout -k 1 10 "$MIGRATE" $cmd
  expect_code 2 "$cmd with a FIFO, a socket, a device, a directory and broken links named *.sql"
  expect_bad "$cmd" "${bad[@]}"
done
[ "$(psql -XAtc "SELECT to_regclass('good') IS NULL AND to_regclass('linked') IS NULL")" = t ] && pass ||
  fail "apply applied something beside the bad entries"

# Given to lint by name: the same errors, all reported; a missing file is still "no such file".
run timeout -k 1 10 "$MIGRATE" lint $d/3_fifo.sql $d/5_device.sql $d/7_loop.sql
expect_code 2
expect_bad "lint PATH..." "3_fifo.sql|cannot lint it: a FIFO (named pipe)" "5_device.sql|cannot lint it: a character device" \
  "7_loop.sql|cannot lint it: a symbolic link loop"
run "$MIGRATE" lint $d/9_missing.sql
expect_code 2
expect_stderr "$d/9_missing.sql: no such file or directory"

# An unreadable file: permission denied, with its name (checked as a user that root's bits stop).
write $d/9_secret.sql '-- migrate:expand
SELECT 1;
-- migrate:rollback
SELECT 1;
'
chmod 000 $d/9_secret.sql
as_user=()
if [ "$(id -u)" = 0 ]; then
  if command -v runuser >/dev/null && runuser -u nobody -- "$MIGRATE" --version >/dev/null 2>&1; then
    chmod 755 "$SCRATCH"
    as_user=(runuser -u nobody --)
  else
    echo "skipped: the unreadable file (running as root, and nobody cannot run $MIGRATE)"
  fi
fi
if [ "$(id -u)" != 0 ] || [ ${#as_user[@]} -gt 0 ]; then
  run "${as_user[@]}" timeout -k 1 10 "$MIGRATE" lint
  expect_code 2 "an unreadable file"
  expect_bad "unreadable" "9_secret.sql|permission denied" "3_fifo.sql|a FIFO (named pipe)"
fi
rm -f $d/9_secret.sql

# Without the bad entries, the linked file is applied like any other. A hidden file named .sql (no
# name before the extension) is not a migration, as std::filesystem would have it: it is skipped.
rm -rf $d/3_fifo.sql $d/4_socket.sql $d/5_device.sql $d/6_dir.sql $d/7_loop.sql $d/8_dangling.sql
write $d/.sql 'not SQL at all ('
run "$MIGRATE" apply --phase all
expect_code 0
expect_stdout "applied  app 2_linked expand"

# A FIFO mounted over a regular file's name: the directory's entry says regular file, what is there is
# not (checked where this may mount: root, in a mount namespace of its own).
if [ "$(id -u)" = 0 ] && unshare -m --propagation private true 2>/dev/null; then
  mkfifo "$SCRATCH/mounted_fifo"
  unshare -m --propagation private bash -c "mount --bind '$SCRATCH/mounted_fifo' $d/1_good.sql &&
    timeout -k 1 10 '$MIGRATE' plan --offline" >"$SCRATCH/mount.out" 2>&1
  code=$?
  [ "$code" = 2 ] && grep -qF "$d/1_good.sql: not a migration file: a FIFO (named pipe), not a regular file" "$SCRATCH/mount.out" &&
    pass || fail "a FIFO mounted over $d/1_good.sql (exit $code): $(cat "$SCRATCH/mount.out")"
else
  echo "skipped: a FIFO mounted over a file (needs root and unshare -m)"
fi

# A file name that is not UTF-8: named in the JSON with U+FFFD, not an internal error (exit 3).
write odd/1_a$'\xff'.sql '-- migrate:expand
SELECT 1;
-- migrate:rollback
SELECT 1;
'
for format in json sarif gitlab; do
  run "$MIGRATE" lint --format $format odd
  expect_code 2 "lint --format $format of a file name that is not UTF-8"
  /usr/bin/python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$OUT" && grep -qF $'1_a\xef\xbf\xbd.sql' "$OUT" &&
    pass || fail "lint --format $format: no U+FFFD in its JSON: $STDOUT $STDERR"
done

# Configuration files: a FIFO given with -c, or found as migrate.toml, is refused, not opened.
mkfifo fifo.toml
run timeout -k 1 10 "$MIGRATE" -c fifo.toml config show
expect_code 2 "-c FIFO"
expect_stderr "fifo.toml: cannot read the configuration file: a FIFO (named pipe), not a regular file"
# verify --seed FIFO: refused before any server starts.
mkfifo seed.sql
run timeout -k 1 10 "$MIGRATE" verify --seed seed.sql
expect_code 2 "verify --seed FIFO"
expect_stderr "--seed seed.sql: cannot read seed.sql: a FIFO (named pipe), not a regular file"
mkdir sub && mkfifo sub/migrate.toml
(cd sub && run timeout -k 1 10 "$MIGRATE" lint && { [ "$CODE" = 2 ] && grep -qF "migrate.toml: cannot read the configuration file: a FIFO" "$ERR"; }) &&
  pass || fail "a FIFO named migrate.toml: $(cat "$ERR")"
finish
