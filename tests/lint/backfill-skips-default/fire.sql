-- The README's old example: the default makes the predicate skip what the old release inserts.
-- migrate:expand
ALTER TABLE customers ADD COLUMN email_verified boolean DEFAULT false;
ALTER TABLE customers ALTER COLUMN score SET DEFAULT 0;
-- migrate:rollback
ALTER TABLE customers ALTER COLUMN score DROP DEFAULT;
ALTER TABLE customers DROP COLUMN IF EXISTS email_verified;

-- migrate:migrate
-- migrate:backfill table=customers key=id
UPDATE customers SET email_verified = (legacy_status = 'verified') -- fires
 WHERE id > $1 AND id <= $2 AND email_verified IS NULL;
-- migrate:backfill table=customers key=id
UPDATE customers SET score = 1 -- fires (SET DEFAULT in expand)
 WHERE score IS NULL AND id > $1 AND id <= $2;
-- migrate:backfill table=customers key=id
UPDATE customers SET plan = lower(legacy_status) -- fires (a default since the table was made)
 WHERE id > $1 AND id <= $2 AND (plan IS NULL);
-- migrate:rollback
