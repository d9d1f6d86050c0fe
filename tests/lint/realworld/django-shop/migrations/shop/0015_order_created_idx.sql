-- RunSQL("CREATE INDEX CONCURRENTLY ...") left in an atomic migration: sqlmigrate wraps it in BEGIN/COMMIT.
-- migrate:expand
BEGIN;
--
-- Raw SQL operation
--
CREATE INDEX CONCURRENTLY "shop_order_created_at_idx" ON "shop_order" ("created_at"); -- expect: concurrently-in-transaction
COMMIT;
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS "shop_order_created_at_idx";
