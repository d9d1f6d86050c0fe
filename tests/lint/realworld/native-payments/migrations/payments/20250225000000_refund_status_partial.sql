-- migrate:expand
ALTER TYPE refund_status ADD VALUE IF NOT EXISTS 'partial';
-- migrate:rollback irreversible

-- migrate:migrate
-- A later transaction: the new value may be used.
-- migrate:backfill table=refunds key=id batch=auto
UPDATE refunds SET status = 'partial'
 WHERE id > $1 AND id <= $2 AND status = 'succeeded' AND amount_cents < 0;
-- migrate:rollback
