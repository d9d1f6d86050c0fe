-- migrate:expand
CREATE SEQUENCE payments_seq;
ALTER TABLE payments ADD COLUMN created_by text NOT NULL DEFAULT current_user;
ALTER TABLE payments ADD COLUMN idempotency_key uuid DEFAULT gen_random_uuid(); -- expect: add-column-rewrite
ALTER TABLE payments ADD COLUMN seq bigint DEFAULT nextval('payments_seq'); -- expect: add-column-rewrite
ALTER TABLE payments ADD COLUMN captured_at timestamptz DEFAULT clock_timestamp(); -- expect: add-column-rewrite
ALTER TABLE payments ADD COLUMN batch_day date DEFAULT current_date;
-- migrate:rollback
ALTER TABLE payments
  DROP COLUMN IF EXISTS batch_day,
  DROP COLUMN IF EXISTS captured_at,
  DROP COLUMN IF EXISTS seq,
  DROP COLUMN IF EXISTS idempotency_key,
  DROP COLUMN IF EXISTS created_by;
DROP SEQUENCE IF EXISTS payments_seq;
