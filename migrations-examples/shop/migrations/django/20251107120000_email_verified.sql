-- Recipe: add a column and backfill it. customers.email_verified
-- is derived from legacy_status, then legacy_status goes. Until contract the old release keeps
-- writing legacy_status only: a trigger derives email_verified from what it wrote, and the default
-- comes after the backfill (a default in expand would give the old release's new rows false, and a
-- backfill of the NULL rows would skip them).
-- migrate:expand
ALTER TABLE customers ADD COLUMN email_verified boolean;
CREATE FUNCTION customers_email_verified_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only what the old release wrote: a row inserted without the column, or legacy_status changed
  -- with email_verified left as it was. What the new release writes is never overwritten.
  IF (TG_OP = 'INSERT' AND NEW.email_verified IS NULL)
     OR (TG_OP = 'UPDATE' AND NEW.legacy_status IS DISTINCT FROM OLD.legacy_status
         AND NEW.email_verified IS NOT DISTINCT FROM OLD.email_verified) THEN
    NEW.email_verified := coalesce(NEW.legacy_status = 'verified', false);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER customers_email_verified_sync BEFORE INSERT OR UPDATE ON customers
  FOR EACH ROW EXECUTE FUNCTION customers_email_verified_sync();
CREATE INDEX CONCURRENTLY customers_email_verified_idx ON customers (email_verified);
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS customers_email_verified_idx;
DROP TRIGGER IF EXISTS customers_email_verified_sync ON customers;
DROP FUNCTION IF EXISTS customers_email_verified_sync();
ALTER TABLE customers DROP COLUMN IF EXISTS email_verified;

-- migrate:migrate
-- migrate:backfill table=customers key=id batch=auto
UPDATE customers SET email_verified = coalesce(legacy_status = 'verified', false)
 WHERE id > $1 AND id <= $2 AND email_verified IS NULL;
-- Every row has a value: the backfill reached the old rows, the trigger the new ones.
-- migrate:check
SELECT id FROM customers WHERE email_verified IS NULL;
-- migrate:rollback
-- (nothing to undo: the column goes away with the expand rollback)

-- migrate:contract
ALTER TABLE customers ALTER COLUMN email_verified SET DEFAULT false;
DROP TRIGGER customers_email_verified_sync ON customers;
DROP FUNCTION customers_email_verified_sync();
ALTER TABLE customers DROP COLUMN legacy_status;
-- migrate:rollback irreversible
