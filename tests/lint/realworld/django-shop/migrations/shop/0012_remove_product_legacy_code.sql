-- migrate:contract
BEGIN;
--
-- Remove field legacy_code from product
--
ALTER TABLE "shop_product" DROP COLUMN "legacy_code" CASCADE;
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "shop_product" ADD COLUMN "legacy_code" text NULL;
COMMIT;
