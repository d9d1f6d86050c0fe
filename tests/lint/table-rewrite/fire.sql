-- migrate:contract
VACUUM FULL orders; -- fires
CLUSTER orders USING orders_pkey; -- fires
ALTER TABLE orders SET TABLESPACE fast; -- fires
ALTER TABLE orders SET UNLOGGED; -- fires
VACUUM orders;
VACUUM (FULL) users; -- fires
VACUUM (FULL true) users; -- fires
-- migrate:rollback irreversible
