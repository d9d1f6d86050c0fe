-- migrate:expand
ALTER TABLE refunds ADD CONSTRAINT refunds_amount_nonzero CHECK (amount_cents <> 0) NOT VALID;
ALTER TABLE refunds VALIDATE CONSTRAINT refunds_amount_nonzero; -- expect: validate-in-same-transaction
-- migrate:rollback
ALTER TABLE refunds DROP CONSTRAINT IF EXISTS refunds_amount_nonzero;
