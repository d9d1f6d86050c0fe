-- migrate:expand
BEGIN;
--
-- Add field stock to product
--
ALTER TABLE "shop_product" ADD COLUMN "stock" integer DEFAULT 0 NOT NULL CHECK ("stock" >= 0); -- expect: constraint-not-valid
ALTER TABLE "shop_product" ALTER COLUMN "stock" DROP DEFAULT;
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "shop_product" DROP COLUMN "stock" CASCADE;
COMMIT;
