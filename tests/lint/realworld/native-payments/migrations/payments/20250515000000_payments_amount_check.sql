-- The CHECK is added NOT VALID in expand and validated in migrate; contract drops the old status column.
-- migrate:expand
ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount_cents > 0) NOT VALID;
-- migrate:rollback
ALTER TABLE payments DROP CONSTRAINT IF EXISTS payments_amount_positive;

-- migrate:migrate
ALTER TABLE payments VALIDATE CONSTRAINT payments_amount_positive;
-- migrate:rollback

-- migrate:contract
ALTER TABLE payments DROP COLUMN legacy_state;
-- migrate:rollback
ALTER TABLE payments ADD COLUMN legacy_state text;
