-- migrate:expand
BEGIN;
--
-- Alter unique_together for orderline (1 constraint(s))
--
ALTER TABLE "shop_orderline" ADD CONSTRAINT "shop_orderline_order_id_product_id_8e7d6c5b_uniq" UNIQUE ("order_id", "product_id"); -- expect: unique-constraint-build
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "shop_orderline" DROP CONSTRAINT "shop_orderline_order_id_product_id_8e7d6c5b_uniq";
COMMIT;
