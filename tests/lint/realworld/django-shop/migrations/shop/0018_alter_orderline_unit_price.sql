-- unit_price = models.DecimalField(max_digits=12, decimal_places=2): more precision, same scale.
-- migrate:expand
BEGIN;
--
-- Alter field unit_price on orderline
--
ALTER TABLE "shop_orderline" ALTER COLUMN "unit_price" TYPE numeric(12, 2);
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "shop_orderline" ALTER COLUMN "unit_price" TYPE numeric(10, 2); -- expect: column-type-rewrite
COMMIT;
