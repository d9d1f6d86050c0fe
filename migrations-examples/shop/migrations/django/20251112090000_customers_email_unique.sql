-- Recipe: a unique constraint from an index built CONCURRENTLY. ADD CONSTRAINT ... USING INDEX only
-- renames the index into the constraint: a brief ACCESS EXCLUSIVE lock, no scan.
-- migrate:expand
CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON customers (email);
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE USING INDEX customers_email_key;
-- migrate:rollback
ALTER TABLE customers DROP CONSTRAINT IF EXISTS customers_email_key;
