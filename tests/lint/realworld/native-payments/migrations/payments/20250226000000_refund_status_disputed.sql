-- migrate:expand
ALTER TYPE refund_status ADD VALUE 'disputed';
INSERT INTO refunds (payment_id, amount_cents, status) VALUES (0, 0, 'disputed'); -- expect: enum-value-same-transaction
-- migrate:rollback irreversible
