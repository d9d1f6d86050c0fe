-- migrate:expand
CREATE INDEX CONCURRENTLY refunds_payment_id_idx ON refunds (payment_id);
ALTER TABLE refunds ADD CONSTRAINT refunds_payment_id_fkey
  FOREIGN KEY (payment_id) REFERENCES payments (id) NOT VALID;
-- migrate:rollback
ALTER TABLE refunds DROP CONSTRAINT IF EXISTS refunds_payment_id_fkey;
DROP INDEX CONCURRENTLY IF EXISTS refunds_payment_id_idx;

-- migrate:migrate
ALTER TABLE refunds VALIDATE CONSTRAINT refunds_payment_id_fkey;
-- migrate:rollback
-- (the expand rollback drops the key)
