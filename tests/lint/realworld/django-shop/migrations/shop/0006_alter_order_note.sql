-- note = models.TextField(default="") (was null=True)
-- migrate:expand
BEGIN;
--
-- Alter field note on order
--
UPDATE "shop_order" SET "note" = '' WHERE "note" IS NULL; SET CONSTRAINTS ALL IMMEDIATE; -- expect: unbatched-dml
ALTER TABLE "shop_order" ALTER COLUMN "note" SET NOT NULL; -- expect: set-not-null-scan
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "shop_order" ALTER COLUMN "note" DROP NOT NULL;
COMMIT;
