-- The plan column got its default in expand, so rows the old release inserts meanwhile say 'standard'
-- and the backfill's IS NULL never reaches them.
-- migrate:expand
ALTER TABLE accounts ADD COLUMN plan text DEFAULT 'standard';
ALTER TABLE accounts ADD COLUMN legacy_tier text;
-- migrate:rollback
ALTER TABLE accounts DROP COLUMN IF EXISTS legacy_tier;
ALTER TABLE accounts DROP COLUMN IF EXISTS plan;

-- migrate:migrate
-- migrate:backfill table=accounts key=id batch=auto
UPDATE accounts SET plan = coalesce(legacy_tier, 'standard') -- expect: backfill-skips-default
 WHERE id > $1 AND id <= $2 AND plan IS NULL;
-- migrate:rollback
