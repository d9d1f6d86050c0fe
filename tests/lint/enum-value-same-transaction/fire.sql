-- migrate:expand
ALTER TYPE order_status ADD VALUE 'refunded';
UPDATE orders SET status = 'refunded' WHERE id = 1; -- fires
-- migrate:rollback
