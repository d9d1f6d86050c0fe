-- status is written by every release since 2024-11; old rows were filled by 20241120 (another repo).
-- migrate:expand
ALTER TABLE payments ADD CONSTRAINT payments_status_nn CHECK (status IS NOT NULL) NOT VALID;
-- migrate:rollback
ALTER TABLE payments DROP CONSTRAINT IF EXISTS payments_status_nn;

-- migrate:migrate
ALTER TABLE payments VALIDATE CONSTRAINT payments_status_nn;
ALTER TABLE payments ALTER COLUMN status SET NOT NULL;
ALTER TABLE payments DROP CONSTRAINT payments_status_nn;
-- migrate:rollback
ALTER TABLE payments ALTER COLUMN status DROP NOT NULL;
