-- migrate:expand
CREATE TABLE items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, order_id bigint REFERENCES orders, qty integer);
ALTER TABLE items ADD COLUMN position smallint;
-- migrate:rollback
DROP TABLE items;
