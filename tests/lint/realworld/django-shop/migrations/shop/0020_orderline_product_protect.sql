-- on_delete changed to PROTECT: Django drops and re-adds the foreign key, valid at once. Dropping
-- and re-adding in one transaction removes nothing anyone can see; the re-add scans both tables.
-- migrate:expand
BEGIN;
--
-- Alter field product on orderline
--
SET CONSTRAINTS "shop_orderline_product_id_0f1e2d3c_fk_shop_product_id" IMMEDIATE; ALTER TABLE "shop_orderline" DROP CONSTRAINT "shop_orderline_product_id_0f1e2d3c_fk_shop_product_id";
ALTER TABLE "shop_orderline" ADD CONSTRAINT "shop_orderline_product_id_0f1e2d3c_fk_shop_product_id" FOREIGN KEY ("product_id") REFERENCES "shop_product" ("id") DEFERRABLE INITIALLY DEFERRED; -- expect: constraint-not-valid
COMMIT;
-- migrate:rollback irreversible
