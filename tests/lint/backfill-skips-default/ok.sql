-- migrate:expand
ALTER TABLE customers ADD COLUMN email_verified boolean;
ALTER TABLE customers ADD COLUMN tier text DEFAULT NULL;
ALTER TABLE customers ALTER COLUMN plan DROP DEFAULT;
-- migrate:rollback
ALTER TABLE customers ALTER COLUMN plan SET DEFAULT 'free';
ALTER TABLE customers DROP COLUMN IF EXISTS tier;
ALTER TABLE customers DROP COLUMN IF EXISTS email_verified;

-- migrate:migrate
-- No default: IS NULL is exactly the rows not done yet.
-- migrate:backfill table=customers key=id
UPDATE customers SET email_verified = (legacy_status = 'verified')
 WHERE id > $1 AND id <= $2 AND email_verified IS NULL;
-- DEFAULT NULL is no default.
-- migrate:backfill table=customers key=id
UPDATE customers SET tier = 'a' WHERE id > $1 AND id <= $2 AND tier IS NULL;
-- The default was dropped in expand.
-- migrate:backfill table=customers key=id
UPDATE customers SET plan = 'x' WHERE id > $1 AND id <= $2 AND plan IS NULL;
-- A default, but the predicate is the convergence condition.
-- migrate:backfill table=customers key=id
UPDATE customers SET score = 1 WHERE id > $1 AND id <= $2 AND score IS DISTINCT FROM 1;
-- IS NULL of another column than the one it sets.
-- migrate:backfill table=customers key=id
UPDATE customers SET score = 2 WHERE id > $1 AND id <= $2 AND legacy_status IS NULL;
-- Inside an OR, the rows with the default are still reached.
-- migrate:backfill table=customers key=id
UPDATE customers SET score = 3 WHERE id > $1 AND id <= $2 AND (score IS NULL OR score <> 3);
-- migrate:rollback

-- migrate:contract
ALTER TABLE customers ALTER COLUMN email_verified SET DEFAULT false;
-- migrate:rollback
ALTER TABLE customers ALTER COLUMN email_verified DROP DEFAULT;
