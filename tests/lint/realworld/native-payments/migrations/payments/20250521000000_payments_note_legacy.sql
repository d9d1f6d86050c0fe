-- note has had DEFAULT '' since the table was made (and is nullable since 20250505).
-- migrate:migrate
-- migrate:backfill table=payments key=id batch=auto
UPDATE payments SET note = coalesce(legacy_state, '') -- expect: backfill-skips-default
 WHERE id > $1 AND id <= $2 AND note IS NULL;
-- migrate:rollback
