-- migrate:expand
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID; -- fires
CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id)); -- fires
ALTER TABLE payments ADD COLUMN order_id bigint REFERENCES orders (id);
CREATE INDEX CONCURRENTLY payments_order_idx ON payments (order_id, paid_at);
ALTER TABLE refunds ADD COLUMN order_id bigint REFERENCES orders (id); -- fires
CREATE INDEX CONCURRENTLY refunds_at_order_idx ON refunds (at, order_id);
-- migrate:rollback
DROP TABLE items;
