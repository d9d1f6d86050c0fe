-- One makemigrations run touching two models in one atomic migration.
-- migrate:expand
BEGIN;
--
-- Add field tracking_number to order
--
ALTER TABLE "shop_order" ADD COLUMN "tracking_number" varchar(64) NULL; -- expect: prefer-text
--
-- Add field shipped_at to order
--
ALTER TABLE "shop_order" ADD COLUMN "shipped_at" timestamp with time zone NULL;
--
-- Add field weight_grams to product
--
ALTER TABLE "shop_product" ADD COLUMN "weight_grams" integer NULL; -- expect: lock-held-too-long
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "shop_product" DROP COLUMN "weight_grams" CASCADE;
ALTER TABLE "shop_order" DROP COLUMN "shipped_at" CASCADE; -- expect: lock-held-too-long
ALTER TABLE "shop_order" DROP COLUMN "tracking_number" CASCADE;
COMMIT;
