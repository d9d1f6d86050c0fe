# The CI examples under ci-examples/ parse, have the jobs and reports they document, and every migrate
# command they run works: on a copy of the shop example made a git repository with a branch, against a
# database of its own (the release jobs) and a throwaway server (verify).
source "$(dirname "$0")/lib.sh"
own_database ci
PY=/usr/bin/python3 # Debian's, with python3-yaml

# The migrate lines of each file, in job order: "<file>\t<command>".
$PY - "$SOURCE_DIR/ci-examples" >"$SCRATCH/commands.tsv" <<'PY' && pass || fail "the CI examples do not parse"
import sys, yaml, pathlib
root = pathlib.Path(sys.argv[1])
gh = yaml.safe_load((root / "github-actions.yml").read_text())
assert set(gh["jobs"]) == {"lint", "verify", "release"}, gh["jobs"].keys()
steps = [s for j in gh["jobs"].values() for s in j["steps"]]
assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") and s["with"]["sarif_file"] == "migrate.sarif" for s in steps)
gl = yaml.safe_load((root / "gitlab-ci.yml").read_text())
assert gl["migrate-lint"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
for name, job in gh["jobs"].items():
    for s in job["steps"]:
        for line in s.get("run", "").splitlines():
            if line.strip().startswith("migrate "):
                print("github\t" + line.strip())
for name, job in gl.items():
    if isinstance(job, dict) and "script" in job:
        for line in job["script"]:
            if line.startswith("migrate "):
                print("gitlab\t" + line)
PY
[ "$(grep -c '' "$SCRATCH/commands.tsv")" -ge 14 ] && pass || fail "too few migrate commands found: $(cat "$SCRATCH/commands.tsv")"

# The shop example as a repository whose pull request adds a migration.
cp -r "$SOURCE_DIR/migrations-examples/shop/." repo && cd repo
git init -q -b main . && git config user.email t@example.com && git config user.name t
git add -A && git commit -qm base && git update-ref refs/remotes/origin/main HEAD && git checkout -qb feature
write migrations/django/20251201000000_nickname.sql '-- migrate:expand
ALTER TABLE customers ADD COLUMN nickname text;
-- migrate:rollback
ALTER TABLE customers DROP COLUMN nickname;
'
git add -A && git commit -qm nickname
export BASE_REF=main CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main DATABASE_URL="dbname=$OWN_DB"
current=""
while IFS=$'\t' read -r file command; do
  if [ "$file" != "$current" ]; then # each file's release runs on a fresh database
    dropdb "$OWN_DB" && createdb "$OWN_DB"
    current="$file"
  fi
  PATH="$(dirname "$MIGRATE"):$PATH" bash -c "$command" >"$SCRATCH/cmd.out" 2>"$SCRATCH/cmd.err" && pass ||
    fail "$file: '$command' exited $?: $(cat "$SCRATCH/cmd.err")"
  case "$command" in
    *"--format sarif"*) $PY -c 'import json; d = json.load(open("migrate.sarif")); assert d["version"] == "2.1.0"' && pass || fail "migrate.sarif" ;;
    *"--format gitlab"*) $PY -c 'import json; assert isinstance(json.load(open("gl-code-quality-report.json")), list)' && pass || fail "code quality report" ;;
    *"verify --format json"*) $PY -c 'import json; assert json.load(open("verify.json"))["ok"] is True' && pass || fail "verify.json" ;;
    "migrate status") grep -q "20251201000000_nickname" "$SCRATCH/cmd.out" && pass || fail "status after the release: $(cat "$SCRATCH/cmd.out")" ;;
  esac
done <"$SCRATCH/commands.tsv"
# The lint jobs reported on the pull request's file only.
run "$MIGRATE" lint --changed-since origin/main --format json
$PY -c 'import json,sys; d = json.load(open(sys.argv[1])); assert d["findings"] == [] and d["files"] == 9, d' "$OUT" && pass || fail "lint --changed-since: $STDOUT"
[ "$(psql -XAtc "SELECT count(*) FROM migrate.ledger WHERE status = 'applied'")" = 17 ] && pass || fail "the release did not apply every step"
finish
