-- Recipe: a foreign key added NOT VALID, then validated. The ADD takes a brief SHARE ROW EXCLUSIVE
-- lock on both tables and checks only new rows; VALIDATE scans the old ones under SHARE UPDATE
-- EXCLUSIVE, which lets reads and writes go on. The index serves the key's lookups and deletes.
-- migrate:expand
CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey
  FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
-- migrate:rollback
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_customer_id_fkey;
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;

-- migrate:migrate
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;
-- migrate:rollback
-- PostgreSQL cannot mark a key not validated again: put the NOT VALID one back, as expand left it.
ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;
-- migrate:allow lock-held-too-long reason="both locks are brief and each attempt is bounded by lock_timeout"
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey
  FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
