-- migrate:expand
BEGIN;
--
-- Create constraint price_gte_0 on model product
--
ALTER TABLE "shop_product" ADD CONSTRAINT "price_gte_0" CHECK ("price" >= 0); -- expect: constraint-not-valid
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "shop_product" DROP CONSTRAINT "price_gte_0";
COMMIT;
