-- Recipe: NOT NULL without a long lock. The CHECK is added NOT VALID (instant), validated (a scan
-- under SHARE UPDATE EXCLUSIVE, reads and writes go on), and SET NOT NULL then uses it instead of
-- scanning the table under ACCESS EXCLUSIVE. The helper CHECK has done its job and goes.
-- migrate:expand
ALTER TABLE customers ADD CONSTRAINT customers_email_verified_not_null
  CHECK (email_verified IS NOT NULL) NOT VALID;
-- migrate:rollback
ALTER TABLE customers DROP CONSTRAINT IF EXISTS customers_email_verified_not_null;

-- migrate:migrate
ALTER TABLE customers VALIDATE CONSTRAINT customers_email_verified_not_null;
ALTER TABLE customers ALTER COLUMN email_verified SET NOT NULL;
ALTER TABLE customers DROP CONSTRAINT customers_email_verified_not_null;
-- migrate:rollback
ALTER TABLE customers ALTER COLUMN email_verified DROP NOT NULL;
ALTER TABLE customers ADD CONSTRAINT customers_email_verified_not_null
  CHECK (email_verified IS NOT NULL) NOT VALID;
