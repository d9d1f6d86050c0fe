-- quantity = models.BigIntegerField() (was PositiveIntegerField)
-- migrate:expand
BEGIN;
--
-- Alter field quantity on orderline
--
ALTER TABLE "shop_orderline" ALTER COLUMN "quantity" TYPE bigint USING "quantity"::bigint; -- expect: column-type-rewrite
COMMIT;
-- migrate:rollback
BEGIN;
ALTER TABLE "shop_orderline" ALTER COLUMN "quantity" TYPE integer USING "quantity"::integer; -- expect: column-type-rewrite
COMMIT;
