-- Meta.indexes = [models.Index(fields=["status", "-created_at"])], as makemigrations writes it.
-- migrate:expand
BEGIN;
--
-- Create index shop_order_status_8c1f2a_idx on field(s) status, -created_at of model order
--
CREATE INDEX "shop_order_status_8c1f2a_idx" ON "shop_order" ("status", "created_at" DESC); -- expect: index-not-concurrent
COMMIT;
-- migrate:rollback
BEGIN;
DROP INDEX IF EXISTS "shop_order_status_8c1f2a_idx"; -- expect: drop-index-not-concurrent
COMMIT;
