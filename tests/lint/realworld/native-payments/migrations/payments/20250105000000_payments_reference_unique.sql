-- UNIQUE (reference): the index is built without blocking writes, then becomes the constraint.
-- migrate:expand
CREATE UNIQUE INDEX CONCURRENTLY payments_reference_key ON payments (reference);
ALTER TABLE payments ADD CONSTRAINT payments_reference_key UNIQUE USING INDEX payments_reference_key;
-- migrate:rollback
ALTER TABLE payments DROP CONSTRAINT IF EXISTS payments_reference_key;
DROP INDEX CONCURRENTLY IF EXISTS payments_reference_key;
