-- Hand-edited: the unique index is built concurrently, the constraint attached from it.
-- migrate:expand
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "shop_product_sku_key" ON "shop_product" ("sku");
-- migrate:rollback
DROP INDEX CONCURRENTLY IF EXISTS "shop_product_sku_key";

-- migrate:migrate
ALTER TABLE "shop_product" ADD CONSTRAINT "shop_product_sku_key" UNIQUE USING INDEX "shop_product_sku_key"; -- expect: schema-change-in-migrate
-- migrate:rollback
ALTER TABLE "shop_product" DROP CONSTRAINT IF EXISTS "shop_product_sku_key";
