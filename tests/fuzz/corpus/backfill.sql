-- Recipe: add a column and backfill it. customers.email_verified is filled from legacy_status, then
-- legacy_status goes.
-- migrate:expand
ALTER TABLE customers ADD COLUMN email_verified boolean;
-- New rows get false from now on; the rows already there stay NULL until the backfill reaches them.
ALTER TABLE customers ALTER COLUMN email_verified SET DEFAULT false;
CREATE INDEX CONCURRENTLY customers_email_verified_idx ON customers (email_verified);
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS customers_email_verified_idx;
ALTER TABLE customers DROP COLUMN IF EXISTS email_verified;

-- migrate:migrate
-- migrate:backfill table=customers key=id batch=auto
UPDATE customers SET email_verified = coalesce(legacy_status = 'verified', false)
 WHERE id > $1 AND id <= $2 AND email_verified IS NULL;
-- migrate:rollback
-- (nothing to undo: the column goes away with the expand rollback)

-- migrate:contract
ALTER TABLE customers DROP COLUMN legacy_status;
-- migrate:rollback irreversible
