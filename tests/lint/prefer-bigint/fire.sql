-- migrate:expand
CREATE TABLE items (id serial PRIMARY KEY, order_id integer REFERENCES orders, qty integer); -- fires
ALTER TABLE items ADD COLUMN parent_id int; -- fires
-- migrate:rollback
DROP TABLE items;
