-- A data fix by primary key in the migrate phase (one row), and a comment: nothing to report.
-- migrate:migrate
UPDATE "shop_order" SET "status" = 'cancelled' WHERE "id" = 4211;
-- migrate:rollback
UPDATE "shop_order" SET "status" = 'pending' WHERE "id" = 4211;

-- migrate:contract
COMMENT ON COLUMN "shop_order"."status" IS 'pending, paid, shipped, cancelled (DROP TABLE is not a status)';
-- migrate:rollback
COMMENT ON COLUMN "shop_order"."status" IS NULL;
