-- migrate:expand
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id), UNIQUE (order_id, id));
-- migrate:rollback
DROP TABLE items;

-- migrate:migrate
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
-- migrate:rollback

-- migrate:contract
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
-- migrate:rollback
DROP INDEX CONCURRENTLY orders_user_id_idx;
