-- RunSQL written by hand: the column is NOT NULL from the start, with no default.
-- migrate:expand
BEGIN;
--
-- Raw SQL operation
--
ALTER TABLE "shop_order" ADD COLUMN "total" numeric(12, 2) NOT NULL; -- expect: add-column-required
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "shop_order" DROP COLUMN IF EXISTS "total";
COMMIT;
